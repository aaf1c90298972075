import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openProject } from '../../src/config/project.js';
import { currentLearner } from '../../src/session/learner.js';
import { openSessionStore } from '../../src/session/store.js';
import { tempDir } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';
import { useWatchSessions, waitForEvents } from '../helpers/watch.js';

/** `archangel watch` inside a pair session (`archangel pair` sets the context): a real repository, state.db and golden index. */

const PAIR = { session: 'pair-2', driver: 'ana@example.com', navigator: 'ada' };


const open = useWatchSessions();

describe('watch in a pair session', () => {
  it('shows the navigator notes of this pair session again when watch restarts, and only those', async () => {
    const learner = learnerRepo(undefined, PAIR.driver);
    const store = openSessionStore(join(learner.dir, '.archangel', 'state.db'), { learner: currentLearner(learner.dir) });
    store.appendPairNote({ pairSession: 'pair-1', repo: learner.dir, branch: 'main', author: 'bo', text: 'from an earlier session', at: 1_000 });
    store.appendPairNote({ pairSession: PAIR.session, repo: learner.dir, branch: 'main', author: 'ada', text: 'ask what the caller sees', at: 2_000 });
    store.appendPairNote({ pairSession: PAIR.session, repo: learner.dir, branch: 'main', author: 'ada', text: 'then the log line', at: 3_000 });
    store.close();

    const { session, events } = open({ project: await openProject(learner.dir), offline: true, pair: PAIR });
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
    const { session, events } = open({ project: await openProject(learner.dir), offline: true, pair: PAIR });
    await session.start();
    await waitForEvents(events, () => events.some((event) => event.type === 'review-end'));
    const notes = events.flatMap((event) => (event.type === 'tutor' && event.event.type === 'note-end' ? [event.event.note] : []));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note.ladder[0]?.text).toMatch(/^ada, ask ana: \S/);
  }, 60_000);
});
