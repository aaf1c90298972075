import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventFeed, PROGRESS_HOLD_MS } from '../../src/tui/event-feed.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { FakeController } from './fake-controller.js';
import { errorNote, status } from './fixtures.js';

const text = (value: string): WatchEvent => ({ type: 'tutor', reviewId: 1, event: { type: 'text', noteId: 'n', text: value } });

describe('event feed', () => {
  afterEach(() => void vi.useRealTimers());

  it('subscribes at once and hands over what arrived before the view attached', () => {
    const controller = new FakeController();
    const feed = createEventFeed(controller);
    controller.push(status, text('a'));
    const batches: WatchEvent[][] = [];
    feed.attach((events) => batches.push(events));
    expect(batches).toEqual([[status, text('a')]]);
  });

  it('batches streamed text for 50 ms, so a fast stream is one render per batch', () => {
    vi.useFakeTimers();
    const controller = new FakeController();
    const feed = createEventFeed(controller);
    const batches: WatchEvent[][] = [];
    feed.attach((events) => batches.push(events));
    for (let index = 0; index < 100; index += 1) controller.push(text(String(index)));
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(100);
  });

  it('delivers any other event as this turn of the event loop ends, after the text queued before it, a burst as one batch', async () => {
    const controller = new FakeController();
    const feed = createEventFeed(controller);
    const batches: WatchEvent[][] = [];
    feed.attach((events) => batches.push(events));
    controller.push(text('a'), { type: 'chat-text', text: 'b' }, status);
    controller.push({ type: 'review-start', reviewId: 2, paths: [] });
    expect(batches).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[text('a'), { type: 'chat-text', text: 'b' }, status, { type: 'review-start', reviewId: 2, paths: [] }]]);
  });

  it("holds a review's start and diff for its first note, so the three are one frame; alone they come after the hold", () => {
    vi.useFakeTimers();
    const controller = new FakeController();
    const feed = createEventFeed(controller);
    const batches: WatchEvent[][] = [];
    feed.attach((events) => batches.push(events));
    const start: WatchEvent = { type: 'review-start', reviewId: 2, paths: ['src/a.ts'] };
    const changes: WatchEvent = { type: 'changes', reviewId: 2, files: [], withoutRules: [] };
    const note: WatchEvent = { type: 'tutor', reviewId: 2, event: { type: 'note-end', note: errorNote } };
    controller.push(start);
    vi.advanceTimersByTime(PROGRESS_HOLD_MS - 10);
    controller.push(changes);
    // The diff waits for its note from when it came, not from the review's start.
    vi.advanceTimersByTime(40);
    expect(batches).toEqual([]);
    controller.push(note);
    vi.runOnlyPendingTimers();
    expect(batches).toEqual([[start, changes, note]]);
    // A review that has nothing more to say soon is drawn all the same.
    controller.push({ ...start, reviewId: 3 });
    vi.advanceTimersByTime(PROGRESS_HOLD_MS - 1);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(batches[1]).toEqual([{ ...start, reviewId: 3 }]);
  });

  it('unsubscribes on close', () => {
    const controller = new FakeController();
    const feed = createEventFeed(controller);
    expect(controller.listeners).toBe(1);
    feed.close();
    expect(controller.listeners).toBe(0);
  });
});
