import type { DiffTarget } from '../review/types.js';
import type { Citation, Evidence, HintLevel, Note, Rung, Usage } from '../tutor/types.js';

/** What is known when a review starts. */
export interface ReviewStart {
  /** Absolute path of the working tree's root. */
  repo: string;
  /** The branch checked out (callers pass e.g. `HEAD` or a short sha when detached). */
  branch: string;
  target: DiffTarget;
  /** `offline`, or the model id writing the notes. */
  tutor: string;
  /** Paths of the files reviewed, relative to `repo`. */
  files: string[];
}

/** How a review ended. */
export interface ReviewFinish {
  /** How many notes were given (shown) to the learner. */
  notes: number;
  usage?: Usage;
  /** Why the review failed or fell back, if it did. */
  error?: string;
}

/** A review as stored. Times are milliseconds since the epoch. */
export interface ReviewRecord extends ReviewStart {
  id: number;
  learner: string;
  startedAt: number;
  finishedAt: number | null;
  notesGiven: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  error: string | null;
}

/** Everything the record holds about one note for one learner. Times are ms since the epoch. */
export interface NoteRecord {
  id: string;
  learner: string;
  /** Where the note was seen last. */
  repo: string;
  branch: string;
  path: string;
  startLine: number;
  endLine: number;
  topic: string;
  /** The topic's family (`naming` for `ts.naming.function`), for progress per concept. */
  category: string;
  severity: Note['severity'];
  title: string;
  source: Note['source'];
  partial: boolean;
  /** The learner's lines the note was about, when it was first seen. */
  code: string;
  ladder: Rung[];
  evidence: Evidence[];
  firstSeen: number;
  lastSeen: number;
  timesSeen: number;
  /** The highest rung the learner opened: 1 once the note was shown. */
  maxLevel: HintLevel;
  dismissedAt: number | null;
  /** Set while the code the note was about is gone; cleared when it comes back (a relapse). */
  resolvedAt: number | null;
  /** The latest resolution happened while the learner had seen only the question (L1). */
  resolvedUnaided: boolean | null;
  resolvedReviewId: number | null;
  timesResolved: number;
  unaidedFixes: number;
  /** How often the note came back after being resolved. */
  relapses: number;
  firstReviewId: number;
  lastReviewId: number;
  /**
   * Ms from the first hint rung opened to the change (L4), null when L4 was never opened. Seconds
   * mean the learner went straight to the answer without trying a hint (help abuse, MENTOR.md).
   */
  climbMs: number | null;
}

/**
 * What the learner model reads of a note, in bulk: counts and times, no text. The `notes_progress`
 * index holds exactly these columns, so thousands are read without touching the note rows.
 */
export type NoteSummary = Pick<
  NoteRecord,
  'id' | 'topic' | 'category' | 'title' | 'severity' | 'path' | 'startLine' | 'firstSeen' | 'lastSeen' | 'timesSeen' | 'maxLevel' | 'dismissedAt' | 'resolvedAt' | 'resolvedUnaided' | 'timesResolved' | 'unaidedFixes' | 'relapses' | 'climbMs'
>;

/** One rung opened by the learner. */
export interface HintEvent {
  noteId: string;
  level: HintLevel;
  at: number;
}

/** A chat turn to store; `learner` defaults to the store's learner, `at` to now. */
export interface NewChatMessage {
  repo: string;
  branch: string;
  learner?: string;
  role: 'user' | 'assistant' | 'system';
  text: string;
  /** The note the chat was about, if any. */
  noteId?: string;
  citations?: Citation[];
  /** `offline` or the model id that wrote an assistant turn. */
  tutor?: string;
  usage?: Usage;
  at?: number;
}

/** A stored chat turn. */
export interface ChatRecord {
  id: number;
  repo: string;
  branch: string;
  learner: string;
  role: NewChatMessage['role'];
  text: string;
  noteId: string | null;
  citations: Citation[];
  at: number;
  tutor: string | null;
  usage: Usage | null;
}

/** Which open notes to list: one repository, optionally one branch and one file. */
export interface OpenNotesQuery {
  repo: string;
  branch?: string;
  path?: string;
}

/** Which notes `noteHistory` returns, newest sighting first. */
export interface NoteHistoryQuery {
  /** Only notes seen at or after this time (ms since the epoch). */
  since?: number;
  /** Only this exact topic (`ts.naming.function`). */
  topic?: string;
  /** Only this family of topics (`naming`). */
  category?: string;
  limit?: number;
}

/** Which conversation `chatHistory` returns: the last `limit` turns, oldest first. */
export interface ChatHistoryQuery {
  repo: string;
  branch: string;
  /** Defaults to the store's learner. */
  learner?: string;
  limit?: number;
}

/** A quiz answer to store; `at` defaults to now. */
export interface NewQuizAnswer {
  /** The topic the question was about (a convention rule id or a note topic). */
  topic: string;
  /** The note the question was built from, if any. */
  noteId?: string;
  question: string;
  /** What the learner answered: the option's text, or their own words. */
  answer: string;
  /** Right; a model's "partly" is not (it counts against the streak, like a wrong answer). */
  correct: boolean;
  /** A model's grade of a free answer, and its one sentence of feedback (citations resolved). */
  verdict?: 'right' | 'partly' | 'wrong';
  feedback?: string;
  /** `offline` (multiple choice) or the model id that graded a free answer. */
  grader: string;
  at?: number;
}

/** A stored quiz answer. */
export interface QuizAnswerRecord {
  id: number;
  topic: string;
  noteId: string | null;
  question: string;
  answer: string;
  correct: boolean;
  verdict: 'right' | 'partly' | 'wrong' | null;
  feedback: string | null;
  grader: string;
  at: number;
}
