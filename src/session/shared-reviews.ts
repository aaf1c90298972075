import type { ResolvedNote } from '../review/types.js';
import type { Note } from '../tutor/types.js';
import type { StateDb } from './open.js';

/**
 * One file's change as reviewed, or being reviewed, by one of the processes that share the record
 * (`watch` and `lsp` on one repository). Times are ms since the epoch.
 */
export interface SharedReview {
  /** A hash of the change and of everything its review depends on (src/review/shared-review.ts). */
  key: string;
  path: string;
  /** Who claimed it: `host:pid:nonce`. */
  owner: string;
  claimedAt: number;
  /** Null while its review runs. */
  finishedAt: number | null;
  /** The notes shown for this file, and the notes its review resolved; null while it runs. */
  notes: Note[] | null;
  resolved: ResolvedNote[] | null;
}

export interface SharedChange {
  key: string;
  path: string;
}

/** What a claim found: the changes now the caller's to review, and the others as they stand. */
export interface SharedClaim {
  claimed: SharedChange[];
  existing: SharedReview[];
}

export interface SharedReviewLog {
  /**
   * In one transaction: each change nobody holds, or whose holder `canTake` gives up, becomes
   * `owner`'s to review; the others are returned as they are.
   */
  claim(changes: SharedChange[], owner: string, canTake: (existing: SharedReview) => boolean): SharedClaim;
  /** `owner`'s reviews of these changes are done: what was shown, for the other processes. */
  finish(owner: string, results: Array<{ key: string; notes: Note[]; resolved: ResolvedNote[] }>): void;
  /** `owner` gave these changes up unfinished (superseded, failed): another process may claim them. */
  release(owner: string, keys: string[]): void;
}

/**
 * Shared results older than this serve nobody: a second process asks for the same save within
 * seconds. Dropped on each claim, so the table holds about an hour of saves.
 */
const KEPT_MS = 60 * 60_000;

interface SharedReviewRow {
  key: string;
  path: string;
  owner: string;
  claimed_at: number;
  finished_at: number | null;
  notes: string | null;
  resolved: string | null;
}

export function sharedReviewLog(db: StateDb, learner: string, now: () => number): SharedReviewLog {
  const select = db.prepare('SELECT key, path, owner, claimed_at, finished_at, notes, resolved FROM shared_reviews WHERE learner = ? AND key = ?');
  const upsert = db.prepare(`
    INSERT INTO shared_reviews (learner, key, path, owner, claimed_at) VALUES (@learner, @key, @path, @owner, @at)
    ON CONFLICT (learner, key) DO UPDATE SET owner = excluded.owner, claimed_at = excluded.claimed_at,
      finished_at = NULL, notes = NULL, resolved = NULL
  `);
  const prune = db.prepare('DELETE FROM shared_reviews WHERE learner = ? AND claimed_at < ?');
  const complete = db.prepare('UPDATE shared_reviews SET finished_at = @at, notes = @notes, resolved = @resolved WHERE learner = @learner AND key = @key AND owner = @owner');
  const drop = db.prepare('DELETE FROM shared_reviews WHERE learner = ? AND key = ? AND owner = ? AND finished_at IS NULL');

  const claimAll = db.transaction((changes: SharedChange[], owner: string, canTake: (existing: SharedReview) => boolean): SharedClaim => {
    const at = now();
    prune.run(learner, at - KEPT_MS);
    const claim: SharedClaim = { claimed: [], existing: [] };
    for (const change of changes) {
      const row = select.get(learner, change.key) as SharedReviewRow | undefined;
      const existing = row && toSharedReview(row);
      if (existing && !canTake(existing)) {
        claim.existing.push(existing);
        continue;
      }
      upsert.run({ learner, key: change.key, path: change.path, owner, at });
      claim.claimed.push(change);
    }
    return claim;
  });
  const finishAll = db.transaction((owner: string, results: Array<{ key: string; notes: Note[]; resolved: ResolvedNote[] }>) => {
    const at = now();
    for (const result of results) complete.run({ learner, owner, at, key: result.key, notes: JSON.stringify(result.notes), resolved: JSON.stringify(result.resolved) });
  });
  const releaseAll = db.transaction((owner: string, keys: string[]) => {
    for (const key of keys) drop.run(learner, key, owner);
  });

  return {
    claim: (changes, owner, canTake) => claimAll.immediate(changes, owner, canTake),
    finish: (owner, results) => finishAll.immediate(owner, results),
    release: (owner, keys) => releaseAll.immediate(owner, keys),
  };
}

function toSharedReview(row: SharedReviewRow): SharedReview {
  return {
    key: row.key,
    path: row.path,
    owner: row.owner,
    claimedAt: row.claimed_at,
    finishedAt: row.finished_at,
    notes: row.notes === null ? null : (JSON.parse(row.notes) as Note[]),
    resolved: row.resolved === null ? null : (JSON.parse(row.resolved) as ResolvedNote[]),
  };
}
