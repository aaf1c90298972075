import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openProject } from '../../src/config/project.js';
import { currentLearner } from '../../src/session/learner.js';
import { openSessionStore } from '../../src/session/store.js';
import { tempDir } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';
import { useWatchSessions, waitForEvents } from '../helpers/watch.js';

/** A watch session told what was saved by an editor (`lsp`), beside another process on the same record. */

const open = useWatchSessions();

describe('a watch session fed by an editor', () => {
  it('reviews only what it is asked to, even when asked before it is ready, and drops a note another process dismissed', async () => {
    vi.stubEnv('ARCHANGEL_CACHE_DIR', tempDir());
    const learner = learnerRepo(zodGolden());
    appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
    const { session, events } = open({ project: await openProject(learner.dir), offline: true, saves: 'editor' });
    session.reviewFiles(['src/users.ts']);
    await session.start();
    await waitForEvents(events, () => events.some((event) => event.type === 'review-end'));
    expect(events.filter((event) => event.type === 'review-start')).toEqual([{ type: 'review-start', reviewId: 1, paths: ['src/users.ts'] }]);
    const notes = events.flatMap((event) => (event.type === 'tutor' && event.event.type === 'note-end' ? [event.event.note] : []));
    expect(notes.length).toBeGreaterThan(0);
    expect(session.noteState(notes[0]!.id)).toEqual({ note: notes[0], level: 1 });

    // Another process (its own connection to state.db) dismisses the first note.
    const other = openSessionStore(join(learner.dir, '.archangel', 'state.db'), { learner: currentLearner(learner.dir) });
    other.dismiss(notes[0]!.id);
    other.close();
    await waitForEvents(events, () => events.some((event) => event.type === 'note-dismissed'));
    expect(events.filter((event) => event.type === 'note-dismissed')).toEqual([{ type: 'note-dismissed', noteId: notes[0]!.id }]);
    expect(session.noteState(notes[0]!.id)).toBeUndefined();
  }, 60_000);

  it('diffs a save against the commit made since the last review, which nothing told it of', async () => {
    vi.stubEnv('ARCHANGEL_CACHE_DIR', tempDir());
    const learner = learnerRepo();
    appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
    const { session, events } = open({ project: await openProject(learner.dir), offline: true, saves: 'editor' });
    await session.start();
    const changes = () => events.flatMap((event) => (event.type === 'changes' ? [event.files] : []));
    session.reviewFiles(['src/users.ts']);
    await waitForEvents(events, () => changes().length === 1);
    learner.commit('keep the loader');
    appendFileSync(join(learner.dir, 'src/users.ts'), 'export const limit = 10;\n');
    session.reviewFiles(['src/users.ts']);
    await waitForEvents(events, () => changes().length === 2);
    expect(changes()[1]).toMatchObject([{ path: 'src/users.ts', additions: 1, deletions: 0 }]);
  }, 60_000);
});
