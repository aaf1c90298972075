import type { WatchController, WatchEvent } from '../watch/types.js';

/**
 * How long streamed text waits before it reaches the screen. Tokens arrive every few ms; one render
 * per 50 ms is smooth to read and keeps the redraw rate far below what makes a terminal flicker.
 */
const TEXT_FLUSH_MS = 50;

/**
 * How long a review's start waits for its diff, and its diff for its first note, before they are
 * drawn. The offline mentor's first note follows a save's diff within ~40 ms, and the diff its
 * start within ~100 (~250 on a session's first save): held, the three are one frame instead of
 * three. Ink draws every frame whole (10-15 ms of the main thread and ~8 MB of garbage at 120x40 on
 * a loaded 2-core machine), and the note waited for each frame drawn before it. A review that takes
 * longer shows its start, then its diff, this late.
 */
export const PROGRESS_HOLD_MS = 150;

/** The session's events, subscribed before the first render and handed over in batches. */
export interface EventFeed {
  /** Delivers the events queued so far, then every batch; returns the detach function. */
  attach(deliver: (events: WatchEvent[]) => void): () => void;
  /** Unsubscribes from the session and drops what is queued. */
  close(): void;
}

/** How long `event` may wait for more before it is delivered; undefined: until this turn of the event loop ends. */
function holdOf(event: WatchEvent, flushMs: number): number | undefined {
  if (event.type === 'chat-text' || event.type === 'hint-text' || (event.type === 'tutor' && event.event.type === 'text')) return flushMs;
  if (event.type === 'review-start' || event.type === 'changes') return PROGRESS_HOLD_MS;
  return undefined;
}

/**
 * Subscribes at once (the session may emit as soon as it starts, before React runs effects).
 * Streamed text is held for up to `flushMs`, and a review's start and diff for up to
 * PROGRESS_HOLD_MS, and delivered with whatever else arrived; any other event flushes the queue
 * once the current turn of the event loop ends, so order is kept, keys feel immediate, and a burst
 * emitted at once (the offline mentor's note: its start, text, citations and end) is one batch and
 * one frame rather than a frame per event.
 */
export function createEventFeed(controller: WatchController, flushMs = TEXT_FLUSH_MS): EventFeed {
  let queue: WatchEvent[] = [];
  let deliver: ((events: WatchEvent[]) => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Immediate | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    if (soon) clearImmediate(soon);
    timer = undefined;
    soon = undefined;
    if (!deliver || queue.length === 0) return;
    const batch = queue;
    queue = [];
    deliver(batch);
  };

  const unsubscribe = controller.subscribe((event) => {
    queue.push(event);
    if (!deliver) return;
    const hold = holdOf(event, flushMs);
    if (hold === undefined) {
      soon ??= setImmediate(flush);
      return;
    }
    // A diff waits for its first note from when it was read, however long its review's start waited.
    if (event.type === 'changes') {
      clearTimeout(timer);
      timer = undefined;
    }
    timer ??= setTimeout(flush, hold);
  });

  return {
    attach(next) {
      deliver = next;
      flush();
      return () => {
        if (deliver === next) deliver = undefined;
      };
    },
    close() {
      if (timer) clearTimeout(timer);
      if (soon) clearImmediate(soon);
      queue = [];
      deliver = undefined;
      unsubscribe();
    },
  };
}
