import { afterAll, describe, expect, it } from 'vitest';
import { learnerAdapter } from '../../src/progress/adapt.js';
import { AVOIDED_SAVES } from '../../src/progress/thresholds.js';
import { openSessionStore, type SessionStore } from '../../src/session/store.js';
import { removeTempDirs } from '../helpers/git.js';
import { codeOf, fakeClock, note, review, statePath } from '../session/fixtures.js';

/**
 * Help avoidance (MENTOR.md): a gap that survives several saves while the learner never opens a
 * hint gets the hint once, unasked. Then the record says L2, and the note is left to the learner.
 */

afterAll(removeTempDirs);

const MINUTE = 60_000;

/** The note shown on one more save, the learner opening nothing. */
function save(store: SessionStore, clock: ReturnType<typeof fakeClock>, id: string): void {
  store.recordNotes(store.startReview(review()), [note(id)], codeOf);
  clock.advance(MINUTE);
}

describe('a note left at its question', () => {
  it(`opens at the hint once after ${AVOIDED_SAVES} saves without a climb, and only then`, () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@x.org', now: clock.now });
    const seen: Array<number | undefined> = [];
    for (let i = 0; i < AVOIDED_SAVES + 1; i++) {
      const shown = learnerAdapter(store, 'info').apply(note('n1'));
      seen.push(shown.opensAt);
      if (shown.opensAt) {
        expect(shown.adapted).toBe(`open for ${AVOIDED_SAVES} saves without a hint: here is one`);
        // What run-review does with a note that opens at a rung: the record climbs to it.
        store.climb('n1', shown.opensAt);
      }
      save(store, clock, 'n1');
    }
    expect(seen).toEqual([...Array<undefined>(AVOIDED_SAVES).fill(undefined), 2]);
    expect(learnerAdapter(store, 'info').apply(note('n1')).opensAt).toBeUndefined();
  });

  it('leaves alone a note the learner has climbed, dismissed or resolved', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'ada@x.org', now: clock.now });
    for (const id of ['climbed', 'dismissed', 'resolved']) for (let i = 0; i < AVOIDED_SAVES; i++) save(store, clock, id);
    store.climb('climbed', 2);
    store.dismiss('dismissed');
    store.markResolved(store.startReview(review()), ['resolved']);
    const adapter = learnerAdapter(store, 'info');
    expect(['climbed', 'dismissed', 'resolved'].map((id) => adapter.apply(note(id)).opensAt)).toEqual([undefined, undefined, undefined]);
  });
});
