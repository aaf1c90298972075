import type { Language } from '../../index/language.js';
import type { FileChange, ResolvedNote } from '../../review/types.js';
import type { Evidence, HintLevel, Note, TutorEvent } from '../../tutor/types.js';
import type { WatchEvent, WatchStatus } from '../../watch/types.js';
import type { DraftAction } from '../chat/draft.js';
import type { ProgressReport } from '../../progress/types.js';

/** The pane (or the chat line) that receives keys when no overlay is open. */
export type Focus = 'changes' | 'mentor' | 'chat';

/** A screen drawn over the panes: the key help, the golden example beside the learner's lines, or progress. */
export type Overlay = 'help' | 'example' | 'progress';

/** What a note stream announced before its note is finished. */
export type NoteHead = Extract<TutorEvent, { type: 'note-start' }>['note'];

/** The note being written right now: its head, the text streamed so far, the evidence cited so far. */
export interface LiveNote {
  head: NoteHead;
  text: string;
  evidence: Evidence[];
}

/** The notes of the latest review. */
export interface ReviewView {
  /** The latest review started (0 before the first). Events of older reviews are ignored. */
  id: number;
  phase: 'idle' | 'running' | 'done' | 'superseded' | 'failed';
  /** Finished notes, in the order the mentor ranked them. */
  notes: Note[];
  live?: LiveNote;
  /** `notes` belong to the previous review: kept on screen until this one says something. */
  stale: boolean;
  /** Languages of the changes the golden repositories teach no conventions for. */
  withoutRules: Language[];
  /** Notes of earlier saves this review found fixed. */
  resolved: ResolvedNote[];
  /** The saved files this review reads; empty when it reads the whole diff. */
  paths: string[];
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
  error?: string;
}

export interface Notice {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** A note the navigator of a pair session added to the mentor pane. */
export interface NavigatorNote {
  author: string;
  text: string;
}

export interface TerminalSize {
  columns: number;
  rows: number;
}

export interface TuiState {
  status?: WatchStatus;
  /** Index building before the first review; absent once done. */
  progress?: { message: string; done: number; total: number };
  review: ReviewView;
  files: FileChange[];
  selectedFile?: string;
  /** First diff row shown in the Changes pane. */
  diffScroll: number;
  /** Rows of the Mentor pane scrolled out of view at the top (0: the selected note's neighbourhood from its start). */
  mentorScroll: number;
  /** Rows of the Mentor pane's content that do not fit (measured by the pane after drawing): how far it can scroll. */
  mentorOverflow: number;
  selectedNoteId?: string;
  /** The highest rung the learner climbed to, per note id (1 when absent: the question). */
  levels: Readonly<Record<string, HintLevel>>;
  /** A rung being written afresh for the learner (they climbed to one the note lacked), as streamed so far. */
  freshRung?: { noteId: string; level: HintLevel; text: string };
  focus: Focus;
  overlay?: Overlay;
  /** The question being typed on the chat line. */
  draft: string;
  chat: { turns: ChatTurn[]; streaming: boolean };
  /** The navigator's note being typed (pair sessions, `n`); absent when not typing one. */
  noteDraft?: string;
  /** The latest navigator notes of this session (the pane shows them all), oldest first. */
  navigatorNotes: NavigatorNote[];
  /** The last few notices, oldest first. */
  notices: Notice[];
  size: TerminalSize;
  /** The learner's progress, as last read from the record (`p`). */
  learnerProgress?: ProgressReport;
  /** `q` was pressed: the session is closing. */
  quitting: boolean;
  /** Rows of the `?` screen scrolled out of view at the top. */
  helpScroll: number;
  /** What stopped the session: shown in full until the learner presses a key. */
  fatal?: { message: string; hint?: string; exitCode: number };
}

export type Action =
  | { type: 'events'; events: WatchEvent[] }
  | { type: 'move-note'; delta: 1 | -1 }
  | { type: 'move-file'; delta: 1 | -1 }
  | { type: 'scroll-diff'; delta: number }
  /** Half a page of the Mentor pane down (1) or up (-1). */
  | { type: 'scroll-mentor'; delta: 1 | -1 }
  | { type: 'mentor-overflow'; rows: number }
  /** Half a page of the `?` screen down (1) or up (-1). */
  | { type: 'scroll-help'; delta: 1 | -1 }
  | { type: 'show-rung'; noteId: string; level: HintLevel }
  | { type: 'dismiss'; noteId: string }
  | { type: 'focus'; focus: Focus }
  | { type: 'cycle-focus'; delta: 1 | -1 }
  | { type: 'toggle-overlay'; overlay: Overlay }
  | { type: 'close-overlay' }
  | { type: 'draft'; edit: DraftAction }
  | { type: 'note-open' }
  | { type: 'note-draft'; edit: DraftAction }
  | { type: 'note-close' }
  | { type: 'resize'; size: TerminalSize }
  | { type: 'quitting' };
