import { afterEach, describe, expect, it } from 'vitest';
import { openSessionStore } from '../../src/session/store.js';
import { removeTempDirs } from '../helpers/git.js';
import { codeOf, fakeClock, note, REPO, review, statePath } from './fixtures.js';

describe('session notes', () => {
  afterEach(removeTempDirs);

  it('stores a note with everything it was about', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@example.org', now: clock.now });
    const reviewId = store.startReview(review());
    const given = note('n1');
    store.recordNotes(reviewId, [given], codeOf);

    expect(store.getNote('n1')).toEqual({
      id: 'n1',
      learner: 'ada@example.org',
      repo: REPO,
      branch: 'feat/retry',
      path: 'src/user-service.ts',
      startLine: 9,
      endLine: 13,
      topic: 'ts.errors.empty-catch',
      category: 'errors',
      severity: 'warn',
      title: 'error handling',
      source: 'offline',
      partial: false,
      code: 'code of n1',
      ladder: given.ladder,
      evidence: given.evidence,
      firstSeen: clock.now(),
      lastSeen: clock.now(),
      timesSeen: 1,
      maxLevel: 1,
      dismissedAt: null,
      resolvedAt: null,
      resolvedUnaided: null,
      resolvedReviewId: null,
      timesResolved: 0,
      unaidedFixes: 0,
      relapses: 0,
      firstReviewId: reviewId,
      lastReviewId: reviewId,
      climbMs: null,
    });
    expect(store.wasShown('n1')).toBe(true);
    expect(store.wasShown('never')).toBe(false);
    store.close();
  });

  it('counts a note seen on two saves twice, keeping the first sighting', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@example.org', now: clock.now });
    const first = store.startReview(review());
    store.recordNotes(first, [note('n1')], codeOf);
    const firstSeen = clock.now();
    clock.advance(60_000);
    const second = store.startReview(review());
    store.recordNotes(second, [note('n1', { startLine: 19, endLine: 23 })], codeOf);

    expect(store.getNote('n1')).toMatchObject({ timesSeen: 2, firstSeen, lastSeen: clock.now(), firstReviewId: first, lastReviewId: second, startLine: 19, endLine: 23 });
    store.close();
  });

  it('never shows a dismissed note again, even after the store is reopened', () => {
    const path = statePath();
    const store = openSessionStore(path, { learner: 'ada@example.org' });
    store.recordNotes(store.startReview(review()), [note('n1'), note('n2')], codeOf);
    expect(store.dismiss('n1')).toBe(true);
    expect(store.dismiss('unknown')).toBe(false);
    expect(store.isDismissed('n1')).toBe(true);
    expect(store.filterShowable([note('n1'), note('n2'), note('n3')]).map((n) => n.id)).toEqual(['n2', 'n3']);
    store.close();

    const reopened = openSessionStore(path, { learner: 'ada@example.org' });
    reopened.recordNotes(reopened.startReview(review()), [note('n1')], codeOf);
    expect(reopened.isDismissed('n1')).toBe(true);
    expect(reopened.filterShowable([note('n1'), note('n2')]).map((n) => n.id)).toEqual(['n2']);
    expect(reopened.openNotes({ repo: REPO }).map((n) => n.id)).toEqual(['n2']);
    reopened.close();
  });

  it('logs every rung climbed and keeps the highest', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@example.org', now: clock.now });
    store.recordNotes(store.startReview(review()), [note('n1')], codeOf);
    const t0 = clock.now();
    for (const level of [2, 3, 4] as const) {
      clock.advance(2_000);
      expect(store.climb('n1', level)).toBe(true);
    }
    expect(store.climb('n1', 2)).toBe(true);
    expect(store.climb('unknown', 2)).toBe(false);

    expect(store.getNote('n1')?.maxLevel).toBe(4);
    expect(store.hintEvents('n1')).toEqual([
      { noteId: 'n1', level: 2, at: t0 + 2_000 },
      { noteId: 'n1', level: 3, at: t0 + 4_000 },
      { noteId: 'n1', level: 4, at: t0 + 6_000 },
      { noteId: 'n1', level: 2, at: t0 + 6_000 },
    ]);
    store.close();
  });

  it('resolves the notes a review saw fixed, unaided when only L1 was seen, and only open ones', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@example.org' });
    const first = store.startReview(review({ files: ['a.ts', 'b.ts'] }));
    store.recordNotes(first, [note('a1', { path: 'a.ts' }), note('a2', { path: 'a.ts' }), note('b1', { path: 'b.ts' }), note('c1', { path: 'c.ts' }), note('d1', { path: 'a.ts' })], codeOf);
    store.climb('a2', 3);
    store.dismiss('d1');

    const second = store.startReview(review({ files: ['a.ts', 'b.ts'] }));
    const resolved = store.markResolved(second, ['a1', 'a2', 'a1', 'd1', 'unknown']);

    expect(resolved).toEqual(['a1', 'a2']);
    expect(store.markResolved(store.startReview(review()), ['a1']), 'already resolved').toEqual([]);
    expect(store.getNote('d1')?.resolvedAt).toBeNull();
    expect(store.getNote('a1')).toMatchObject({ resolvedUnaided: true, resolvedReviewId: second, timesResolved: 1, unaidedFixes: 1 });
    expect(store.getNote('a2')).toMatchObject({ resolvedUnaided: false, timesResolved: 1, unaidedFixes: 0 });
    expect(store.getNote('b1')?.resolvedAt).toBeNull();
    expect(store.getNote('c1')?.resolvedAt).toBeNull();
    expect(store.openNotes({ repo: REPO }).map((n) => n.id)).toEqual(['b1', 'c1']);
    store.close();
  });

  it('reopens a resolved note that comes back and counts the relapse', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@example.org' });
    store.recordNotes(store.startReview(review()), [note('n1')], codeOf);
    store.markResolved(store.startReview(review()), ['n1']);
    expect(store.getNote('n1')?.resolvedAt).not.toBeNull();

    store.recordNotes(store.startReview(review()), [note('n1')], codeOf);
    expect(store.getNote('n1')).toMatchObject({ resolvedAt: null, resolvedUnaided: null, relapses: 1, timesResolved: 1, unaidedFixes: 1, timesSeen: 2 });
    expect(store.openNotes({ repo: REPO }).map((n) => n.id)).toEqual(['n1']);
    store.close();
  });

  it('judges resolution on the branch where the note was seen', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@example.org' });
    store.recordNotes(store.startReview(review({ branch: 'feat/a' })), [note('n1')], codeOf);
    const onMain = store.startReview(review({ branch: 'main' }));
    expect(store.markResolved(onMain, ['n1'])).toEqual([]);
    expect(store.openNotes({ repo: REPO, branch: 'feat/a' }).map((n) => n.id)).toEqual(['n1']);
    expect(store.openNotes({ repo: REPO, branch: 'main' })).toEqual([]);
    store.close();
  });

  it('keeps two learners on one file apart', () => {
    const path = statePath();
    const ada = openSessionStore(path, { learner: 'ada@example.org' });
    const bob = openSessionStore(path, { learner: 'bob@example.org' });
    ada.recordNotes(ada.startReview(review()), [note('n1'), note('n2')], codeOf);
    bob.recordNotes(bob.startReview(review()), [note('n1')], codeOf);
    ada.dismiss('n1');
    bob.climb('n1', 4);

    expect(bob.isDismissed('n1')).toBe(false);
    expect(bob.filterShowable([note('n1')])).toHaveLength(1);
    expect(ada.getNote('n1')?.maxLevel).toBe(1);
    expect(bob.getNote('n1')).toMatchObject({ learner: 'bob@example.org', maxLevel: 4, timesSeen: 1 });
    expect(bob.wasShown('n2')).toBe(false);
    expect(bob.noteHistory().map((n) => n.id)).toEqual(['n1']);
    expect(ada.hintEvents('n1')).toEqual([]);
    ada.close();
    bob.close();
  });

  it('lists open notes by repository, branch and path', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@example.org' });
    store.recordNotes(store.startReview(review()), [note('b', { path: 'b.ts', startLine: 3 }), note('a2', { path: 'a.ts', startLine: 30 }), note('a1', { path: 'a.ts', startLine: 4 })], codeOf);
    store.recordNotes(store.startReview(review({ repo: '/elsewhere' })), [note('x', { path: 'a.ts' })], codeOf);
    expect(store.openNotes({ repo: REPO }).map((n) => n.id)).toEqual(['a1', 'a2', 'b']);
    expect(store.openNotes({ repo: REPO, path: 'a.ts' }).map((n) => n.id)).toEqual(['a1', 'a2']);
    expect(store.openNotes({ repo: REPO, branch: 'feat/retry', path: 'b.ts' }).map((n) => n.id)).toEqual(['b']);
    expect(store.openNotes({ repo: '/elsewhere' }).map((n) => n.id)).toEqual(['x']);
    store.close();
  });

  it('answers history by time, topic and category, newest first', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@example.org', now: clock.now });
    store.recordNotes(store.startReview(review()), [note('old', { topic: 'ts.naming.function' })], codeOf);
    clock.advance(1_000);
    const since = clock.now();
    store.recordNotes(store.startReview(review()), [note('new', { topic: 'naming.boolean-function' }), note('err', { topic: 'error-handling' })], codeOf);

    expect(store.noteHistory().map((n) => n.id)).toEqual(['err', 'new', 'old']);
    expect(store.noteHistory({ since }).map((n) => n.id)).toEqual(['err', 'new']);
    expect(store.noteHistory({ category: 'naming' }).map((n) => n.id)).toEqual(['new', 'old']);
    expect(store.noteHistory({ topic: 'ts.naming.function' }).map((n) => n.id)).toEqual(['old']);
    expect(store.noteHistory({ topic: 'ts.naming.function', category: 'errors' })).toEqual([]);
    expect(store.noteHistory({ category: 'error-handling', limit: 1 }).map((n) => n.id)).toEqual(['err']);
    expect(store.noteHistory({ limit: 1 }).map((n) => n.id)).toEqual(['err']);
    store.close();
  });

  it('keeps a note cut mid-stream marked as partial', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@example.org' });
    store.recordNotes(store.startReview(review()), [note('cut', { partial: true, source: 'model', ladder: [{ level: 1, text: 'What does' }] })], codeOf);
    expect(store.getNote('cut')).toMatchObject({ partial: true, source: 'model', ladder: [{ level: 1, text: 'What does' }] });
    store.close();
  });

  it('answers history over 10,000 notes quickly', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@example.org', now: clock.now });
    const topics = ['ts.naming.function', 'errors.empty-catch', 'size.nesting', 'error-handling', 'idioms.any'];
    const insertStart = performance.now();
    for (let batch = 0; batch < 100; batch++) {
      const reviewId = store.startReview(review());
      const notes = Array.from({ length: 100 }, (_, i) => note(`n${batch}-${i}`, { path: `src/f${i % 37}.ts`, topic: topics[(batch + i) % topics.length]! }));
      store.recordNotes(reviewId, notes, codeOf);
      clock.advance(1_000);
    }
    const insertMs = performance.now() - insertStart;

    const timings: Record<string, number> = {};
    const time = <T>(label: string, run: () => T): T => {
      const start = performance.now();
      const result = run();
      timings[label] = Math.round((performance.now() - start) * 100) / 100;
      return result;
    };
    expect(time('all', () => store.noteHistory())).toHaveLength(10_000);
    expect(time('last 50', () => store.noteHistory({ limit: 50 }))).toHaveLength(50);
    expect(time('since (last 10 reviews)', () => store.noteHistory({ since: clock.now() - 10_000 }))).toHaveLength(1_000);
    expect(time('topic', () => store.noteHistory({ topic: 'size.nesting' }))).toHaveLength(2_000);
    expect(time('category naming, last 20', () => store.noteHistory({ category: 'naming', limit: 20 }))).toHaveLength(20);
    expect(time('open notes of one file', () => store.openNotes({ repo: REPO, path: 'src/f3.ts' })).length).toBeGreaterThan(0);
    console.log(`session: 10,000 notes recorded in ${Math.round(insertMs)} ms (100 reviews of 100); noteHistory ms:`, timings);
    store.close();
  });
});
