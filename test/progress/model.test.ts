import { afterAll, describe, expect, it } from 'vitest';
import { adaptationFor, adaptNote } from '../../src/progress/adapt.js';
import { formatProgress } from '../../src/progress/format.js';
import { progressReport } from '../../src/progress/report.js';
import { parseDuration } from '../../src/progress/since.js';
import { MASTERY_STREAK, REVISIT_AFTER_MS } from '../../src/progress/thresholds.js';
import { palette } from '../../src/cli/terminal.js';
import { openSessionStore, type SessionStore } from '../../src/session/store.js';
import { removeTempDirs } from '../helpers/git.js';
import { REPO, codeOf, fakeClock, note, review, statePath } from '../session/fixtures.js';

afterAll(removeTempDirs);

const DAY = 86_400_000;

/** One save in the record: the notes shown, then the other open notes of `fixed` paths gone (resolved). */
function saveWith(store: SessionStore, shown: ReturnType<typeof note>[], fixedPaths: string[] = []): void {
  const id = store.startReview(review());
  store.recordNotes(id, shown, codeOf);
  const shownIds = new Set(shown.map((n) => n.id));
  store.markResolved(id, fixedPaths.flatMap((path) => store.openNotes({ repo: REPO, path })).map((n) => n.id).filter((noteId) => !shownIds.has(noteId)));
  store.finishReview(id, { notes: shown.length });
}

function statusOf(store: SessionStore, topic: string, now: number): string | undefined {
  return progressReport(store, { repo: REPO, branch: 'feat/retry', since: null, now }).progress.topics.find((t) => t.topic === topic)?.status;
}

describe('the learner model over a real state.db', () => {
  it('moves a topic from new to learning to mastered with unaided fixes, and a right quiz answer counts', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@x.org', now: clock.now });
    const topic = 'ts.naming.function';
    const naming = (i: number) => note(`n${i}`, { topic, path: `src/n${i}.ts`, title: 'naming', severity: 'warn' });
    saveWith(store, [naming(1)]);
    expect(statusOf(store, topic, clock.now())).toBe('new');
    for (let i = 1; i < MASTERY_STREAK; i++) {
      clock.advance(DAY);
      if (i > 1) saveWith(store, [naming(i)]);
      clock.advance(DAY);
      saveWith(store, [], [`src/n${i}.ts`]);
    }
    expect(statusOf(store, topic, clock.now())).toBe('learning');
    clock.advance(DAY);
    store.recordQuizAnswer({ topic, question: 'q', answer: 'a', correct: true, grader: 'offline' });
    expect(statusOf(store, topic, clock.now())).toBe('mastered');
    clock.advance(DAY);
    store.recordQuizAnswer({ topic, question: 'q', answer: 'b', correct: false, grader: 'offline' });
    expect(statusOf(store, topic, clock.now()), 'a wrong answer ends the streak').toBe('learning');
    store.close();
  });

  it('calls a topic struggling when it relapses, and lets that fade after fixes with a hint', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@x.org', now: clock.now });
    const topic = 'ts.errors.empty-catch';
    const a = note('a', { topic, path: 'src/a.ts' });
    const b = note('b', { topic, path: 'src/b.ts' });
    for (const n of [a, b]) {
      saveWith(store, [n]);
      clock.advance(DAY);
      saveWith(store, [], [n.path]);
      clock.advance(DAY);
      saveWith(store, [n]); // the same code is back: a relapse
      clock.advance(DAY);
    }
    expect(statusOf(store, topic, clock.now())).toBe('struggling');
    for (const i of [1, 2, 3, 4]) {
      const n = note(`c${i}`, { topic, path: `src/c${i}.ts` });
      saveWith(store, [n]);
      store.climb(n.id, 2);
      clock.advance(DAY);
      saveWith(store, [], [n.path]);
      clock.advance(DAY);
    }
    // The two relapsed notes are still open, but no longer among the four most recent.
    expect(statusOf(store, topic, clock.now())).toBe('learning');
    store.close();
  });

  it('keeps learners apart in one file', () => {
    const path = statePath();
    const ada = openSessionStore(path, { learner: 'ada@x.org' });
    saveWith(ada, [note('x', { topic: 'ts.idioms.var' })]);
    const bob = openSessionStore(path, { learner: 'bob@x.org' });
    expect(progressReport(bob, { repo: REPO, branch: 'feat/retry', since: null, now: Date.now() }).progress.topics).toEqual([]);
    expect(progressReport(ada, { repo: REPO, branch: 'feat/retry', since: null, now: Date.now() }).progress.topics).toHaveLength(1);
    ada.close();
    bob.close();
  });

  it('lists focus topics with their golden example and the open notes of the branch by severity', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@x.org' });
    const golden = { kind: 'golden' as const, id: 'g1', citation: { repo: 'acme/api', path: 'src/client.ts', startLine: 40, endLine: 48, commit: 'abcdef1234567' }, snippet: 'throw new Error("x", { cause })' };
    saveWith(store, [note('i', { severity: 'info', topic: 'ts.docs.exported', path: 'src/z.ts' }), note('e', { severity: 'error', evidence: [golden] })]);
    const report = progressReport(store, { repo: REPO, branch: 'feat/retry', since: null, now: Date.now() });
    expect(report.ready.notes.map((n) => n.severity)).toEqual(['error', 'info']);
    expect(report.progress.focus.find((f) => f.topic === 'ts.errors.empty-catch')?.example).toEqual(golden);
    const text = formatProgress(report, palette(false)).join('\n');
    expect(text).toContain('Focus next');
    expect(text).toContain('golden: acme/api src/client.ts:40-48 @abcdef1');
    expect(text).toContain('Not yet: 2 open notes on feat/retry');
    store.close();
  });
});

describe('the mentor\'s adaptation', () => {
  const now = Date.UTC(2025, 5, 1);
  const mastered = { status: 'mastered' as const, lastSeen: now - DAY };
  const topic = (over: object) => ({ ...(mastered as object), ...over }) as Parameters<typeof adaptationFor>[0];

  it('shortens a mastered topic, drops it at the lowest severity shown, revisits it after a long gap', () => {
    expect(adaptationFor(topic({}), 'warn', 'info', now)).toBe('brief');
    expect(adaptationFor(topic({}), 'info', 'info', now)).toBe('drop');
    expect(adaptationFor(topic({}), 'error', 'error', now)).toBe('brief');
    expect(adaptationFor(topic({ lastSeen: now - REVISIT_AFTER_MS }), 'info', 'info', now)).toBe('revisit');
    expect(adaptationFor(topic({ status: 'struggling' }), 'info', 'info', now)).toBe('lower');
    expect(adaptationFor(undefined, 'info', 'info', now)).toBe('full');
  });

  it('opens a struggling topic at the hint with the golden example first', () => {
    const golden = { kind: 'golden' as const, id: 'g1', citation: { repo: 'r', path: 'p', startLine: 1, endLine: 2, commit: 'c' }, snippet: 's' };
    const adapted = adaptNote(note('x', { evidence: [...note('x').evidence, golden] }), 'lower');
    expect(adapted.opensAt).toBe(2);
    expect(adapted.evidence[0]).toEqual(golden);
  });
});

describe('--since', () => {
  it('reads hours, days and weeks, and refuses anything else with a usage error', () => {
    expect(parseDuration('30d')).toBe(30 * DAY);
    expect(parseDuration('2w')).toBe(14 * DAY);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    for (const bad of ['30', 'yesterday', '0d', '-3d', '1.5d']) expect(() => parseDuration(bad)).toThrow(/is not a duration/);
  });
});
