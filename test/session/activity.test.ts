import { afterEach, describe, expect, it } from 'vitest';
import { openSessionStore } from '../../src/session/store.js';
import { removeTempDirs } from '../helpers/git.js';
import { codeOf, fakeClock, note, REPO, review, statePath } from './fixtures.js';

const MINUTE = 60_000;

describe('what happened in a stretch of time (pair session summaries)', () => {
  afterEach(removeTempDirs);

  it('returns the notes shown, hints climbed, dismissals and questions inside the window only', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ana@example.org', now: clock.now });
    const before = store.startReview(review());
    store.recordNotes(before, [note('old', { title: 'before the session' })], codeOf);
    store.climb('old', 2);
    store.appendChat({ repo: REPO, branch: 'feat/retry', role: 'user', text: 'asked before' });
    clock.advance(10 * MINUTE);
    const since = clock.now();

    const during = store.startReview(review());
    store.recordNotes(during, [note('a', { topic: 'ts.naming.function', title: 'naming' }), note('b')], codeOf);
    store.climb('a', 2);
    store.climb('a', 3);
    store.dismiss('b');
    store.appendChat({ repo: REPO, branch: 'feat/retry', role: 'user', text: 'why camelCase?' });
    store.appendChat({ repo: REPO, branch: 'feat/retry', role: 'assistant', text: 'an answer' });
    store.appendChat({ repo: '/elsewhere', branch: 'main', role: 'user', text: 'another repository' });
    store.appendPairNote({ pairSession: 'p', repo: REPO, branch: 'feat/retry', author: 'ada', text: 'ask about the caller' });
    const until = clock.now();
    clock.advance(MINUTE);
    store.appendPairNote({ pairSession: 'p', repo: REPO, branch: 'feat/retry', author: 'ada', text: 'after the stop' });

    const activity = store.activity({ repo: REPO, since, until });
    expect(activity.notes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(activity.hints.map((h) => [h.noteId, h.level])).toEqual([['a', 2], ['a', 3]]);
    expect(activity.dismissed.map((n) => n.id)).toEqual(['b']);
    expect(activity.questions.map((m) => m.text)).toEqual(['why camelCase?']);
    expect(store.pairNotes({ repo: REPO, since, until }).map((n) => [n.author, n.text, n.learner])).toEqual([['ada', 'ask about the caller', 'ana@example.org']]);
    store.close();
  });

  it('keeps navigator notes per driver: another learner\'s record does not see them', () => {
    const path = statePath();
    const clock = fakeClock();
    const ana = openSessionStore(path, { learner: 'ana@example.org', now: clock.now });
    ana.appendPairNote({ pairSession: 'p', repo: REPO, branch: 'main', author: 'ada', text: 'for ana' });
    ana.close();
    const bob = openSessionStore(path, { learner: 'bob@example.org', now: clock.now });
    expect(bob.pairNotes({ repo: REPO, since: 0, until: clock.now() })).toEqual([]);
    bob.close();
  });
});
