import type { DiffTarget } from '../review/types.js';
import type { HintLevel, Note } from '../tutor/types.js';
import type { ChatRecord, HintEvent, NoteRecord, NoteSummary, ReviewRecord } from './types.js';

/** Rows as SQLite returns them, and their conversion to the records the API hands out. */

export interface ReviewRow {
  id: number;
  started_at: number;
  finished_at: number | null;
  repo: string;
  branch: string;
  learner: string;
  target: 'worktree' | 'staged' | 'range';
  target_range: string | null;
  tutor: string;
  files: string;
  notes_given: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  error: string | null;
}

export function toReviewRecord(row: ReviewRow): ReviewRecord {
  const target: DiffTarget = row.target === 'range' ? { kind: 'range', range: row.target_range ?? '' } : { kind: row.target };
  return {
    id: row.id,
    repo: row.repo,
    branch: row.branch,
    learner: row.learner,
    target,
    tutor: row.tutor,
    files: JSON.parse(row.files) as string[],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    notesGiven: row.notes_given,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    error: row.error,
  };
}

export interface NoteRow {
  learner: string;
  id: string;
  repo: string;
  branch: string;
  path: string;
  start_line: number;
  end_line: number;
  topic: string;
  category: string;
  severity: Note['severity'];
  title: string;
  source: Note['source'];
  partial: number;
  code: string;
  ladder: string;
  evidence: string;
  first_seen: number;
  last_seen: number;
  times_seen: number;
  max_level: HintLevel;
  dismissed_at: number | null;
  resolved_at: number | null;
  resolved_unaided: number | null;
  resolved_review_id: number | null;
  times_resolved: number;
  unaided_fixes: number;
  relapses: number;
  first_review_id: number;
  last_review_id: number;
  /** Computed with the row (notes.ts, CLIMB_MS), not a column. */
  climb_ms: number | null;
}

export function toNoteRecord(row: NoteRow): NoteRecord {
  return {
    ...toNoteSummary(row),
    learner: row.learner,
    repo: row.repo,
    branch: row.branch,
    endLine: row.end_line,
    source: row.source,
    partial: row.partial === 1,
    code: row.code,
    ladder: JSON.parse(row.ladder) as NoteRecord['ladder'],
    evidence: JSON.parse(row.evidence) as NoteRecord['evidence'],
    resolvedReviewId: row.resolved_review_id,
    firstReviewId: row.first_review_id,
    lastReviewId: row.last_review_id,
  };
}

/** The counts and times of a note, without its text: what the learner model reads (a covering index serves it). */
export function toNoteSummary(row: NoteRow): NoteSummary {
  return {
    id: row.id,
    topic: row.topic,
    category: row.category,
    title: row.title,
    severity: row.severity,
    path: row.path,
    startLine: row.start_line,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    timesSeen: row.times_seen,
    maxLevel: row.max_level,
    dismissedAt: row.dismissed_at,
    resolvedAt: row.resolved_at,
    resolvedUnaided: row.resolved_unaided === null ? null : row.resolved_unaided === 1,
    timesResolved: row.times_resolved,
    unaidedFixes: row.unaided_fixes,
    relapses: row.relapses,
    climbMs: row.climb_ms,
  };
}

export interface HintEventRow {
  note_id: string;
  level: HintLevel;
  at: number;
}

export function toHintEvent(row: HintEventRow): HintEvent {
  return { noteId: row.note_id, level: row.level, at: row.at };
}

export interface ChatRow {
  id: number;
  repo: string;
  branch: string;
  learner: string;
  role: ChatRecord['role'];
  text: string;
  note_id: string | null;
  citations: string;
  at: number;
  tutor: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  model: string | null;
}

export function toChatRecord(row: ChatRow): ChatRecord {
  const usage =
    row.input_tokens === null || row.output_tokens === null
      ? null
      : {
          inputTokens: row.input_tokens,
          outputTokens: row.output_tokens,
          ...(row.cost_usd === null ? {} : { costUsd: row.cost_usd }),
          ...(row.model === null ? {} : { model: row.model }),
        };
  return {
    id: row.id,
    repo: row.repo,
    branch: row.branch,
    learner: row.learner,
    role: row.role,
    text: row.text,
    noteId: row.note_id,
    citations: JSON.parse(row.citations) as ChatRecord['citations'],
    at: row.at,
    tutor: row.tutor,
    usage,
  };
}
