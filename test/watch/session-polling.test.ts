import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openProject } from '../../src/config/project.js';
import { attachPlainView } from '../../src/watch/plain-view.js';
import { tempDir } from '../helpers/git.js';
import { learnerRepo } from '../helpers/learner.js';
import { useWatchSessions, waitForEvents } from '../helpers/watch.js';

/** `"watch": { "poll": true }` in archangel.json: saves are found by polling, and watch says so. */

const open = useWatchSessions();

describe('watch with watch.poll', () => {
  it('polls, says so in its status and plain line, and reviews a save', async () => {
    vi.stubEnv('ARCHANGEL_CACHE_DIR', tempDir());
    const learner = learnerRepo();
    learner.commit('poll', { 'archangel.json': JSON.stringify({ golden: [], watch: { poll: true } }) });
    const lines: string[] = [];
    const { session, events } = open({ project: await openProject(learner.dir), offline: true });
    attachPlainView(session, (line) => lines.push(line));
    await session.start();
    const statuses = events.flatMap((event) => (event.type === 'status' ? [event.status] : []));
    expect(statuses.at(-1)?.polling).toBe('watch.poll');
    expect(lines.filter((line) => line.startsWith('archangel:')).at(-1)).toMatch(/ · polling \(watch\.poll\)\n$/);

    const reviewed = (path: string) => events.some((event) => event.type === 'review-start' && event.paths.includes(path));
    await waitForEvents(events, () => events.some((event) => event.type === 'review-end'));
    writeFileSync(join(learner.dir, 'src/users.ts'), 'export const users = 1;\n');
    await waitForEvents(events, () => reviewed('src/users.ts'));
  }, 60_000);
});
