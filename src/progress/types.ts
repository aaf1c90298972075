import type { DiffTarget } from '../review/types.js';
import type { Evidence, Severity } from '../tutor/types.js';

/**
 * The learner model's vocabulary. `new`: seen once, nothing done with it yet. `learning`: the
 * default. `struggling`: keeps recurring, relapsing or needing the full ladder. `mastered`: fixed
 * unaided several times in a row and not open now (thresholds.ts says how many and why).
 */
export type TopicStatus = 'new' | 'learning' | 'struggling' | 'mastered';

/** Whether the topic comes up less often lately (first sightings, recent half of the window vs the older half). */
export type Trend = 'improving' | 'steady' | 'worsening';

/** What the model needs of a note record: plain data, so tests and the bench can build it by hand. */
export interface NoteFacts {
  id: string;
  topic: string;
  category: string;
  title: string;
  severity: Severity;
  path: string;
  startLine: number;
  /** Absent when read in bulk without the text (the focus list then reads a few notes in full). */
  evidence?: Evidence[];
  firstSeen: number;
  lastSeen: number;
  timesSeen: number;
  maxLevel: number;
  dismissedAt: number | null;
  resolvedAt: number | null;
  resolvedUnaided: boolean | null;
  timesResolved: number;
  unaidedFixes: number;
  relapses: number;
  /** Ms from the first hint rung opened to the change (L4); null when L4 was never opened. */
  climbMs: number | null;
}

/** A graded quiz answer, as the model reads it. */
export interface QuizFacts {
  topic: string;
  correct: boolean;
  at: number;
}

export interface TopicProgress {
  topic: string;
  category: string;
  /** The title its notes carry ("naming", "error handling"). */
  title: string;
  status: TopicStatus;
  trend: Trend;
  /** Distinct notes (each a new place or new code with this deviation). */
  notes: number;
  /** Reviews that showed one of its notes. */
  sightings: number;
  /** Notes open now (neither fixed nor dismissed). */
  open: number;
  fixes: number;
  unaidedFixes: number;
  relapses: number;
  dismissed: number;
  /** Notes whose learner climbed to the last rung. */
  fullLadder: number;
  /** Of those, the ones climbed from the first hint to the change in under RUSH_MS: the answer taken without trying. */
  rushed: number;
  /** Among the recent notes, RUSHING_NOTES or more rushed: the mentor asks for an attempt rather than giving more help. */
  rushing: boolean;
  /** Mean highest rung opened per note, 1..4. */
  meanLevel: number;
  /** Median time from a note's first sighting to its fix, ms; null before any fix. */
  medianFixMs: number | null;
  /** Unaided fixes and right quiz answers in a row, newest back. */
  streak: number;
  quizRight: number;
  quizWrong: number;
  severity: Severity;
  firstSeen: number;
  lastSeen: number;
}

/** A topic worth working on next, with the golden example to study. */
export interface FocusItem {
  topic: string;
  title: string;
  status: TopicStatus;
  /** One plain clause: why this one ("came back 2 times after a fix"). */
  reason: string;
  /** The golden example: a golden snippet when one is on record, else a convention with its examples. */
  example: Evidence | undefined;
}

export interface LearnerProgress {
  learner: string;
  /** Start of the window (ms), or null for all history. */
  since: number | null;
  now: number;
  /** Struggling first, then learning, new, mastered; within each the most seen first. */
  topics: TopicProgress[];
  focus: FocusItem[];
  counts: Record<TopicStatus, number>;
}

/** "Ready for review?": the open notes a reviewer would likely raise, most severe first. */
export interface ReadyCheck {
  branch: string;
  /** Files changed, when the check is scoped to them (the notes are then on these files only). */
  changedFiles?: number;
  /** What was compared to find them, with `changedFiles`: the working tree, the staged changes or a range. */
  target?: DiffTarget;
  notes: Array<Pick<NoteFacts, 'id' | 'topic' | 'title' | 'severity' | 'path' | 'startLine'>>;
}

export interface ProgressReport {
  progress: LearnerProgress;
  ready: ReadyCheck;
}
