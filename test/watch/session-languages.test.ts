import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openProject } from '../../src/config/project.js';
import { attachPlainView } from '../../src/watch/plain-view.js';
import { createWatchSession, type WatchSession } from '../../src/watch/session.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { fromNodeModules } from '../helpers/corpus.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';

/** `archangel watch` on code in a language the golden repositories (zod: TypeScript) teach nothing about: Python. */

let session: WatchSession | undefined;
afterEach(async () => {
  await session?.quit();
  session = undefined;
  vi.unstubAllEnvs();
  removeTempDirs();
});

async function waitFor(events: WatchEvent[], found: () => boolean): Promise<void> {
  for (let tries = 0; tries < 600 && !found(); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!found()) throw new Error(`timed out; events: ${events.map((event) => event.type).join(', ')}`);
}

describe('watch on a language without golden conventions', () => {
  it('marks each review whose changes are in a language the golden code teaches nothing about; the plain view says so once', async () => {
    vi.stubEnv('ARCHANGEL_CACHE_DIR', tempDir());
    const learner = learnerRepo(zodGolden());
    writeFileSync(join(learner.dir, 'src/flatted.py'), fromNodeModules('flatted/python/flatted.py'));
    const events: WatchEvent[] = [];
    const lines: string[] = [];
    session = createWatchSession({ project: await openProject(learner.dir), offline: true });
    session.subscribe((event) => events.push(event));
    attachPlainView(session, (line) => lines.push(line));
    await session.start();
    const ended = () => events.filter((event) => event.type === 'review-end').length;
    await waitFor(events, () => ended() === 1);
    session.reviewAgain();
    await waitFor(events, () => ended() === 2);

    const changes = events.flatMap((event) => (event.type === 'changes' ? [event.withoutRules] : []));
    expect(changes).toEqual([['python'], ['python']]);
    expect(lines.filter((line) => line.includes('teach no Python conventions yet'))).toHaveLength(1);
    expect(lines.some((line) => /^note: The golden repositories teach no Python conventions yet/.test(line))).toBe(true);
  }, 60_000);
});
