import { draftReducer } from '../chat/draft.js';
import { helpOverflow } from '../help-layout.js';
import { screenLayout } from '../layout.js';
import { clampScroll, selectNote, selectedIndex } from './selection.js';
import { applyWatchEvent, removeNote, withNotice } from './watch-event.js';
import type { Action, Focus, TerminalSize, TuiState } from './types.js';

const FOCUS_ORDER: readonly Focus[] = ['changes', 'mentor', 'chat'];

/** The screen before any event: waiting for the first review, the mentor pane (or the chat) focused. */
export function initialState(size: TerminalSize, options: { focusChat?: boolean } = {}): TuiState {
  return {
    review: { id: 0, phase: 'idle', notes: [], stale: false, withoutRules: [], resolved: [], paths: [] },
    files: [],
    diffScroll: 0,
    mentorScroll: 0,
    mentorOverflow: 0,
    levels: {},
    focus: options.focusChat ? 'chat' : 'mentor',
    draft: '',
    chat: { turns: [], streaming: false },
    navigatorNotes: [],
    notices: [],
    size,
    quitting: false,
    helpScroll: 0,
  };
}

function step<T>(items: readonly T[], current: number, delta: number): T | undefined {
  if (items.length === 0) return undefined;
  return items[(current + delta + items.length) % items.length];
}

/** Everything that changes the screen: watch events (batched) and the learner's commands. */
export function reducer(state: TuiState, action: Action): TuiState {
  switch (action.type) {
    case 'events':
      return action.events.reduce(applyWatchEvent, state);
    case 'move-note': {
      const { notes } = state.review;
      const at = selectedIndex(state);
      const target = notes[Math.min(Math.max(at + action.delta, 0), notes.length - 1)];
      return target ? { ...selectNote(state, target), mentorScroll: 0 } : state;
    }
    case 'move-file': {
      const at = state.files.findIndex((file) => file.path === state.selectedFile);
      const file = step(state.files, at, action.delta);
      return file ? { ...state, selectedFile: file.path, diffScroll: 0 } : state;
    }
    case 'scroll-diff': {
      return { ...state, diffScroll: clampScroll(state, state.diffScroll + action.delta) };
    }
    case 'scroll-mentor': {
      const page = screenLayout(state).mentor.height - 2;
      const scroll = Math.min(Math.max(state.mentorScroll + action.delta * Math.max(Math.floor(page / 2), 1), 0), state.mentorOverflow);
      return scroll === state.mentorScroll ? state : { ...state, mentorScroll: scroll };
    }
    case 'scroll-help': {
      const { columns, body } = screenLayout(state);
      const page = Math.max(Math.floor((body.height - 2) / 2), 1);
      return { ...state, helpScroll: Math.min(Math.max(state.helpScroll + action.delta * page, 0), helpOverflow(columns, body.height)) };
    }
    case 'mentor-overflow': {
      if (action.rows === state.mentorOverflow) return state;
      return { ...state, mentorOverflow: action.rows, mentorScroll: Math.min(state.mentorScroll, action.rows) };
    }
    case 'show-rung':
      return { ...state, mentorScroll: 0, levels: { ...state.levels, [action.noteId]: Math.max(state.levels[action.noteId] ?? 1, action.level) as 1 | 2 | 3 | 4 } };
    case 'dismiss':
      return removeNote({ ...state, mentorScroll: 0 }, action.noteId);
    case 'focus':
      return { ...state, focus: action.focus, overlay: undefined };
    case 'cycle-focus':
      return { ...state, focus: step(FOCUS_ORDER, FOCUS_ORDER.indexOf(state.focus), action.delta) ?? state.focus };
    case 'toggle-overlay':
      if (state.overlay === action.overlay) return { ...state, overlay: undefined };
      if (action.overlay === 'example' && state.selectedNoteId === undefined) return state;
      return { ...state, overlay: action.overlay, helpScroll: 0 };
    case 'close-overlay':
      return { ...state, overlay: undefined };
    case 'draft':
      return { ...state, draft: draftReducer(state.draft, action.edit) };
    case 'note-open':
      if (!state.status?.pair) return withNotice(state, { level: 'info', message: 'Navigator notes are for pair sessions: start one with `archangel pair`.' });
      return { ...state, noteDraft: '', overlay: undefined };
    case 'note-draft':
      return state.noteDraft === undefined ? state : { ...state, noteDraft: draftReducer(state.noteDraft, action.edit) };
    case 'note-close':
      return { ...state, noteDraft: undefined };
    case 'resize':
      return { ...state, size: action.size };
    case 'quitting':
      return { ...state, quitting: true };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
