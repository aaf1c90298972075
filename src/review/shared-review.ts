import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ArchangelConfig } from '../config/schema.js';
import type { GoldenIndex } from '../index/golden-index.js';
import { sleep } from '../net/sleep.js';
import type { SessionStore } from '../session/store.js';
import type { SharedChange, SharedReview } from '../session/shared-reviews.js';
import type { Note } from '../tutor/types.js';
import type { DiffResult, FileChange, ResolvedNote } from './types.js';
import { isProcessAlive } from '../fs/process-alive.js';

/*
 * `watch` and `lsp` on one repository both review every save. So that a save is reviewed once, each
 * file's change is claimed in the learner record (state.db, WAL) before its review: the process that
 * claims it reviews it and records the notes; the other waits for that review to finish and shows
 * the same notes, recording nothing (the learner saw one review). The claim is keyed by the change
 * and by all a review depends on, so only the same save can be shared.
 */

/**
 * How long a finished review is offered to other processes. The second process asks for the same
 * save within a second or two (watch lets a save settle for 150 ms; an editor says at once); a later
 * review of the same code (the file reopened) runs afresh, so the learner model's newer word applies.
 */
export const SHARED_RESULT_MS = 60_000;

/**
 * A review claimed longer ago than this and still unfinished is taken over: a model's review, with
 * its retries, ends well within it, so its owner is stuck or on another machine that cannot be asked.
 */
const CLAIM_STALE_MS = 3 * 60_000;

/** How often a process waiting on another's review reads the record: one indexed row per file. */
const WAIT_POLL_MS = 50;

/** Who is reviewing: the host and pid say whether it still runs; the nonce tells sessions of one process apart. */
export function sharedReviewOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** What a shared review is keyed by besides the change itself. */
export interface ReviewBasis {
  repo: string;
  config: Pick<ArchangelConfig, 'mentor' | 'privacy'>;
  tutor: string;
  index: GoldenIndex | undefined;
}

/** Each changed file's key: the change, the commit it is against, and the tutor, settings and index that review it. */
export function changeKeys(basis: ReviewBasis, diff: DiffResult): SharedChange[] {
  const index = basis.index?.repos().map((repo) => [repo.name, repo.commit, repo.indexedAt]) ?? [];
  const common = JSON.stringify([basis.repo, diff.base, basis.tutor, basis.config.mentor, basis.config.privacy, index]);
  return diff.files.map((file) => ({ path: file.path, key: createHash('sha256').update(common).update('\0').update(JSON.stringify(changeOf(file))).digest('hex') }));
}

function changeOf(file: FileChange): unknown {
  return [file.path, file.oldPath ?? null, file.status, file.hunks.map((hunk) => [hunk.oldStart, hunk.newStart, hunk.lines.map((line) => `${line.kind}${line.text}`)])];
}

/** The outcome of claiming a review's files: the ones to review here, and the others' finished reviews. */
export interface SharedClaim {
  /** Paths this process reviews (and records). */
  mine: Set<string>;
  /** Reviews another process finished for the other paths: shown as they are, recorded already. */
  replayed: SharedReview[];
  /** This process's reviews of `mine` are done: what was shown, for the others. */
  finish(notes: Note[], resolved: ResolvedNote[]): void;
  /** Gives `mine` up unfinished. Safe to call after `finish` (a no-op then). */
  release(): void;
}

/**
 * Claims `changes` for `owner`, waiting for any another live process is reviewing; throws the
 * signal's reason when aborted while waiting (nothing stays claimed then).
 */
export async function claimChanges(session: SessionStore, owner: string, changes: SharedChange[], signal: AbortSignal | undefined): Promise<SharedClaim> {
  const canTake = (existing: SharedReview): boolean => {
    // This session's own earlier review is redone, as before reviews were shared.
    if (existing.owner === owner) return true;
    const now = session.now();
    if (existing.finishedAt !== null) return now - existing.finishedAt > SHARED_RESULT_MS;
    return now - existing.claimedAt > CLAIM_STALE_MS || !ownerRuns(existing.owner);
  };
  const mine: SharedChange[] = [];
  const replayed: SharedReview[] = [];
  let waiting = changes;
  try {
    for (let first = true; waiting.length > 0; first = false) {
      if (!first) await sleep(WAIT_POLL_MS, signal, () => new Error('superseded'));
      const claim = session.claimSharedReviews(waiting, owner, canTake);
      mine.push(...claim.claimed);
      replayed.push(...claim.existing.filter((review) => review.finishedAt !== null));
      const running = new Set(claim.existing.filter((review) => review.finishedAt === null).map((review) => review.key));
      waiting = waiting.filter((change) => running.has(change.key));
    }
  } catch (error) {
    session.releaseSharedReviews(owner, mine.map((change) => change.key));
    throw error;
  }
  let open = true;
  return {
    mine: new Set(mine.map((change) => change.path)),
    replayed,
    finish(notes, resolved) {
      if (!open) return;
      open = false;
      session.finishSharedReviews(owner, mine.map(({ key, path }) => ({ key, notes: notes.filter((note) => note.path === path), resolved: resolved.filter((note) => note.path === path) })));
    },
    release() {
      if (!open) return;
      open = false;
      session.releaseSharedReviews(owner, mine.map((change) => change.key));
    },
  };
}

/** Whether the process behind `owner` still runs (another host's cannot be asked: assumed so). */
function ownerRuns(owner: string): boolean {
  const [, host, pidText] = /^(.*):(\d+):[^:]*$/.exec(owner) ?? [];
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isSafeInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return true;
  return isProcessAlive(pid);
}
