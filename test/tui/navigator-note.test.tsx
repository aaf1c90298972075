import { afterEach, describe, expect, it } from 'vitest';
import { commandFor } from '../../src/tui/keys.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { errorNote, reviewEvents, status } from './fixtures.js';
import { renderApp, settle } from './render-app.js';

const ESC = '\u001b';
let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.unmount());

const base = status as Extract<WatchEvent, { type: 'status' }>;
const pairStatus: WatchEvent = { type: 'status', status: { ...base.status, pair: 'ana driving · ada navigating' } };

describe('navigator notes (n)', () => {
  it('is one entry of the key table: n in the panes, Enter and Esc while typing the note', () => {
    expect([commandFor('mentor', 'n'), commandFor('changes', 'n'), commandFor('note', 'return'), commandFor('note', 'escape')]).toEqual(['navigator-note', 'navigator-note', 'save-note', 'close']);
    expect(commandFor('note', 'q')).toBeUndefined();
  });

  it('in a pair session: n opens the note line, typed text (q too) goes to the controller on Enter', async () => {
    const view = (app = renderApp());
    view.controller.push(pairStatus, ...reviewEvents(1, [errorNote]));
    await settle();
    expect(view.lastFrame()).toContain('pair: ana driving · ada navigating');
    await view.type('n', 'q', 'u', 'i', 'e', 't');
    expect(view.lastFrame()).toContain('✎ note: quiet█');
    await view.type('\r');
    expect(view.controller.called('addNavigatorNote')).toEqual([['quiet']]);
    expect(view.controller.called('quit')).toEqual([]);
    view.controller.push({ type: 'navigator-note', author: 'ada', text: 'ask them what the caller sees' });
    await settle();
    expect(view.lastFrame()).toContain('✎ ada: ask them what the caller sees');
    expect(view.lastFrame()).not.toContain('✎ note:');
  });

  it('Esc leaves the note line without adding anything', async () => {
    const view = (app = renderApp());
    view.controller.push(pairStatus);
    await settle();
    await view.type('n', 'x', ESC);
    await settle(60);
    expect(view.lastFrame()).not.toContain('✎ note:');
    expect(view.controller.called('addNavigatorNote')).toEqual([]);
  });

  it('outside a pair session, n says what it is for and opens nothing', async () => {
    const view = (app = renderApp());
    view.controller.push(status);
    await settle();
    await view.type('n', 'h');
    expect(view.lastFrame()).toContain('Navigator notes are for pair sessions');
    expect(view.lastFrame()).not.toContain('✎ note:');
  });
});
