import { afterEach, describe, expect, it } from 'vitest';
import { PROGRESS_HOLD_MS } from '../../src/tui/event-feed.js';
import type { Note } from '../../src/tutor/types.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { errorNote, namingNote, reviewEvents, status } from './fixtures.js';
import { renderApp, settle } from './render-app.js';

let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.unmount());

/** A model note whose last rung runs far past an 80x24 Mentor pane, its last words unmistakable. */
const longNote: Note = {
  ...errorNote,
  id: 'n-long',
  source: 'model',
  ladder: [
    ...errorNote.ladder.slice(0, 3),
    {
      level: 4,
      text: [
        'Rethrow with the caught error as the cause, so the caller learns why the load failed:',
        ...Array.from({ length: 14 }, (_, index) => `  step ${index + 1}: keep the cause when wrapping the error`),
        'Which caller reads the cause first? LAST-LINE-OF-THE-RUNG',
      ].join('\n'),
    },
  ],
};

/** The Mentor pane's lines joined: its borders gone, wrapped text on one line. */
function flat(frame: string): string {
  return frame
    .split('\n')
    .map((line) => line.split(/[│┃]/).at(-2) ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** The Mentor pane's top border, where the title and the scroll indicator sit. */
function mentorTitle(frame: string): string {
  return frame.split('\n').find((line) => line.includes(' Mentor')) ?? '';
}

describe('Mentor pane at 80x24', () => {
  it('scrolls a note longer than the pane with J and K, saying what is hidden above and below', async () => {
    app = renderApp({ columns: 80, rows: 24 });
    app.controller.push(status, ...reviewEvents(1, [longNote, namingNote]));
    await settle();
    await app.type('h', 'h', 'h');
    let frame = app.lastFrame();
    expect(frame).toContain('the change:');
    expect(frame).not.toContain('LAST-LINE-OF-THE-RUNG');
    expect(mentorTitle(frame)).toMatch(/Mentor \(2\) ↓\d+ more J\/K/);
    expect(mentorTitle(frame)).not.toContain('↑');

    for (let press = 0; press < 10; press++) await app.type('J');
    frame = app.lastFrame();
    expect(frame).toContain('LAST-LINE-OF-THE-RUNG');
    expect(frame).not.toContain('src/user-service.ts:10  error handling');
    expect(mentorTitle(frame)).toMatch(/Mentor \(2\) ↑\d+ J\/K/);
    expect(mentorTitle(frame)).not.toContain('↓');

    // Scrolled to the end, one K moves back at once (the scroll stops at the end, it does not run on).
    await app.type('K');
    expect(mentorTitle(app.lastFrame())).toMatch(/↑\d+ ↓\d+ more/);
    for (let press = 0; press < 10; press++) await app.type('K');
    frame = app.lastFrame();
    expect(frame).toContain('src/user-service.ts:10  error handling');
    expect(mentorTitle(frame)).not.toContain('↑');
  });

  it('starts again at the top of the next note when the selection moves', async () => {
    app = renderApp({ columns: 80, rows: 24 });
    app.controller.push(status, ...reviewEvents(1, [longNote, namingNote]));
    await settle();
    await app.type('h', 'h', 'h', 'J', 'J');
    expect(mentorTitle(app.lastFrame())).toContain('↑');
    await app.type('j');
    expect(mentorTitle(app.lastFrame())).not.toContain('↑');
    expect(app.lastFrame()).toContain('naming');
  });

  it('shows no indicator when everything fits', async () => {
    app = renderApp({ columns: 120, rows: 40 });
    app.controller.push(status, ...reviewEvents(1, [errorNote]));
    await settle();
    expect(mentorTitle(app.lastFrame())).toMatch(/Mentor \(1\) [─━]/);
  });
});

describe('a rung written afresh', () => {
  it('says the mentor is writing, streams the rung in place of the stand-in, then shows the finished rung', async () => {
    app = renderApp({ columns: 100, rows: 30 });
    const stock: Note = { ...errorNote, ladder: errorNote.ladder.map((rung) => (rung.level === 2 ? { ...rung, text: 'STAND-IN rung text.', stock: true } : rung)) };
    app.controller.push(status, ...reviewEvents(1, [stock]));
    await settle();
    await app.type('h');
    app.controller.push({ type: 'hint-start', noteId: stock.id, level: 2 });
    await settle();
    expect(app.lastFrame()).toContain('the mentor is writing this rung');
    expect(app.lastFrame()).not.toContain('STAND-IN');

    app.controller.push({ type: 'hint-text', noteId: stock.id, text: 'The empty catch on line 10 ' }, { type: 'hint-text', noteId: stock.id, text: 'hides the failure.' });
    await settle(80);
    expect(app.lastFrame()).toContain('The empty catch on line 10 hides the failure.');
    expect(app.lastFrame()).not.toContain('STAND-IN');

    const written: Note = { ...stock, ladder: stock.ladder.map((rung) => (rung.level === 2 ? { level: 2, text: 'The empty catch on line 10 hides the failure from every caller.' } : rung)) };
    app.controller.push({ type: 'note-updated', note: written, level: 2 });
    await settle();
    expect(flat(app.lastFrame())).toContain('hides the failure from every caller.');
    expect(app.lastFrame()).not.toContain('writing this rung');
  });

  it('drops the rung being written when a save starts a new review', async () => {
    app = renderApp({ columns: 100, rows: 30 });
    app.controller.push(status, ...reviewEvents(1, [errorNote]));
    await settle();
    await app.type('h');
    app.controller.push({ type: 'hint-start', noteId: errorNote.id, level: 2 }, { type: 'hint-text', noteId: errorNote.id, text: 'HALF-WRITTEN ' });
    await settle(80);
    expect(app.lastFrame()).toContain('HALF-WRITTEN');
    app.controller.push({ type: 'review-start', reviewId: 2, paths: [] });
    // A review's start waits a moment for its diff before it is drawn.
    await settle(PROGRESS_HOLD_MS + 20);
    expect(app.lastFrame()).not.toContain('HALF-WRITTEN');
    expect(app.lastFrame()).toContain('An empty catch turns a timeout');
  });

  it('says which changed languages the golden code teaches no conventions for, until a review without them', async () => {
    app = renderApp({ columns: 100, rows: 30 });
    const python = reviewEvents(1, []).map((event): WatchEvent => (event.type === 'changes' ? { ...event, withoutRules: ['python'] } : event));
    app.controller.push(status, ...python);
    await settle();
    expect(flat(app.lastFrame())).toContain('Nothing to say about this save. The golden repositories teach no Python conventions yet');
    app.controller.push(...reviewEvents(2, [namingNote]));
    await settle();
    expect(flat(app.lastFrame())).not.toContain('teach no Python');
  });

  it('says which notes a save resolved, until the next review starts', async () => {
    app = renderApp({ columns: 100, rows: 30 });
    const resolved = { id: errorNote.id, path: errorNote.path, startLine: errorNote.startLine, endLine: errorNote.endLine, title: errorNote.title, topic: errorNote.topic };
    app.controller.push(status, ...reviewEvents(1, [namingNote]), { type: 'resolved', reviewId: 1, notes: [resolved] });
    await settle();
    expect(flat(app.lastFrame())).toContain(`✓ resolved: ${errorNote.title} (${errorNote.path}:${errorNote.startLine}`);
    app.controller.push({ type: 'review-start', reviewId: 2, paths: [] });
    await settle(PROGRESS_HOLD_MS + 20);
    expect(app.lastFrame()).not.toContain('✓ resolved');
  });
});
