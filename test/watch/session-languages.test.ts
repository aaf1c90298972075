import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openProject } from '../../src/config/project.js';
import { attachPlainView } from '../../src/watch/plain-view.js';
import { fromNodeModules } from '../helpers/corpus.js';
import { tempDir } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';
import { useWatchSessions, waitForEvents } from '../helpers/watch.js';

/** `archangel watch` on code in a language the golden repositories (zod: TypeScript) teach nothing about: Python. */

const open = useWatchSessions();

describe('watch on a language without golden conventions', () => {
  it('marks each review whose changes are in a language the golden code teaches nothing about; the plain view says so once', async () => {
    vi.stubEnv('ARCHANGEL_CACHE_DIR', tempDir());
    const learner = learnerRepo(zodGolden());
    writeFileSync(join(learner.dir, 'src/flatted.py'), fromNodeModules('flatted/python/flatted.py'));
    const lines: string[] = [];
    const { session, events } = open({ project: await openProject(learner.dir), offline: true });
    attachPlainView(session, (line) => lines.push(line));
    await session.start();
    const ended = () => events.filter((event) => event.type === 'review-end').length;
    await waitForEvents(events, () => ended() === 1);
    session.reviewAgain();
    await waitForEvents(events, () => ended() === 2);

    const changes = events.flatMap((event) => (event.type === 'changes' ? [event.withoutRules] : []));
    expect(changes).toEqual([['python'], ['python']]);
    expect(lines.filter((line) => line.includes('teach no Python conventions yet'))).toHaveLength(1);
    expect(lines.some((line) => /^note: The golden repositories teach no Python conventions yet/.test(line))).toBe(true);
  }, 60_000);
});
