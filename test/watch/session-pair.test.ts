import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openProject } from '../../src/config/project.js';
import { currentLearner } from '../../src/session/learner.js';
import { openSessionStore } from '../../src/session/store.js';
import { createWatchSession, type WatchSession } from '../../src/watch/session.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';

/** `archangel watch` inside a pair session (`archangel pair` sets the context): a real repository, state.db and golden index. */

const PAIR = { session: 'pair-2', driver: 'ana@example.com', navigator: 'ada' };


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

describe('watch in a pair session', () => {
  it('shows the navigator notes of this pair session again when watch restarts, and only those', async () => {
    const learner = learnerRepo(undefined, PAIR.driver);
    const store = openSessionStore(join(learner.dir, '.archangel', 'state.db'), { learner: currentLearner(learner.dir) });
    store.appendPairNote({ pairSession: 'pair-1', repo: learner.dir, branch: 'main', author: 'bo', text: 'from an earlier session', at: 1_000 });
    store.appendPairNote({ pairSession: PAIR.session, repo: learner.dir, branch: 'main', author: 'ada', text: 'ask what the caller sees', at: 2_000 });
    store.appendPairNote({ pairSession: PAIR.session, repo: learner.dir, branch: 'main', author: 'ada', text: 'then the log line', at: 3_000 });
    store.close();

    const events: WatchEvent[] = [];
    session = createWatchSession({ project: await openProject(learner.dir), offline: true, pair: PAIR });
    session.subscribe((event) => events.push(event));
    await session.start();
    const notes = events.filter((event) => event.type === 'navigator-note');
    expect(notes).toEqual([
      { type: 'navigator-note', author: 'ada', text: 'ask what the caller sees' },
      { type: 'navigator-note', author: 'ada', text: 'then the log line' },
    ]);
  });

  it('has the offline mentor put its question to the navigator and the driver', async () => {
    vi.stubEnv('ARCHANGEL_CACHE_DIR', tempDir());
    const learner = learnerRepo(zodGolden(), PAIR.driver);
    appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
    const events: WatchEvent[] = [];
    session = createWatchSession({ project: await openProject(learner.dir), offline: true, pair: PAIR });
    session.subscribe((event) => events.push(event));
    await session.start();
    await waitFor(events, () => events.some((event) => event.type === 'review-end'));
    const notes = events.flatMap((event) => (event.type === 'tutor' && event.event.type === 'note-end' ? [event.event.note] : []));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note.ladder[0]?.text).toMatch(/^ada, ask ana: \S/);
  }, 60_000);
});
