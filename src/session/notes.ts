import type { HintLevel, Note, Rung } from '../tutor/types.js';
import type { StateDb } from './open.js';
import type { ReviewLog } from './reviews.js';
import { toHintEvent, toNoteRecord, toNoteSummary, type HintEventRow, type NoteRow } from './rows.js';
import { topicCategory } from './topic.js';
import type { HintEvent, NoteHistoryQuery, NoteRecord, NoteSummary, OpenNotesQuery } from './types.js';

/** One learner's notes: what was given, climbed, dismissed and resolved. */
export interface NoteLedger {
  record(reviewId: number, notes: Note[], codeOf: (note: Note) => string): void;
  isDismissed(noteId: string): boolean;
  dismiss(noteId: string): boolean;
  wasShown(noteId: string): boolean;
  climb(noteId: string, level: HintLevel): boolean;
  saveLadder(noteId: string, ladder: Rung[]): boolean;
  markResolved(reviewId: number, noteIds: readonly string[]): string[];
  get(noteId: string): NoteRecord | undefined;
  open(query: OpenNotesQuery): NoteRecord[];
  history(query: NoteHistoryQuery): NoteRecord[];
  /** Every note's counts and times since `since`, newest first; only `topic`'s when given. */
  summaries(since: number, topic?: string): NoteSummary[];
  hintEvents(noteId: string): HintEvent[];
}

/**
 * A note seen again keeps its first sighting and counts one more; its lines, ladder and evidence
 * become the latest (the code moved, or the model worded it anew). If it had been resolved, the code
 * came back: that is a relapse, counted, and the note is open again. SQLite evaluates every SET
 * expression against the old row, so `relapses` sees the old `resolved_at`.
 */
const UPSERT = `
  INSERT INTO notes (learner, id, repo, branch, path, start_line, end_line, topic, category, severity, title, source,
    partial, code, ladder, evidence, first_seen, last_seen, first_review_id, last_review_id)
  VALUES (@learner, @id, @repo, @branch, @path, @startLine, @endLine, @topic, @category, @severity, @title, @source,
    @partial, @code, @ladder, @evidence, @at, @at, @reviewId, @reviewId)
  ON CONFLICT (learner, id) DO UPDATE SET
    repo = excluded.repo, branch = excluded.branch, path = excluded.path,
    start_line = excluded.start_line, end_line = excluded.end_line,
    topic = excluded.topic, category = excluded.category, severity = excluded.severity, title = excluded.title,
    source = excluded.source, partial = excluded.partial, ladder = excluded.ladder, evidence = excluded.evidence,
    last_seen = excluded.last_seen, last_review_id = excluded.last_review_id, times_seen = times_seen + 1,
    relapses = relapses + (resolved_at IS NOT NULL),
    resolved_at = NULL, resolved_unaided = NULL, resolved_review_id = NULL
`;

/** "Open" = neither resolved nor dismissed; the same terms as the partial index `notes_open`. */
const OPEN = 'resolved_at IS NULL AND dismissed_at IS NULL';

/** The columns of `NoteSummary`, all in the covering index `notes_progress` (schema.ts). */
const SUMMARY_COLUMNS = `id, topic, category, title, severity, path, start_line, first_seen, last_seen, times_seen, max_level,
  dismissed_at, resolved_at, resolved_unaided, times_resolved, unaided_fixes, relapses`;

/**
 * Ms from the first hint rung the learner opened (L2 or L3) to the first time they opened the change
 * (L4); null when L4 was never opened. Read with the note in the same statement: the subquery runs
 * only for notes that reached L4 and reads the `hint_events_by_note` index, so a thousand notes cost
 * one query, not a thousand.
 */
const CLIMB_MS = `CASE WHEN notes.max_level = 4 THEN (SELECT min(CASE WHEN e.level = 4 THEN e.at END) - min(e.at)
  FROM hint_events e WHERE e.learner = notes.learner AND e.note_id = notes.id AND e.level >= 2) END AS climb_ms`;

/** No limit, in SQLite's terms. */
const ALL = -1;

export function noteLedger(db: StateDb, learner: string, now: () => number, reviews: ReviewLog): NoteLedger {
  const upsert = db.prepare(UPSERT);
  const selectOne = db.prepare(`SELECT *, ${CLIMB_MS} FROM notes WHERE learner = ? AND id = ?`);
  const dismissed = db.prepare('SELECT 1 FROM notes WHERE learner = ? AND id = ? AND dismissed_at IS NOT NULL');
  const dismissOne = db.prepare('UPDATE notes SET dismissed_at = coalesce(dismissed_at, ?) WHERE learner = ? AND id = ?');
  const raise = db.prepare('UPDATE notes SET max_level = max(max_level, ?) WHERE learner = ? AND id = ?');
  const updateLadder = db.prepare('UPDATE notes SET ladder = ? WHERE learner = ? AND id = ?');
  const insertEvent = db.prepare('INSERT INTO hint_events (learner, note_id, level, at) VALUES (?, ?, ?, ?)');
  const events = db.prepare('SELECT note_id, level, at FROM hint_events WHERE learner = ? AND note_id = ? ORDER BY at, id');
  const resolve = db.prepare(`
    UPDATE notes SET resolved_at = @at, resolved_unaided = (max_level = 1), resolved_review_id = @reviewId,
      times_resolved = times_resolved + 1, unaided_fixes = unaided_fixes + (max_level = 1)
    WHERE learner = @learner AND id = @id AND repo = @repo AND branch = @branch AND ${OPEN}
  `);
  const openIn = db.prepare(`
    SELECT *, ${CLIMB_MS} FROM notes WHERE learner = @learner AND repo = @repo AND ${OPEN}
      AND (@branch IS NULL OR branch = @branch) AND (@path IS NULL OR path = @path)
    ORDER BY path, start_line, id
  `);
  // One statement per filter, so each reads the index that fits it.
  const historyOrder = 'ORDER BY last_seen DESC, rowid DESC LIMIT @limit';
  const byTime = db.prepare(`SELECT *, ${CLIMB_MS} FROM notes WHERE learner = @learner AND last_seen >= @since ${historyOrder}`);
  const byTopic = db.prepare(`SELECT *, ${CLIMB_MS} FROM notes WHERE learner = @learner AND topic = @topic AND last_seen >= @since ${historyOrder}`);
  // Progress over thousands of notes: every column but the text, whose JSON would dominate the read.
  const summaries = db.prepare(`SELECT ${SUMMARY_COLUMNS}, ${CLIMB_MS} FROM notes WHERE learner = ? AND last_seen >= ? ORDER BY last_seen DESC`);
  const topicSummaries = db.prepare(`SELECT ${SUMMARY_COLUMNS}, ${CLIMB_MS} FROM notes WHERE learner = ? AND topic = ? AND last_seen >= ? ORDER BY last_seen DESC`);
  const byCategory = db.prepare(`SELECT *, ${CLIMB_MS} FROM notes WHERE learner = @learner AND category = @category AND last_seen >= @since ${historyOrder}`);

  const recordAll = db.transaction((reviewId: number, notes: Note[], codeOf: (note: Note) => string) => {
    const review = reviews.require(reviewId);
    const at = now();
    const seen = new Set<string>();
    for (const note of notes) {
      if (seen.has(note.id)) continue;
      seen.add(note.id);
      upsert.run({
        learner,
        id: note.id,
        repo: review.repo,
        branch: review.branch,
        path: note.path,
        startLine: note.startLine,
        endLine: note.endLine,
        topic: note.topic,
        category: topicCategory(note.topic),
        severity: note.severity,
        title: note.title,
        source: note.source,
        partial: note.partial ? 1 : 0,
        code: codeOf(note),
        ladder: JSON.stringify(note.ladder),
        evidence: JSON.stringify(note.evidence),
        at,
        reviewId,
      });
    }
  });

  const climbOnce = db.transaction((noteId: string, level: HintLevel) => {
    if (raise.run(level, learner, noteId).changes === 0) return false;
    insertEvent.run(learner, noteId, level, now());
    return true;
  });

  const resolveAll = db.transaction((reviewId: number, noteIds: readonly string[]) => {
    const { repo, branch } = reviews.require(reviewId);
    const at = now();
    return [...new Set(noteIds)].filter((id) => resolve.run({ at, reviewId, learner, id, repo, branch }).changes > 0);
  });

  const records = (rows: unknown[]): NoteRecord[] => (rows as NoteRow[]).map(toNoteRecord);

  return {
    record: (reviewId, notes, codeOf) => recordAll.immediate(reviewId, notes, codeOf),
    isDismissed: (noteId) => dismissed.get(learner, noteId) !== undefined,
    dismiss: (noteId) => dismissOne.run(now(), learner, noteId).changes > 0,
    wasShown: (noteId) => selectOne.get(learner, noteId) !== undefined,
    climb: (noteId, level) => climbOnce.immediate(noteId, level),
    saveLadder: (noteId, ladder) => updateLadder.run(JSON.stringify(ladder), learner, noteId).changes > 0,
    markResolved: (reviewId, noteIds) => resolveAll.immediate(reviewId, noteIds),
    get(noteId) {
      const row = selectOne.get(learner, noteId) as NoteRow | undefined;
      return row && toNoteRecord(row);
    },
    open: ({ repo, branch, path }) => records(openIn.all({ learner, repo, branch: branch ?? null, path: path ?? null })),
    history({ since = 0, topic, category, limit = ALL }) {
      const base = { learner, since, limit };
      if (topic !== undefined) {
        // A topic has one category: asking for both either agrees or can match nothing.
        if (category !== undefined && category !== topicCategory(topic)) return [];
        return records(byTopic.all({ ...base, topic }));
      }
      if (category !== undefined) return records(byCategory.all({ ...base, category }));
      return records(byTime.all(base));
    },
    summaries: (since, topic) => ((topic === undefined ? summaries.all(learner, since) : topicSummaries.all(learner, topic, since)) as NoteRow[]).map(toNoteSummary),
    hintEvents: (noteId) => (events.all(learner, noteId) as HintEventRow[]).map(toHintEvent),
  };
}
