import { describe, expect, it } from 'vitest';
import { initialState, reducer } from '../../../src/tui/state/reducer.js';
import type { FileChange } from '../../../src/review/types.js';
import type { Action, TuiState } from '../../../src/tui/state/types.js';
import type { WatchEvent } from '../../../src/watch/types.js';
import { client, errorNote, namingNote, reviewEvents, status, userService } from '../fixtures.js';

const start = () => initialState({ columns: 100, rows: 28 });
const apply = (state: TuiState, ...actions: Action[]) => actions.reduce(reducer, state);
const events = (state: TuiState, ...list: WatchEvent[]) => reducer(state, { type: 'events', events: list });
const withNotes = () => events(start(), ...reviewEvents(1, [errorNote, namingNote]));
const noteStart = (reviewId: number, id = 'live'): WatchEvent => ({
  type: 'tutor',
  reviewId,
  event: { type: 'note-start', note: { id, path: 'src/user-service.ts', startLine: 8, endLine: 8, topic: 't', severity: 'info', title: 'live one', source: 'model' } },
});

describe('tui reducer: watch events', () => {
  it('starts waiting, with the mentor focused (or the chat for `archangel chat`)', () => {
    expect(start()).toMatchObject({ review: { id: 0, phase: 'idle', notes: [] }, focus: 'mentor', quitting: false });
    expect(initialState({ columns: 80, rows: 24 }, { focusChat: true }).focus).toBe('chat');
  });

  it('keeps the header status and index progress, dropping progress once done', () => {
    let state = events(start(), status, { type: 'index-progress', message: 'indexing', done: 3, total: 10 });
    expect(state.status?.repo).toBe('payments-web');
    expect(state.progress).toEqual({ message: 'indexing', done: 3, total: 10 });
    state = events(state, { type: 'index-progress', message: 'indexing', done: 10, total: 10 });
    expect(state.progress).toBeUndefined();
  });

  it('takes the changed files of the current review and selects the first file', () => {
    const state = events(start(), { type: 'review-start', reviewId: 1, paths: [] }, { type: 'changes', reviewId: 1, files: [userService, client], withoutRules: [] });
    expect(state.files.map((file) => file.path)).toEqual(['src/user-service.ts', 'src/api/client.ts']);
    expect(state.selectedFile).toBe('src/user-service.ts');
  });

  it('keeps every changed file listed when a save is reviewed alone, and shows the saved one', () => {
    const added: FileChange = { ...client, path: 'src/new-file.ts', status: 'added' };
    let state = events(start(), { type: 'review-start', reviewId: 1, paths: [] }, { type: 'changes', reviewId: 1, files: [client, userService], withoutRules: [] });
    expect(state.selectedFile).toBe('src/api/client.ts');
    // The watcher reads only the saved file: the others are still changed.
    state = events(state, { type: 'review-start', reviewId: 2, paths: ['src/new-file.ts'] }, { type: 'changes', reviewId: 2, files: [added], withoutRules: [] });
    expect(state.files.map((file) => file.path)).toEqual(['src/api/client.ts', 'src/new-file.ts', 'src/user-service.ts']);
    expect(state.selectedFile).toBe('src/new-file.ts');
    // A save of a listed file replaces its entry.
    const edited: FileChange = { ...userService, additions: 9 };
    state = events(state, { type: 'review-start', reviewId: 3, paths: ['src/user-service.ts'] }, { type: 'changes', reviewId: 3, files: [edited], withoutRules: [] });
    expect(state.files).toEqual([client, added, edited]);
  });

  it('drops a file whose save undid its change, keeping the file being read', () => {
    let state = events(start(), { type: 'review-start', reviewId: 1, paths: [] }, { type: 'changes', reviewId: 1, files: [client, userService], withoutRules: [] });
    state = events(state, { type: 'review-start', reviewId: 2, paths: ['src/user-service.ts'] }, { type: 'changes', reviewId: 2, files: [], withoutRules: [] });
    expect(state.files).toEqual([client]);
    expect(state.selectedFile).toBe('src/api/client.ts');
    // The whole diff read again lists exactly what it read.
    state = events(state, { type: 'review-start', reviewId: 3, paths: [] }, { type: 'changes', reviewId: 3, files: [userService], withoutRules: [] });
    expect(state.files).toEqual([userService]);
  });

  it('streams a live note apart from the finished ones, and note-end replaces its draft', () => {
    let state = events(start(), { type: 'review-start', reviewId: 1, paths: [] }, noteStart(1));
    state = events(state, { type: 'tutor', reviewId: 1, event: { type: 'text', noteId: 'live', text: 'What does ' } }, { type: 'tutor', reviewId: 1, event: { type: 'text', noteId: 'live', text: 'it return?' } });
    state = events(state, { type: 'tutor', reviewId: 1, event: { type: 'citation', noteId: 'live', evidence: namingNote.evidence[0]! } });
    expect(state.review.live).toMatchObject({ text: 'What does it return?', evidence: [{ id: 'c1' }] });
    expect(state.review.notes).toEqual([]);
    state = events(state, { type: 'tutor', reviewId: 1, event: { type: 'note-end', note: { ...namingNote, id: 'live' } } });
    expect(state.review.live).toBeUndefined();
    expect(state.review.notes.map((note) => note.id)).toEqual(['live']);
  });

  it('selects the first finished note and shows its file scrolled to its lines', () => {
    const state = withNotes();
    expect(state.selectedNoteId).toBe('n-error');
    expect(state.selectedFile).toBe('src/user-service.ts');
    expect(state.diffScroll).toBe(0);
    const small = events(initialState({ columns: 120, rows: 14 }), ...reviewEvents(1, [errorNote, namingNote]));
    expect(small.diffScroll).toBe(1);
    expect(state.review.phase).toBe('done');
  });

  it("keeps the previous review's notes until the next review says something, then replaces them", () => {
    let state = events(withNotes(), { type: 'review-start', reviewId: 2, paths: ['src/user-service.ts'] });
    expect(state.review).toMatchObject({ id: 2, phase: 'running', stale: true });
    expect(state.review.notes).toHaveLength(2);
    state = events(state, noteStart(2, 'fresh'));
    expect(state.review).toMatchObject({ stale: false, notes: [] });
    expect(state.selectedNoteId).toBeUndefined();
  });

  it('clears stale notes when the next review finishes with nothing to say', () => {
    const state = events(withNotes(), ...reviewEvents(2, []));
    expect(state.review).toMatchObject({ id: 2, notes: [], stale: false, phase: 'done' });
  });

  it('ignores the stream of a superseded review', () => {
    const state = events(start(), { type: 'review-start', reviewId: 1, paths: [] }, { type: 'review-start', reviewId: 2, paths: [] }, noteStart(1), { type: 'changes', reviewId: 1, files: [client], withoutRules: [] });
    expect(state.review.live).toBeUndefined();
    expect(state.files).toEqual([]);
  });

  it('drops the live draft when the review ends, and reports a failure as a notice', () => {
    const state = events(start(), { type: 'review-start', reviewId: 1, paths: [] }, noteStart(1), { type: 'review-end', reviewId: 1, outcome: 'failed', message: 'git exploded' });
    expect(state.review).toMatchObject({ phase: 'failed', live: undefined });
    expect(state.notices.at(-1)).toEqual({ level: 'error', message: 'review failed: git exploded' });
  });

  it('turns tutor errors into notices (warn unless fatal), with their hint', () => {
    const state = events(start(), { type: 'review-start', reviewId: 1, paths: [] }, { type: 'tutor', reviewId: 1, event: { type: 'error', message: 'rate limited', hint: 'wait a minute', fatal: false } });
    expect(state.notices).toEqual([{ level: 'warn', message: 'rate limited (wait a minute)' }]);
  });

  it('note-updated replaces the ladder and raises the visible rung', () => {
    const ladder = errorNote.ladder.map((rung) => ({ ...rung, text: `new ${rung.level}` }));
    const state = events(withNotes(), { type: 'note-updated', note: { ...errorNote, ladder }, level: 3 });
    expect(state.review.notes[0]?.ladder[2]?.text).toBe('new 3');
    expect(state.levels['n-error']).toBe(3);
  });

  it('note-dismissed removes the note and selects the next one', () => {
    const state = events(withNotes(), { type: 'note-dismissed', noteId: 'n-error' });
    expect(state.review.notes.map((note) => note.id)).toEqual(['n-naming']);
    expect(state.selectedNoteId).toBe('n-naming');
  });

  it('keeps the chat: history first, the question, the answer streamed into one turn, errors on it', () => {
    let state = events(start(), { type: 'chat-history', messages: [{ role: 'user', text: 'old?' }, { role: 'assistant', text: 'old.' }] });
    state = events(state, { type: 'chat-user', text: 'why?' }, { type: 'chat-text', text: 'Because ' }, { type: 'chat-text', text: 'it is.' });
    expect(state.chat.streaming).toBe(true);
    state = events(state, { type: 'chat-end' });
    expect(state.chat).toEqual({
      streaming: false,
      turns: [
        { role: 'user', text: 'old?' },
        { role: 'assistant', text: 'old.' },
        { role: 'user', text: 'why?' },
        { role: 'assistant', text: 'Because it is.' },
      ],
    });
    state = events(state, { type: 'chat-user', text: 'and?' }, { type: 'chat-end', error: 'no model' });
    expect(state.chat.turns.at(-1)).toEqual({ role: 'assistant', text: '', error: 'no model' });
  });

  it('keeps only the last few notices', () => {
    const notices = Array.from({ length: 8 }, (_, index): WatchEvent => ({ type: 'notice', level: 'info', message: `n${index}` }));
    expect(events(start(), ...notices).notices.map((notice) => notice.message)).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
  });
});

describe('tui reducer: commands', () => {
  it('moves between notes without wrapping, and the diff follows the note', () => {
    let state = apply(withNotes(), { type: 'move-note', delta: 1 });
    expect(state.selectedNoteId).toBe('n-naming');
    expect(state.diffScroll).toBe(0);
    state = apply(state, { type: 'move-note', delta: 1 });
    expect(state.selectedNoteId).toBe('n-naming');
    expect(apply(state, { type: 'move-note', delta: -1 }).selectedNoteId).toBe('n-error');
  });

  it('cycles files and resets the scroll', () => {
    const state = apply(withNotes(), { type: 'move-file', delta: 1 });
    expect(state).toMatchObject({ selectedFile: 'src/api/client.ts', diffScroll: 0 });
    expect(apply(state, { type: 'move-file', delta: 1 }).selectedFile).toBe('src/user-service.ts');
    expect(apply(state, { type: 'move-file', delta: -1 }).selectedFile).toBe('src/user-service.ts');
  });

  it('scrolls the diff no further than its last row fits the pane', () => {
    const state = withNotes();
    expect(apply(state, { type: 'scroll-diff', delta: -10 }).diffScroll).toBe(0);
    expect(apply(state, { type: 'scroll-diff', delta: 100 }).diffScroll).toBe(0);
    const small = apply(state, { type: 'resize', size: { columns: 120, rows: 14 } });
    expect(apply(small, { type: 'scroll-diff', delta: 100 }).diffScroll).toBe(1);
  });

  it('shows rungs per note, never lowering one', () => {
    const state = apply(withNotes(), { type: 'show-rung', noteId: 'n-error', level: 2 });
    expect(state.levels).toEqual({ 'n-error': 2 });
    expect(apply(state, { type: 'show-rung', noteId: 'n-error', level: 1 }).levels['n-error']).toBe(2);
  });

  it('dismisses at once (before the session confirms) and selects the next note', () => {
    const state = apply(withNotes(), { type: 'dismiss', noteId: 'n-error' });
    expect(state.review.notes.map((note) => note.id)).toEqual(['n-naming']);
    expect(state.selectedNoteId).toBe('n-naming');
    expect(apply(state, { type: 'dismiss', noteId: 'n-naming' }).selectedNoteId).toBeUndefined();
  });

  it('focuses a pane, cycles focus both ways, and focusing closes overlays', () => {
    let state = apply(start(), { type: 'cycle-focus', delta: 1 });
    expect(state.focus).toBe('chat');
    expect(apply(state, { type: 'cycle-focus', delta: 1 }).focus).toBe('changes');
    expect(apply(state, { type: 'cycle-focus', delta: -1 }).focus).toBe('mentor');
    state = apply(start(), { type: 'toggle-overlay', overlay: 'help' }, { type: 'focus', focus: 'chat' });
    expect(state).toMatchObject({ focus: 'chat', overlay: undefined });
  });

  it('toggles help, opens the example view only with a note selected, and closes overlays', () => {
    expect(apply(start(), { type: 'toggle-overlay', overlay: 'example' }).overlay).toBeUndefined();
    const state = apply(withNotes(), { type: 'toggle-overlay', overlay: 'example' });
    expect(state.overlay).toBe('example');
    expect(apply(state, { type: 'toggle-overlay', overlay: 'example' }).overlay).toBeUndefined();
    expect(apply(state, { type: 'toggle-overlay', overlay: 'help' }).overlay).toBe('help');
    expect(apply(state, { type: 'close-overlay' }).overlay).toBeUndefined();
    expect(apply(state, { type: 'dismiss', noteId: 'n-error' }, { type: 'dismiss', noteId: 'n-naming' }).overlay).toBeUndefined();
  });

  it('edits the chat draft: pasted newlines become spaces, control characters go, backspace, clear', () => {
    let state = apply(start(), { type: 'draft', edit: { type: 'insert', text: 'why\nnot\u0007?' } });
    expect(state.draft).toBe('why not?');
    state = apply(state, { type: 'draft', edit: { type: 'backspace' } });
    expect(state.draft).toBe('why not');
    expect(apply(state, { type: 'draft', edit: { type: 'clear' } }).draft).toBe('');
  });

  it('records the terminal size and that quitting started', () => {
    expect(apply(start(), { type: 'resize', size: { columns: 80, rows: 24 } }).size).toEqual({ columns: 80, rows: 24 });
    expect(apply(start(), { type: 'quitting' }).quitting).toBe(true);
  });
});
