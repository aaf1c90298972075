import type { HintLevel, Note } from '../../tutor/types.js';
import { changesRows, screenLayout } from '../layout.js';
import { diffRows, rowOfLine } from './diff-rows.js';
import type { TuiState } from './types.js';

/** Rows kept above a note's first line when the diff scrolls to it. */
const CONTEXT_ABOVE = 2;

/** A diff scroll position kept between the first row and the last one that still fills the pane. */
export function clampScroll(state: TuiState, scroll: number): number {
  const rows = diffRows(state.files.find((file) => file.path === state.selectedFile)).length;
  const pane = screenLayout(state).changes.height;
  return Math.min(Math.max(scroll, 0), Math.max(rows - changesRows(pane, state.files.length).lines, 0));
}

/** The rung a note shows: the highest climbed, or the one it opens at (2 on a topic the learner finds hard). */
export function levelOf(levels: TuiState['levels'], note: Pick<Note, 'id' | 'opensAt'>): HintLevel {
  return levels[note.id] ?? note.opensAt ?? 1;
}

/** The selected finished note, if any. */
export function selectedNote(state: TuiState): Note | undefined {
  return state.review.notes.find((note) => note.id === state.selectedNoteId);
}

/** Selects a note and shows its lines in the Changes pane (its file, scrolled to its first line). */
export function selectNote(state: TuiState, note: Note | undefined): TuiState {
  if (!note) return { ...state, selectedNoteId: undefined, overlay: state.overlay === 'example' ? undefined : state.overlay };
  const file = state.files.find((candidate) => candidate.path === note.path);
  if (!file) return { ...state, selectedNoteId: note.id };
  const row = rowOfLine(diffRows(file), note.startLine);
  const next = { ...state, selectedNoteId: note.id, selectedFile: file.path };
  return { ...next, diffScroll: clampScroll(next, row - CONTEXT_ABOVE) };
}

/**
 * After the note list changed: keep the selection when its note is still there; otherwise take the
 * note now at the same place (the next one after a dismissal), or the last one.
 */
export function keepSelection(state: TuiState, previousIndex: number): TuiState {
  const { notes } = state.review;
  if (notes.some((note) => note.id === state.selectedNoteId)) return state;
  return selectNote(state, notes[Math.min(Math.max(previousIndex, 0), notes.length - 1)]);
}

/** Where the selected note sits in the list (-1 when nothing is selected). */
export function selectedIndex(state: TuiState): number {
  return state.review.notes.findIndex((note) => note.id === state.selectedNoteId);
}
