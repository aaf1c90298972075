import type { Note, TutorEvent } from '../../tutor/types.js';
import { keepSelection, selectNote } from './selection.js';
import type { ReviewView, TuiState } from './types.js';

/** The latest review's notes, dropping the previous review's once this one has something to say. */
function fresh(review: ReviewView): ReviewView {
  return review.stale ? { ...review, notes: [], stale: false } : review;
}

function withNote(notes: Note[], note: Note): Note[] {
  const at = notes.findIndex((existing) => existing.id === note.id);
  return at === -1 ? [...notes, note] : notes.map((existing, index) => (index === at ? note : existing));
}

/** Applies one event of the tutor stream of the latest review. */
export function applyTutorEvent(state: TuiState, event: TutorEvent): TuiState {
  const { review } = state;
  switch (event.type) {
    case 'note-start': {
      const next = { ...state, review: { ...fresh(review), live: { head: event.note, text: '', evidence: [] } } };
      return review.stale ? keepSelection(next, 0) : next;
    }
    case 'text':
      if (review.live?.head.id !== event.noteId) return state;
      return { ...state, review: { ...review, live: { ...review.live, text: review.live.text + event.text } } };
    case 'citation':
      if (review.live?.head.id !== event.noteId) return state;
      return { ...state, review: { ...review, live: { ...review.live, evidence: [...review.live.evidence, event.evidence] } } };
    case 'note-end': {
      const base = fresh(review);
      const live = base.live?.head.id === event.note.id ? undefined : base.live;
      const next: TuiState = { ...state, review: { ...base, live, notes: withNote(base.notes, event.note) } };
      return next.selectedNoteId === undefined || review.stale ? selectNote(next, next.review.notes[0]) : next;
    }
    case 'error': {
      const message = event.hint ? `${event.message} (${event.hint})` : event.message;
      return { ...state, notices: [...state.notices, { level: event.fatal ? 'error' : 'warn', message }] };
    }
    case 'waiting':
      return { ...state, notices: [...state.notices, { level: 'info', message: event.message }] };
    case 'done':
      return review.stale ? keepSelection({ ...state, review: fresh(review) }, 0) : state;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
