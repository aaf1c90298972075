import type { Language } from '../index/language.js';
import type { ProgressReport } from '../progress/types.js';
import type { FileChange, ResolvedNote } from '../review/types.js';
import type { HintLevel, Note, TutorEvent, Usage } from '../tutor/types.js';

/**
 * The contract between the watch session (core) and whatever shows it: the Ink TUI, plain lines
 * without a TTY, or a test. The session emits `WatchEvent`s; the view calls `WatchController`.
 */

/** What the header shows. */
export interface WatchStatus {
  repo: string;
  branch: string;
  /** e.g. "3 repos, indexed 2h ago", or "indexing 40%", or "no index". */
  index: string;
  /** "offline mentor" or the model id. */
  tutor: string;
  /** Tokens and estimated cost this session (model tutors only). */
  usage: Usage;
  /** In a pair session: who drives and who navigates, e.g. "ana driving · ada navigating" (the driver's email without its domain). */
  pair?: string;
  /** Set when saves are found by polling instead of native file events: why, e.g. "NFS" or "watch.poll". */
  polling?: string;
}

export type WatchEvent =
  | { type: 'status'; status: WatchStatus }
  /** Index building/updating progress before the first review (a newcomer's first run). */
  | { type: 'index-progress'; message: string; done: number; total: number }
  /** A review started for these files (empty: the whole diff). */
  | { type: 'review-start'; reviewId: number; paths: string[] }
  /**
   * The changed files and their hunks, as the review saw them, and the languages among them the
   * golden repositories teach no conventions for (their code is held to none).
   */
  | { type: 'changes'; reviewId: number; files: FileChange[]; withoutRules: Language[] }
  /** Notes of earlier saves whose code this review no longer finds: fixed. */
  | { type: 'resolved'; reviewId: number; notes: ResolvedNote[] }
  /** The tutor's stream for a review. */
  | { type: 'tutor'; reviewId: number; event: TutorEvent }
  /** The review ended (done, superseded by a newer save, or failed). */
  | { type: 'review-end'; reviewId: number; outcome: 'done' | 'superseded' | 'failed'; message?: string }
  /** The learner climbed to rung `level`; its text follows (`hint-text` when written afresh, then `note-updated`). */
  | { type: 'hint-start'; noteId: string; level: HintLevel }
  /** A piece of a rung being written afresh by the model. */
  | { type: 'hint-text'; noteId: string; text: string }
  /** A note moved up the ladder (its new rung text is in `note`). */
  | { type: 'note-updated'; note: Note; level: HintLevel }
  | { type: 'note-dismissed'; noteId: string }
  /** Chat: the learner's message, the answer streaming, the end of the answer. */
  | { type: 'chat-user'; text: string }
  | { type: 'chat-text'; text: string }
  | { type: 'chat-end'; error?: string }
  /** Chat history restored at start (oldest first). */
  | { type: 'chat-history'; messages: Array<{ role: 'user' | 'assistant'; text: string }> }
  /** The navigator of a pair session added a note to the mentor pane. */
  | { type: 'navigator-note'; author: string; text: string }
  /** The learner's progress, read from the record when the view asked for it. */
  | { type: 'progress'; report: ProgressReport }
  /** One plain line worth showing (fallback to offline, a watcher error...). */
  | { type: 'notice'; level: 'info' | 'warn' | 'error'; message: string }
  /**
   * The session cannot go on (the record or the index cannot be opened, not a git working tree):
   * shown in full until the learner has read it; the command then exits with `exitCode`.
   */
  | { type: 'fatal'; message: string; hint?: string; exitCode: number };

/** What a view may ask of the session. */
export interface WatchController {
  /** Receive every event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: WatchEvent) => void): () => void;
  /** Show the next rung of a note (records the climb; a rung the note lacks is written afresh, and a newer climb, dismissal or save cancels it). */
  climb(noteId: string, level: HintLevel): void;
  /** Never show this note again. */
  dismiss(noteId: string): void;
  /** Read the learner's progress from the record; answered with a `progress` event. */
  progress(): void;
  /** Review the whole current diff again now. */
  reviewAgain(): void;
  /** Ask about the current diff (and the selected note, if any). */
  ask(text: string, noteId?: string): void;
  /** In a pair session: the navigator's note, stored with its author and shown in the mentor pane. */
  addNavigatorNote(text: string): void;
  /** Stop watching, flush the record, and resolve when everything is closed. */
  quit(): Promise<void>;
}
