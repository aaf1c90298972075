import type { HintLevel, Note } from '../../tutor/types.js';
import type { WatchEvent } from '../../watch/types.js';
import { applyChatEvent } from './chat-event.js';
import { filesAfterReview } from './changed-files.js';
import { keepSelection, levelOf, selectedIndex } from './selection.js';
import { applyTutorEvent } from './tutor-event.js';
import type { Notice, TuiState } from './types.js';

/** Notices kept: the footer shows the newest, the rest are there for a glance back. */
const MAX_NOTICES = 5;

/** Navigator notes shown above the mentor's: the latest few, the rest are in the session summary. */
const NAVIGATOR_NOTES_SHOWN = 3;

export function withNotice(state: TuiState, notice: Notice): TuiState {
  return { ...state, notices: [...state.notices, notice].slice(-MAX_NOTICES) };
}

/** Removes a note (dismissed): the selection moves to the next note, the example view closes. */
export function removeNote(state: TuiState, noteId: string): TuiState {
  const at = selectedIndex(state);
  const notes = state.review.notes.filter((note) => note.id !== noteId);
  if (notes.length === state.review.notes.length) return state;
  return keepSelection({ ...state, review: { ...state.review, notes } }, at);
}

function updateNote(state: TuiState, note: Note, level: HintLevel): TuiState {
  const notes = state.review.notes.map((existing) => (existing.id === note.id ? note : existing));
  const levels = { ...state.levels, [note.id]: Math.max(levelOf(state.levels, note), level) as HintLevel };
  const { freshRung } = state;
  const written = freshRung?.noteId === note.id && freshRung.level === level;
  return { ...state, review: { ...state.review, notes }, levels, freshRung: written ? undefined : freshRung };
}

/** Applies one event of the watch session to the screen state. */
export function applyWatchEvent(state: TuiState, event: WatchEvent): TuiState {
  switch (event.type) {
    case 'status':
      return { ...state, status: event.status };
    case 'index-progress':
      return { ...state, progress: event.done < event.total ? { message: event.message, done: event.done, total: event.total } : undefined };
    case 'review-start': {
      // A save cancels the rung being written (the session stops it).
      const { review } = state;
      return { ...state, freshRung: undefined, review: { id: event.reviewId, phase: 'running', notes: review.notes, stale: review.notes.length > 0, withoutRules: review.withoutRules, resolved: [], paths: event.paths } };
    }
    case 'changes': {
      if (event.reviewId !== state.review.id) return state;
      const files = filesAfterReview(state.files, state.review.paths, event.files);
      // A save shows its own diff; a whole-diff review (or a save that undid its change) keeps the file being read.
      const shown = event.files.some((file) => file.path === state.selectedFile) || ((state.review.paths.length === 0 || event.files.length === 0) && files.some((file) => file.path === state.selectedFile));
      return { ...state, files, selectedFile: shown ? state.selectedFile : (event.files[0] ?? files[0])?.path, diffScroll: shown ? state.diffScroll : 0, review: { ...state.review, withoutRules: event.withoutRules } };
    }
    case 'tutor':
      return event.reviewId === state.review.id ? applyTutorEvent(state, event.event) : state;
    case 'resolved':
      return event.reviewId === state.review.id ? { ...state, review: { ...state.review, resolved: event.notes } } : state;
    case 'review-end': {
      if (event.reviewId !== state.review.id) return state;
      const ended = { ...state, review: { ...state.review, phase: event.outcome, live: undefined } };
      return event.outcome === 'failed' ? withNotice(ended, { level: 'error', message: `review failed: ${event.message ?? 'unknown error'}` }) : ended;
    }
    case 'hint-start':
      return { ...state, freshRung: { noteId: event.noteId, level: event.level, text: '' } };
    case 'hint-text': {
      const { freshRung } = state;
      return freshRung?.noteId === event.noteId ? { ...state, freshRung: { ...freshRung, text: freshRung.text + event.text } } : state;
    }
    case 'note-updated':
      return updateNote(state, event.note, event.level);
    case 'note-dismissed':
      return removeNote(state.freshRung?.noteId === event.noteId ? { ...state, freshRung: undefined } : state, event.noteId);
    case 'chat-user':
    case 'chat-text':
    case 'chat-end':
    case 'chat-history':
      return applyChatEvent(state, event);
    case 'navigator-note':
      return { ...state, navigatorNotes: [...state.navigatorNotes, { author: event.author, text: event.text }].slice(-NAVIGATOR_NOTES_SHOWN) };
    case 'progress':
      return { ...state, learnerProgress: event.report };
    case 'notice':
      return withNotice(state, { level: event.level, message: event.message });
    case 'fatal':
      // Nothing else is on screen: no overlay, no note being typed, only the error and how to leave.
      return { ...state, fatal: { message: event.message, ...(event.hint ? { hint: event.hint } : {}), exitCode: event.exitCode }, overlay: undefined, noteDraft: undefined };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
