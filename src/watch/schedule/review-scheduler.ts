import { debug } from '../../log/logger.js';

/** What one review covers: the files of one save, or the whole diff. */
export type ReviewTarget = string[] | 'all';

/** Runs one review; it should stop soon after `signal` aborts (a newer save made it stale). */
export type RunReview = (paths: ReviewTarget, signal: AbortSignal) => Promise<void>;

/** Decides which review runs when; see `createReviewScheduler`. */
export interface ReviewScheduler {
  /** These files were saved (one batch from the watcher). */
  saved(paths: string[]): void;
  /** Review the whole diff (start, the `r` key, after a git operation). */
  all(): void;
  /** Resolves when nothing runs and nothing waits. */
  idle(): Promise<void>;
  /** Aborts the running review, drops the queue, and resolves once the running review has returned. */
  close(): Promise<void>;
}

interface Running {
  target: ReviewTarget;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * One review at a time, in order of saves:
 * - a save of a file under review aborts that review and queues a new one covering the aborted
 *   review's files and the new save (the old feedback would be about code that no longer exists);
 * - saves of other files queue behind it, first in first out; a file already waiting is not
 *   queued twice (it keeps its earlier place, and the review will read its newest content);
 * - `all()` aborts whatever runs and replaces the whole queue: the whole diff covers every file.
 *   Saves while a whole-diff review waits are covered by it; a save during a running whole-diff
 *   review aborts it and queues it again, since it read the file before the save.
 * The next review starts only after the aborted one has returned, so two never overlap.
 */
export function createReviewScheduler(run: RunReview): ReviewScheduler {
  const queue: ReviewTarget[] = [];
  let running: Running | undefined;
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  const isQueued = (path: string): boolean => queue.some((target) => target === 'all' || target.includes(path));

  const pump = (): void => {
    if (running || closed) return;
    const target = queue.shift();
    if (target === undefined) {
      for (const resolve of idleWaiters.splice(0)) resolve();
      return;
    }
    const controller = new AbortController();
    // A `run` that throws before returning its promise fails like one that rejects.
    const done = new Promise<void>((resolve) => resolve(run(target, controller.signal)))
      .catch((error: unknown) => debug('schedule', 'review failed', { error: String(error) }))
      .finally(() => {
        running = undefined;
        pump();
      });
    running = { target, controller, done };
  };

  return {
    saved(paths) {
      if (closed) return;
      const fresh = [...new Set(paths)].filter((path) => !isQueued(path));
      const current = running?.target;
      const stale = current !== undefined && !running!.controller.signal.aborted && (current === 'all' || paths.some((path) => current.includes(path)));
      if (stale) {
        running!.controller.abort();
        if (current === 'all') queue.splice(0, queue.length, 'all');
        else queue.push([...fresh, ...current.filter((path) => !isQueued(path) && !fresh.includes(path))]);
      } else if (fresh.length > 0) {
        queue.push(fresh);
      }
      pump();
    },

    all() {
      if (closed) return;
      running?.controller.abort();
      queue.splice(0, queue.length, 'all');
      pump();
    },

    idle() {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },

    async close() {
      closed = true;
      queue.length = 0;
      running?.controller.abort();
      await running?.done;
      for (const resolve of idleWaiters.splice(0)) resolve();
      idleWaiters = [];
    },
  };
}
