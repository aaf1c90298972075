import { describe, expect, it } from 'vitest';
import { createReviewScheduler, type ReviewTarget } from '../../src/watch/schedule/index.js';

/** A fake review: records each call and finishes only when the test says so. */
function fakeRun() {
  const calls: Array<{ target: ReviewTarget; signal: AbortSignal; finish: () => void; fail: (error: Error) => void }> = [];
  const run = (target: ReviewTarget, signal: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => calls.push({ target, signal, finish: resolve, fail: reject }));
  /** Lets settled promises run their `.then`s (the scheduler starts the next review in one). */
  const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return { calls, run, flush, targets: () => calls.map((call) => call.target) };
}

describe('review scheduler', () => {
  it('reviews a save at once and is idle when it finishes', async () => {
    const fake = fakeRun();
    const scheduler = createReviewScheduler(fake.run);
    scheduler.saved(['a.ts']);
    expect(fake.targets()).toEqual([['a.ts']]);
    let idle = false;
    void scheduler.idle().then(() => (idle = true));
    await fake.flush();
    expect(idle).toBe(false);
    fake.calls[0]!.finish();
    await fake.flush();
    expect(idle).toBe(true);
  });

  it('queues saves of other files and runs them one at a time, first in first out', async () => {
    const fake = fakeRun();
    const scheduler = createReviewScheduler(fake.run);
    scheduler.saved(['a.ts']);
    scheduler.saved(['b.ts']);
    scheduler.saved(['c.ts', 'd.ts']);
    expect(fake.targets()).toEqual([['a.ts']]);
    fake.calls[0]!.finish();
    await fake.flush();
    expect(fake.targets()).toEqual([['a.ts'], ['b.ts']]);
    fake.calls[1]!.finish();
    await fake.flush();
    expect(fake.targets()).toEqual([['a.ts'], ['b.ts'], ['c.ts', 'd.ts']]);
    expect(fake.calls.every((call) => !call.signal.aborted)).toBe(true);
  });

  it('aborts the running review when its file is saved again, and reviews the new save after it returns', async () => {
    const fake = fakeRun();
    const scheduler = createReviewScheduler(fake.run);
    scheduler.saved(['a.ts']);
    scheduler.saved(['a.ts']);
    expect(fake.calls[0]!.signal.aborted).toBe(true);
    // Never two at once: the aborted review must return first.
    expect(fake.calls).toHaveLength(1);
    fake.calls[0]!.finish();
    await fake.flush();
    expect(fake.targets()).toEqual([['a.ts'], ['a.ts']]);
    expect(fake.calls[1]!.signal.aborted).toBe(false);
  });

  it('keeps the other files of an aborted review in the review that replaces it', async () => {
    const fake = fakeRun();
    const scheduler = createReviewScheduler(fake.run);
    scheduler.saved(['a.ts', 'b.ts']);
    scheduler.saved(['c.ts']);
    scheduler.saved(['b.ts']);
    expect(fake.calls[0]!.signal.aborted).toBe(true);
    fake.calls[0]!.finish();
    await fake.flush();
    fake.calls[1]!.finish();
    await fake.flush();
    expect(fake.targets()).toEqual([['a.ts', 'b.ts'], ['c.ts'], ['b.ts', 'a.ts']]);
  });

  it('does not queue a file twice: a waiting review already covers the newer save', async () => {
    const fake = fakeRun();
    const scheduler = createReviewScheduler(fake.run);
    scheduler.saved(['a.ts']);
    scheduler.saved(['b.ts']);
    scheduler.saved(['c.ts']);
    scheduler.saved(['b.ts']);
    scheduler.saved(['b.ts', 'd.ts']);
    expect(fake.calls[0]!.signal.aborted).toBe(false);
    for (let i = 0; i < 3; i++) {
      fake.calls[i]!.finish();
      await fake.flush();
    }
    expect(fake.targets()).toEqual([['a.ts'], ['b.ts'], ['c.ts'], ['d.ts']]);
  });

  it('lets all() abort the running review and replace every queued one', async () => {
    const fake = fakeRun();
    const scheduler = createReviewScheduler(fake.run);
    scheduler.saved(['a.ts']);
    scheduler.saved(['b.ts']);
    scheduler.all();
    expect(fake.calls[0]!.signal.aborted).toBe(true);
    // Saves while the whole-diff review waits are covered by it.
    scheduler.saved(['c.ts']);
    fake.calls[0]!.finish();
    await fake.flush();
    expect(fake.targets()).toEqual([['a.ts'], 'all']);
    fake.calls[1]!.finish();
    await scheduler.idle();
    expect(fake.calls).toHaveLength(2);
  });

  it('restarts a running whole-diff review when a file is saved during it', async () => {
    const fake = fakeRun();
    const scheduler = createReviewScheduler(fake.run);
    scheduler.all();
    scheduler.saved(['a.ts']);
    expect(fake.calls[0]!.signal.aborted).toBe(true);
    scheduler.saved(['b.ts']);
    fake.calls[0]!.finish();
    await fake.flush();
    expect(fake.targets()).toEqual(['all', 'all']);
    fake.calls[1]!.finish();
    await scheduler.idle();
    expect(fake.calls).toHaveLength(2);
  });

  it('goes on with the queue when a review fails', async () => {
    const fake = fakeRun();
    const scheduler = createReviewScheduler(fake.run);
    scheduler.saved(['a.ts']);
    scheduler.saved(['b.ts']);
    fake.calls[0]!.fail(new Error('provider down'));
    await fake.flush();
    expect(fake.targets()).toEqual([['a.ts'], ['b.ts']]);
  });

  it('treats a run that throws at once like one that fails', async () => {
    let calls = 0;
    const scheduler = createReviewScheduler(() => {
      calls++;
      throw new Error('boom');
    });
    scheduler.saved(['a.ts']);
    scheduler.saved(['b.ts']);
    await scheduler.idle();
    expect(calls).toBe(2);
  });

  it('close() aborts the running review, drops the queue, waits for the review to return, and ignores later saves', async () => {
    const fake = fakeRun();
    const scheduler = createReviewScheduler(fake.run);
    scheduler.saved(['a.ts']);
    scheduler.saved(['b.ts']);
    let closed = false;
    const closing = scheduler.close().then(() => (closed = true));
    expect(fake.calls[0]!.signal.aborted).toBe(true);
    await fake.flush();
    expect(closed).toBe(false);
    fake.calls[0]!.finish();
    await closing;
    scheduler.saved(['c.ts']);
    scheduler.all();
    await scheduler.idle();
    expect(fake.targets()).toEqual([['a.ts']]);
  });
});
