import { afterEach, describe, expect, it } from 'vitest';
import { openSessionStore } from '../../src/session/store.js';
import { removeTempDirs } from '../helpers/git.js';
import { fakeClock, review, statePath } from './fixtures.js';

describe('session reviews', () => {
  afterEach(removeTempDirs);

  it('records a review from start to finish with its usage', () => {
    const clock = fakeClock();
    const store = openSessionStore(statePath(), { learner: 'Ada@Example.org', now: clock.now });
    const id = store.startReview(review({ target: { kind: 'range', range: 'main..HEAD' }, tutor: 'claude-haiku-4-5', files: ['a.ts', 'b.ts'] }));
    clock.advance(1_500);
    store.finishReview(id, { notes: 2, usage: { inputTokens: 1200, outputTokens: 300, costUsd: 0.0021, model: 'claude-haiku-4-5' } });

    expect(store.getReview(id)).toEqual({
      id,
      repo: '/home/ada/payments',
      branch: 'feat/retry',
      learner: 'ada@example.org',
      target: { kind: 'range', range: 'main..HEAD' },
      tutor: 'claude-haiku-4-5',
      files: ['a.ts', 'b.ts'],
      startedAt: clock.now() - 1_500,
      finishedAt: clock.now(),
      notesGiven: 2,
      inputTokens: 1200,
      outputTokens: 300,
      costUsd: 0.0021,
      error: null,
    });
    store.close();
  });

  it('keeps the error of a review that failed', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@example.org' });
    const id = store.startReview(review({ target: { kind: 'staged' } }));
    store.finishReview(id, { notes: 0, error: 'superseded' });
    expect(store.getReview(id)).toMatchObject({ target: { kind: 'staged' }, notesGiven: 0, error: 'superseded', inputTokens: null });
    store.close();
  });

  it('refuses to finish a review it never started', () => {
    const store = openSessionStore(statePath(), { learner: 'ada@example.org' });
    expect(() => store.finishReview(42, { notes: 0 })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(store.getReview(42)).toBeUndefined();
    store.close();
  });
});
