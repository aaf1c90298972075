import { afterAll, describe, expect, it } from 'vitest';
import { palette } from '../../src/cli/terminal.js';
import { learnerAdapter } from '../../src/progress/adapt.js';
import { formatProgress } from '../../src/progress/format.js';
import { progressReport } from '../../src/progress/report.js';
import { RUSH_MS } from '../../src/progress/thresholds.js';
import { openSessionStore, type SessionStore } from '../../src/session/store.js';
import { removeTempDirs } from '../helpers/git.js';
import { REPO, codeOf, fakeClock, note, review, statePath } from '../session/fixtures.js';

/**
 * Rushing the ladder: opening the change (L4) seconds after the first hint is taking the answer
 * without trying (MENTOR.md, "help abuse"). It counts like a full-ladder need, `progress` names it,
 * and the mentor asks for an attempt instead of opening the next note at the hint.
 */

afterAll(removeTempDirs);

const MINUTE = 60_000;
const DAY = 86_400_000;
const RUSHY = 'ts.errors.empty-catch';
const SLOW = 'ts.idioms.var';

/** A note shown, its rungs L2..L4 opened `gap` ms apart, and fixed a day later. */
function climbAndFix(store: SessionStore, clock: ReturnType<typeof fakeClock>, id: string, topic: string, gap: number): void {
  const n = note(id, { topic, path: `src/${id}.ts`, title: topic === RUSHY ? 'error handling' : 'declarations' });
  const shown = store.startReview(review({ files: [n.path] }));
  store.recordNotes(shown, [n], codeOf);
  clock.advance(5 * MINUTE);
  for (const level of [2, 3, 4] as const) {
    store.climb(id, level);
    if (level < 4) clock.advance(gap);
  }
  clock.advance(DAY);
  store.markResolved(store.startReview(review({ files: [n.path] })), [id]);
  clock.advance(DAY);
}

describe('rushing the hint ladder', () => {
  it('reads the climb time with each note, counts rushed notes, names the rush, and asks for an attempt first', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@x.org', now: clock.now });
    climbAndFix(store, clock, 'r1', RUSHY, 4_000);
    climbAndFix(store, clock, 'r2', RUSHY, 3_000);
    // Exactly at the threshold is not a rush: a minute-long try of the hint is trying.
    climbAndFix(store, clock, 'r3', RUSHY, RUSH_MS / 2);
    climbAndFix(store, clock, 's1', SLOW, 10 * MINUTE);
    climbAndFix(store, clock, 's2', SLOW, 10 * MINUTE);

    expect(store.getNote('r1')?.climbMs).toBe(8_000);
    expect(store.getNote('r3')?.climbMs).toBe(RUSH_MS);
    expect(store.getNote('s1')?.climbMs).toBe(20 * MINUTE);
    expect(store.noteSummaries().find((n) => n.id === 'r2')?.climbMs).toBe(6_000);

    const report = progressReport(store, { repo: REPO, branch: 'feat/retry', since: null, now: clock.now() });
    const topic = (id: string) => report.progress.topics.find((t) => t.topic === id)!;
    expect(topic(RUSHY)).toMatchObject({ status: 'struggling', fullLadder: 3, rushed: 2, rushing: true });
    expect(topic(SLOW)).toMatchObject({ status: 'struggling', fullLadder: 2, rushed: 0, rushing: false });
    const reason = (id: string) => report.progress.focus.find((f) => f.topic === id)?.reason;
    expect(reason(RUSHY)).toMatch(/^went straight to the answer on 2 of 3 notes/);
    expect(reason(SLOW)).toBe('needed the change itself on 2 of 2 notes');
    expect(formatProgress(report, palette(false)).join('\n')).toContain('went straight to it 2');

    // The mentor: more help would feed the rush, so the question asks for a line first; the slow climber gets the hint.
    const adapter = learnerAdapter(store, 'info');
    expect(adapter.decide({ topic: RUSHY, severity: 'warn' })).toBe('attempt');
    expect(adapter.decide({ topic: SLOW, severity: 'warn' })).toBe('lower');
    const asked = adapter.apply(note('r4', { topic: RUSHY }));
    expect(asked.opensAt).toBeUndefined();
    expect(asked.ladder[0]?.text).toMatch(/^What does the caller see when the request fails\? Before you open the change, write one line/);
    expect(asked.ladder[3]).toEqual(note('r4').ladder[3]);
    expect(adapter.guidance([{ topic: RUSHY, severity: 'warn' }])).toEqual([expect.stringMatching(/^ts\.errors\.empty-catch: goes straight to the change/)]);
    store.close();
  });

  it('keeps one rushed note from being a habit: the topic is not struggling on it alone', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@x.org', now: clock.now });
    climbAndFix(store, clock, 'r1', RUSHY, 2_000);
    const report = progressReport(store, { repo: REPO, branch: 'feat/retry', since: null, now: clock.now() });
    expect(report.progress.topics[0]).toMatchObject({ status: 'learning', rushed: 1, rushing: false });
    expect(learnerAdapter(store, 'info').decide({ topic: RUSHY, severity: 'warn' })).toBe('full');
    store.close();
  });
});
