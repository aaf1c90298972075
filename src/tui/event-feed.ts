import type { WatchController, WatchEvent } from '../watch/types.js';

/**
 * How long streamed text waits before it reaches the screen. Tokens arrive every few ms; one render
 * per 50 ms is smooth to read and keeps the redraw rate far below what makes a terminal flicker.
 */
const TEXT_FLUSH_MS = 50;

/** The session's events, subscribed before the first render and handed over in batches. */
export interface EventFeed {
  /** Delivers the events queued so far, then every batch; returns the detach function. */
  attach(deliver: (events: WatchEvent[]) => void): () => void;
  /** Unsubscribes from the session and drops what is queued. */
  close(): void;
}

function isStreamText(event: WatchEvent): boolean {
  return event.type === 'chat-text' || event.type === 'hint-text' || (event.type === 'tutor' && event.event.type === 'text');
}

/**
 * Subscribes at once (the session may emit as soon as it starts, before React runs effects).
 * Streamed text is held for up to `flushMs` and delivered with whatever else arrived; any other
 * event flushes the queue once the current turn of the event loop ends, so order is kept, keys feel
 * immediate, and a burst emitted at once (the offline mentor's note: its start, text, citations and
 * end) is one batch and one frame rather than a frame per event, the last held back by Ink's frame
 * limit.
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
    if (!isStreamText(event)) soon ??= setImmediate(flush);
    else timer ??= setTimeout(flush, flushMs);
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
