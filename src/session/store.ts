import type { HintLevel, Note, Rung } from '../tutor/types.js';
import { activityLog, type Activity, type ActivityQuery } from './activity.js';
import { chatLog } from './chat.js';
import { fallbackLearner } from './learner.js';
import { noteLedger } from './notes.js';
import { asStateError, openStateDb } from './open.js';
import { pairNoteLog, type NewPairNote, type PairNote, type PairNotesQuery } from './pair-notes.js';
import { quizLog } from './quiz.js';
import { reviewLog } from './reviews.js';
import { sharedReviewLog, type SharedClaim, type SharedChange, type SharedReview } from './shared-reviews.js';
import type { ResolvedNote } from '../review/types.js';
import type {
  ChatHistoryQuery,
  ChatRecord,
  HintEvent,
  NewChatMessage,
  NewQuizAnswer,
  NoteHistoryQuery,
  NoteRecord,
  NoteSummary,
  OpenNotesQuery,
  QuizAnswerRecord,
  ReviewFinish,
  ReviewRecord,
  ReviewStart,
} from './types.js';

export interface SessionStoreOptions {
  /** Whose record this is (see `currentLearner`); defaults to `$USER@local`. */
  learner?: string;
  /** The clock, in ms since the epoch; tests pass a fake one. */
  now?: () => number;
}

/**
 * One learner's record in `.archangel/state.db`: reviews, the notes they were given and what they
 * did with them, and chat history. Synchronous; every write is one short IMMEDIATE transaction, so
 * `watch` and a review hook can share the file. A damaged file surfaces as STATE_CORRUPT.
 */
export interface SessionStore {
  /** The learner every note, hint and review of this store belongs to. */
  readonly learner: string;
  /** The store's clock (ms since the epoch): what reads "now" about this record should ask it, so a test's fake clock holds. */
  now(): number;
  /** Records that a review started; returns its id. */
  startReview(meta: ReviewStart): number;
  /** Records how a review ended: notes given, tokens and cost, or the error. */
  finishReview(id: number, outcome: ReviewFinish): void;
  getReview(id: number): ReviewRecord | undefined;
  /**
   * Records the notes shown in a review. A note seen before counts once more; one that had been
   * resolved is open again and counts a relapse. `codeOf` gives the learner's lines it was about.
   */
  recordNotes(reviewId: number, notes: Note[], codeOf: (note: Note) => string): void;
  isDismissed(noteId: string): boolean;
  /** The learner does not want this note again, ever. False when the note was never recorded. */
  dismiss(noteId: string): boolean;
  /** The notes that may be shown: dismissed ones are dropped, in the given order. */
  filterShowable<T extends Pick<Note, 'id'>>(notes: T[]): T[];
  /** Whether this learner was ever given this note. */
  wasShown(noteId: string): boolean;
  /** The learner opened rung `level`: logged with the time, and `maxLevel` raised. False for an unknown note. */
  climb(noteId: string, level: HintLevel): boolean;
  /** A rung was written afresh (climbing to a stand-in): the note's ladder as shown now. False for an unknown note. */
  saveLadder(noteId: string, ladder: Rung[]): boolean;
  /**
   * A review saw these notes fixed: each one still open on the review's repository and branch is
   * resolved, unaided when only L1 was seen. Returns the ids resolved. Which notes a review may judge
   * is the review's business (`fixedNotes` in review/resolution.ts): the record takes its word.
   */
  markResolved(reviewId: number, noteIds: readonly string[]): string[];
  getNote(noteId: string): NoteRecord | undefined;
  /** Notes neither resolved nor dismissed, by path and line. */
  openNotes(query: OpenNotesQuery): NoteRecord[];
  /** Notes by latest sighting, newest first, for progress (topics mastered, fading help). */
  noteHistory(query?: NoteHistoryQuery): NoteRecord[];
  /** Notes seen at or after `since` (only `topic`'s when given) without their text, newest first: the learner model's input. */
  noteSummaries(query?: { since?: number; topic?: string }): NoteSummary[];
  /** Every rung opened for a note, oldest first (L1 to L4 in seconds is help abuse). */
  hintEvents(noteId: string): HintEvent[];
  /** Stores a chat turn; returns its id. */
  appendChat(message: NewChatMessage): number;
  /** The last turns of one conversation (learner, repository, branch), oldest first. */
  chatHistory(query: ChatHistoryQuery): ChatRecord[];
  /** Stores a navigator's note of a pair session, with its author; returns its id. */
  appendPairNote(note: NewPairNote): number;
  /** The navigator notes of a repository between two times, oldest first. */
  pairNotes(query: PairNotesQuery): PairNote[];
  /** Notes shown, hints climbed, notes dismissed and questions asked in a repository between two times. */
  activity(query: ActivityQuery): Activity;
  /** Stores a graded quiz answer; returns its id. */
  recordQuizAnswer(answer: NewQuizAnswer): number;
  /** Quiz answers at or after `since`, oldest first; only `topic`'s when given. */
  quizHistory(query?: { since?: number; topic?: string }): QuizAnswerRecord[];
  /**
   * Reviews shared with the other processes on this record (src/review/shared-review.ts): claims
   * the changes nobody holds or whose holder `canTake` gives up, in one transaction.
   */
  claimSharedReviews(changes: SharedChange[], owner: string, canTake: (existing: SharedReview) => boolean): SharedClaim;
  /** `owner` reviewed these changes: the notes shown and resolved, for the processes waiting on them. */
  finishSharedReviews(owner: string, results: Array<{ key: string; notes: Note[]; resolved: ResolvedNote[] }>): void;
  /** `owner` gave these changes up unfinished; another process may claim them. */
  releaseSharedReviews(owner: string, keys: string[]): void;
  close(): void;
}

/**
 * Opens the learner record at `path` (created with its folder when missing). Throws STATE_CORRUPT,
 * naming the file and what to do, when it is damaged; the file is left where it is.
 */
export function openSessionStore(path: string, options: SessionStoreOptions = {}): SessionStore {
  const learner = (options.learner ?? fallbackLearner()).trim().toLowerCase();
  const now = options.now ?? Date.now;
  const db = openStateDb(path);
  try {
    const reviews = reviewLog(db, learner, now);
    const notes = noteLedger(db, learner, now, reviews);
    const chat = chatLog(db, learner, now);
    const pairNotes = pairNoteLog(db, learner, now);
    const activity = activityLog(db, learner);
    const quiz = quizLog(db, learner, now);
    const shared = sharedReviewLog(db, learner, now);
    return {
      learner,
      now,
      startReview: reviews.start,
      finishReview: reviews.finish,
      getReview: reviews.get,
      recordNotes: notes.record,
      isDismissed: notes.isDismissed,
      dismiss: notes.dismiss,
      filterShowable: (list) => list.filter((note) => !notes.isDismissed(note.id)),
      wasShown: notes.wasShown,
      climb: notes.climb,
      saveLadder: notes.saveLadder,
      markResolved: notes.markResolved,
      getNote: notes.get,
      openNotes: notes.open,
      noteHistory: (query = {}) => notes.history(query),
      noteSummaries: ({ since = 0, topic }: { since?: number; topic?: string } = {}) => notes.summaries(since, topic),
      hintEvents: notes.hintEvents,
      appendChat: chat.append,
      chatHistory: chat.history,
      appendPairNote: pairNotes.append,
      pairNotes: pairNotes.list,
      activity: activity.between,
      recordQuizAnswer: quiz.record,
      quizHistory: (query = {}) => quiz.history(query),
      claimSharedReviews: shared.claim,
      finishSharedReviews: shared.finish,
      releaseSharedReviews: shared.release,
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw asStateError(path, error);
  }
}
