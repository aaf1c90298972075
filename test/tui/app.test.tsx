import { afterEach, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/watch/types.js';
import { helpLines } from '../../src/tui/help-layout.js';
import { flatScreen } from '../helpers/tmux.js';
import { client, errorNote, namingNote, reviewEvents, status } from './fixtures.js';
import { renderApp, settle } from './render-app.js';

const ESC = '\u001b';
let app: ReturnType<typeof renderApp> | undefined;
const open = (options: Parameters<typeof renderApp>[0] = {}) => (app = renderApp(options));
afterEach(() => app?.unmount());

async function withReview(options: Parameters<typeof renderApp>[0] = {}) {
  const view = open(options);
  view.controller.push(status, ...reviewEvents(1, [errorNote, namingNote]));
  await settle();
  return view;
}

describe('watch screen', () => {
  it('shows the header, the changed files with their hunk lines and the notes once events arrive', async () => {
    const view = open();
    expect(view.lastFrame()).toContain('Waiting for a save');
    view.controller.push(status, ...reviewEvents(1, [errorNote, namingNote]));
    await settle();
    const frame = view.lastFrame();
    expect(frame).toContain('payments-web (feat/retry)');
    expect(frame).toContain('golden: 3 repos, indexed 2h ago');
    expect(frame).toMatch(/src\/api\/client\.ts\s+\+1 -0/);
    expect(frame).toMatch(/10 │\+ {2}\} catch \(e\) \{\}\s+◀ ●/);
    expect(frame).toContain('● src/user-service.ts:10  error handling');
    expect(frame).toContain('What does a caller of get_user_data see when the request fails?');
    expect(frame).toContain('golden: acme/api src/users.ts:20-24 @1a2b3c4');
    expect(frame).toContain('○ src/user-service.ts:6  naming');
  });

  it('after a save of one file, lists every changed file and shows the saved one', async () => {
    const view = open();
    view.controller.push(status, ...reviewEvents(1, [errorNote]));
    const saved = { ...client, path: 'src/retry.ts', status: 'added' as const, hunks: [{ ...client.hunks[0]!, path: 'src/retry.ts', lines: [{ kind: 'add' as const, text: 'export const attempts = 3;', newLine: 1 }] }] };
    view.controller.push(...reviewEvents(2, [], [saved]).map((event) => (event.type === 'review-start' ? { ...event, paths: ['src/retry.ts'] } : event)));
    await settle();
    const frame = view.lastFrame();
    expect(frame).toContain('Changes (3)');
    expect(frame).toMatch(/src\/user-service\.ts\s+\+5 -1/);
    expect(frame).toContain('export const attempts = 3;');
  });

  it('says in the header when saves are polled for, and why', async () => {
    const view = open();
    view.controller.push({ ...status, status: { ...status.status, polling: 'NFS' } });
    await settle();
    expect(view.lastFrame()).toContain('mentor: offline mentor  polling (NFS)');
  });

  it('streams the live note, batched, and keeps its region a few lines tall', async () => {
    const view = open();
    const head = { id: 'live', path: 'src/a.ts', startLine: 3, endLine: 4, topic: 't', severity: 'warn' as const, title: 'streaming', source: 'model' as const };
    view.controller.push({ type: 'review-start', reviewId: 1, paths: [] }, { type: 'tutor', reviewId: 1, event: { type: 'note-start', note: head } });
    const words = Array.from({ length: 200 }, (_, index) => `word${index} `);
    for (const word of words) view.controller.push({ type: 'tutor', reviewId: 1, event: { type: 'text', noteId: 'live', text: word } });
    const before = view.stdout.frames.length;
    await settle(80);
    const frame = view.lastFrame();
    expect(view.stdout.frames.length - before).toBeLessThan(5);
    expect(frame).toContain('src/a.ts:3-4  streaming');
    expect(frame).toContain('word199');
    expect(frame).not.toContain('word100 ');
  });

  it('h shows the next rung and records the climb; it stops at the fourth', async () => {
    const view = await withReview();
    expect(view.lastFrame()).not.toContain('An empty catch');
    await view.type('h');
    expect(view.controller.called('climb')).toEqual([['n-error', 2]]);
    expect(view.lastFrame()).toContain('An empty catch turns a timeout into a silent undefined.');
    expect(view.lastFrame()).not.toContain('Rethrow with context');
    await view.type('h', 'h', 'h');
    expect(view.controller.called('climb')).toEqual([['n-error', 2], ['n-error', 3], ['n-error', 4]]);
    expect(view.lastFrame()).toContain('Rethrow with context');
  });

  it('never shows a rung of a note that was not climbed', async () => {
    const view = await withReview();
    await view.type('h', 'j');
    expect(view.lastFrame()).not.toContain('Golden functions are camelCase.');
  });

  it('e shows the golden snippet beside the learner lines, and e or Esc goes back', async () => {
    const view = await withReview();
    await view.type('e');
    const lines = view.lastFrame().split('\n');
    const row = lines.find((line) => line.includes('} catch (e) {}'));
    expect(row).toMatch(/10 │ {2}\} catch \(e\) \{\}\s+20 │try \{/);
    expect(view.lastFrame()).toContain('golden  acme/api src/users.ts:20-24 @1a2b3c4');
    expect(view.lastFrame()).not.toContain('what does { cause } keep');
    await view.type('h', 'h');
    expect(view.lastFrame()).toContain('Compare the golden catch block: what does { cause } keep?');
    await view.type(ESC);
    expect(view.lastFrame()).toContain('Mentor (2)');
  });

  it('d dismisses the selected note: the controller hears it and the note leaves the list', async () => {
    const view = await withReview();
    await view.type('d');
    expect(view.controller.called('dismiss')).toEqual([['n-error']]);
    expect(view.lastFrame()).not.toContain('error handling');
    expect(view.lastFrame()).toContain('▸ ○ src/user-service.ts:6  naming');
  });

  it('r asks for a new review; [ and ] change files; j and k in the Changes pane scroll', async () => {
    const view = await withReview({ columns: 120, rows: 14 });
    await view.type('r', ']');
    expect(view.controller.called('reviewAgain')).toHaveLength(1);
    expect(view.lastFrame()).toContain('export const base = "/api";');
    await view.type('[', '\t', '\t');
    expect(view.lastFrame()).toContain('┏━ Changes');
    const before = view.lastFrame();
    await view.type('j', 'j');
    expect(view.lastFrame()).not.toContain('   6 │ export async');
    expect(before).toContain('   6 │ export async');
  });

  it('typing in the chat and Enter asks about the selected note; the streamed answer appears', async () => {
    const view = await withReview();
    // All at once, as a fast typist or a paste delivers them: the key right after `c` is typed too.
    for (const key of ['c', 'w', 'h', 'y', 'q', '?', '\r']) view.stdin.write(key);
    await settle();
    expect(view.controller.called('ask')).toEqual([['whyq?', 'n-error']]);
    expect(view.controller.called('quit')).toEqual([]);
    view.controller.push({ type: 'chat-text', text: 'Because the catch ' }, { type: 'chat-text', text: 'swallows it.' }, { type: 'chat-end' });
    await settle(80);
    expect(view.lastFrame()).toContain('you: whyq?');
    expect(view.lastFrame()).toContain('mentor: Because the catch swallows it.');
  });

  it('Esc leaves the chat without sending, backspace edits the draft', async () => {
    const view = await withReview();
    await view.type('/', 'a', 'b', '\u007f', ESC);
    expect(view.controller.called('ask')).toEqual([]);
    expect(view.lastFrame()).toContain('› a');
    expect(view.lastFrame()).toContain('┏━ Mentor');
  });

  it('? shows the help screen generated from the key table', async () => {
    const view = await withReview();
    await view.type('?');
    expect(view.lastFrame()).toContain('golden example beside your lines (toggle)');
    expect(view.lastFrame()).toContain('leave the chat or close the overlay');
    await view.type('?');
    expect(view.lastFrame()).toContain('Mentor (2)');
  });

  it('q quits through the controller', async () => {
    const view = await withReview();
    await view.type('q');
    expect(view.controller.called('quit')).toHaveLength(1);
  });

  it('shows notices in the footer', async () => {
    const view = open();
    view.controller.push({ type: 'notice', level: 'warn', message: 'no API key: using the offline mentor' });
    await settle();
    expect(view.lastFrame()).toContain('warn: no API key: using the offline mentor');
  });
});

describe('watch screen at 80 columns', () => {
  const fits = (frame: string) => frame.split('\n').every((line) => [...line].length <= 80);

  it('shows an error that stops the session in full, with its hint and exit code, until any key quits', async () => {
    const view = open({ columns: 80, rows: 24 });
    const message = 'The learner record at /home/ada/projects/payments-web/.archangel/state.db (notes and chat history) is damaged and cannot be read.';
    const hint = 'Nothing was deleted. Move it aside (`mv /home/ada/projects/payments-web/.archangel/state.db /home/ada/projects/payments-web/.archangel/state.db.damaged`) and ArchAngel starts a fresh record.';
    view.controller.push(status, { type: 'fatal', message, hint, exitCode: 5 });
    await settle();
    const frame = view.lastFrame();
    expect(fits(frame)).toBe(true);
    expect(flatScreen(frame)).toContain(`error: ${message}`);
    expect(flatScreen(frame)).toContain(`hint: ${hint}`);
    expect(flatScreen(frame)).toContain('Press any key to quit (exit code 5)');
    expect(frame).toContain('stopped');
    expect(frame).not.toMatch(/golden: |mentor: /);
    // Keys that mean something elsewhere do nothing else now: any of them quits.
    await view.type('h');
    expect(view.controller.called('climb')).toHaveLength(0);
    expect(view.controller.called('quit')).toHaveLength(1);
  });

  it('shows a long warning in the footer in full, not cut at the edge', async () => {
    const view = open({ columns: 80, rows: 24 });
    const message = 'There is no golden index at /home/ada/projects/payments-web/.archangel/index.db yet. Notes will have no golden evidence until you run `archangel index` to build it.';
    view.controller.push(status, { type: 'notice', level: 'warn', message });
    await settle();
    expect(fits(view.lastFrame())).toBe(true);
    expect(view.lastFrame().split('\n').length).toBeLessThan(24);
    expect(flatScreen(view.lastFrame())).toContain(`warn: ${message}`);
  });

  it('? lists every key with its whole description, j scrolling to what does not fit', async () => {
    const view = await withReview({ columns: 80, rows: 24 });
    await view.type('?');
    let seen = flatScreen(view.lastFrame());
    for (let page = 0; page < 6; page++) {
      await view.type('j');
      expect(fits(view.lastFrame())).toBe(true);
      seen += flatScreen(view.lastFrame());
    }
    for (const line of helpLines()) expect(seen).toContain(`${line.description}${line.where ? ` (${line.where})` : ''}`);
    expect(view.lastFrame()).toMatch(/j\/k: \d+ above/);
  });
});

describe('watch screen size and colour', () => {
  const longLines: WatchEvent[] = [
    { type: 'notice', level: 'error', message: 'x'.repeat(300) },
    { type: 'chat-user', text: 'y'.repeat(300) },
  ];

  it.each([
    [80, 24],
    [100, 28],
    [120, 40],
  ])('keeps every line within %i columns and the frame below %i rows', async (columns, rows) => {
    const long = { ...errorNote, path: `src/${'deep/'.repeat(30)}file.ts`, title: 't'.repeat(200), ladder: errorNote.ladder.map((rung) => ({ ...rung, text: 'word '.repeat(200) })) };
    const view = open({ columns, rows });
    view.controller.push(status, ...reviewEvents(1, [long, namingNote]), ...longLines);
    await settle();
    for (const keys of [[], ['h', 'h', 'h'], ['e'], [ESC, '?'], [ESC, 'c']]) {
      await view.type(...keys);
      const lines = view.lastFrame().split('\n');
      expect(lines.length).toBeLessThan(rows);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
    }
  });

  it('redraws for the new size on resize, stacking the panes below 100 columns', async () => {
    const view = await withReview({ columns: 120, rows: 40 });
    expect(view.lastFrame()).toMatch(/Changes \(2\).*Mentor \(2\)/);
    view.stdout.resize(80, 24);
    await settle();
    const lines = view.lastFrame().split('\n');
    expect(lines.length).toBe(23);
    expect(lines.every((line) => [...line].length <= 80)).toBe(true);
    expect(lines.findIndex((line) => line.includes('Mentor (2)'))).toBeGreaterThan(lines.findIndex((line) => line.includes('Changes (2)')));
  });

  it('uses no escape sequence at all when colour is off', async () => {
    const view = await withReview({ color: false });
    await view.type('h');
    expect(view.stdout.frames.join('')).not.toContain('\u001b[');
  });
});

describe('watch screen with more than fits', () => {
  it('clips a tall note at the bottom of the pane, keeping its heading', async () => {
    const view = open({ columns: 80, rows: 24 });
    view.controller.push(status, ...reviewEvents(1, [errorNote, namingNote]));
    await settle();
    await view.type('h', 'h', 'h');
    const frame = view.lastFrame();
    expect(frame).toContain('▸ ● src/user-service.ts:10  error handling');
    expect(frame.split('\n')).toHaveLength(23);
  });

  it('says in the golden title whether the example does what the learner\'s lines do, or is other code shown for the fix', async () => {
    const titleOf = async (evidence: Partial<(typeof errorNote.evidence)[number]>) => {
      const note = { ...errorNote, evidence: [{ ...errorNote.evidence[0]!, ...evidence } as (typeof errorNote.evidence)[number]] };
      const view = open({ columns: 200, rows: 24 });
      view.controller.push(status, ...reviewEvents(1, [note]));
      await settle();
      await view.type('e');
      return view.lastFrame().split('\n').find((line) => line.includes('golden  acme/api')) ?? '';
    };
    expect(await titleOf({ comparable: true })).toContain('golden  acme/api src/users.ts:20-24 @1a2b3c4 · does what yours does');
    expect(await titleOf({ comparable: false, fix: 'reads its configuration instead of holding it' })).toContain('· other code: it reads its configuration');
    expect(await titleOf({ comparable: false })).toContain('· other code, shown for the habit');
  });

  it('shows the start of a golden snippet longer than the example view', async () => {
    const snippet = Array.from({ length: 80 }, (_, index) => `line ${index}`).join('\n');
    const long = { ...errorNote, evidence: [{ ...errorNote.evidence[0]!, snippet } as (typeof errorNote.evidence)[number]] };
    const view = open({ columns: 80, rows: 24 });
    view.controller.push(status, ...reviewEvents(1, [long]));
    await settle();
    await view.type('e');
    expect(view.lastFrame()).toContain('golden  acme/api');
    expect(view.lastFrame()).toContain('line 0');
    expect(view.lastFrame().split('\n')).toHaveLength(23);
  });
});

describe('watch screen input chunks', () => {
  it('reads several keys arriving in one chunk one by one, and the rest as text once the chat has the focus', async () => {
    const view = await withReview();
    view.stdin.write('hcwhy q?');
    await settle();
    view.stdin.write('\r');
    await settle();
    expect(view.controller.called('climb')).toEqual([['n-error', 2]]);
    expect(view.controller.called('ask')).toEqual([['why q?', 'n-error']]);
  });
});
