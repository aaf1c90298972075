import { ArchangelError } from '../errors/archangel-error.js';
import type { StateDb } from './open.js';
import { toReviewRecord, type ReviewRow } from './rows.js';
import type { ReviewFinish, ReviewRecord, ReviewStart } from './types.js';

/** The reviews table: one row per save reviewed, with what it cost and how it ended. */
export interface ReviewLog {
  start(meta: ReviewStart): number;
  finish(id: number, outcome: ReviewFinish): void;
  get(id: number): ReviewRecord | undefined;
  /** The review, or an INTERNAL error: notes always belong to a review that was started. */
  require(id: number): ReviewRecord;
}

export function reviewLog(db: StateDb, learner: string, now: () => number): ReviewLog {
  const insert = db.prepare(`
    INSERT INTO reviews (started_at, repo, branch, learner, target, target_range, tutor, files, file_count)
    VALUES (@startedAt, @repo, @branch, @learner, @target, @targetRange, @tutor, @files, @fileCount)
  `);
  const update = db.prepare(`
    UPDATE reviews SET finished_at = @finishedAt, notes_given = @notes, input_tokens = @inputTokens,
      output_tokens = @outputTokens, cost_usd = @costUsd, error = @error
    WHERE id = @id
  `);
  const select = db.prepare('SELECT * FROM reviews WHERE id = ?');

  const get = (id: number): ReviewRecord | undefined => {
    const row = select.get(id) as ReviewRow | undefined;
    return row && toReviewRecord(row);
  };

  return {
    start(meta) {
      const result = insert.run({
        startedAt: now(),
        repo: meta.repo,
        branch: meta.branch,
        learner,
        target: meta.target.kind,
        targetRange: meta.target.kind === 'range' ? meta.target.range : null,
        tutor: meta.tutor,
        files: JSON.stringify(meta.files),
        fileCount: meta.files.length,
      });
      return Number(result.lastInsertRowid);
    },
    finish(id, outcome) {
      const result = update.run({
        id,
        finishedAt: now(),
        notes: outcome.notes,
        inputTokens: outcome.usage?.inputTokens ?? null,
        outputTokens: outcome.usage?.outputTokens ?? null,
        costUsd: outcome.usage?.costUsd ?? null,
        error: outcome.error ?? null,
      });
      if (result.changes === 0) throw unknownReview(id);
    },
    get,
    require(id) {
      const review = get(id);
      if (!review) throw unknownReview(id);
      return review;
    },
  };
}

function unknownReview(id: number): ArchangelError {
  return new ArchangelError('INTERNAL', `Review ${id} is not in the learner record.`, {
    hint: 'This is a bug in ArchAngel: a review must be started before its notes are recorded.',
  });
}
