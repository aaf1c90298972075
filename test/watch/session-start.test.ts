import { describe, expect, it, vi } from 'vitest';
import { openProject } from '../../src/config/project.js';
import type { WatchStatus } from '../../src/watch/types.js';
import { tempDir } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';
import { useWatchSessions } from '../helpers/watch.js';

/** What `archangel watch` says while it starts: the view is up before the index and tutors are. */

const open = useWatchSessions();

describe('watch session start', () => {
  it('says the index is being checked, on the right branch, before it indexes and opens the tutor', async () => {
    vi.stubEnv('ARCHANGEL_CACHE_DIR', tempDir());
    const learner = learnerRepo(zodGolden());
    const { session, events } = open({ project: await openProject(learner.dir), offline: true });
    await session.start();

    const statuses = events.flatMap((event) => (event.type === 'status' ? [event.status] : []));
    expect(statuses[0]).toMatchObject<Partial<WatchStatus>>({ branch: 'main', index: 'checking…', tutor: 'starting' });
    // The golden repository is indexed after that first status, and the last one says what came of it.
    const firstStatus = events.findIndex((event) => event.type === 'status');
    const firstProgress = events.findIndex((event) => event.type === 'index-progress');
    expect(firstProgress).toBeGreaterThan(firstStatus);
    expect(statuses.at(-1)).toMatchObject<Partial<WatchStatus>>({ branch: 'main', index: '1 repo, indexed just now', tutor: 'offline mentor' });
  }, 60_000);
});
