import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openProject } from '../../src/config/project.js';
import { createWatchSession, type WatchSession } from '../../src/watch/session.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { fromNodeModules } from '../helpers/corpus.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';

/** `archangel watch` on code in a language the golden repositories (zod: TypeScript) teach nothing about. */

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
  it('says once a session that JavaScript is held to no convention, instead of a silence that reads as approval', async () => {
    vi.stubEnv('ARCHANGEL_CACHE_DIR', tempDir());
    const learner = learnerRepo(zodGolden());
    writeFileSync(join(learner.dir, 'src/help.js'), fromNodeModules('commander/lib/help.js'));
    const events: WatchEvent[] = [];
    session = createWatchSession({ project: await openProject(learner.dir), offline: true });
    session.subscribe((event) => events.push(event));
    await session.start();
    const ended = () => events.filter((event) => event.type === 'review-end').length;
    await waitFor(events, () => ended() === 1);
    const told = () => events.flatMap((event) => (event.type === 'notice' && /teach no/.test(event.message) ? [event.message] : []));
    expect(told()).toEqual([expect.stringContaining('The golden repositories teach no JavaScript conventions yet')]);

    session.reviewAgain();
    await waitFor(events, () => ended() === 2);
    expect(told()).toHaveLength(1);
  }, 60_000);
});
