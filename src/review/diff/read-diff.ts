import { detectLanguage } from '../../index/language.js';
import { isSecretFile } from '../../redact/secret-files.js';
import type { DiffResult, DiffTarget, FileChange, Hunk } from '../types.js';
import { reviewGit } from './git.js';
import { addedFileHunks, countChanges } from './hunks.js';
import { parseGitDiff, type ParsedFile } from './parse.js';
import { toPathspecs } from './pathspecs.js';
import { openRepo, type RepoInfo } from './repo.js';
import { skipReasonForBytes, skipReasonForHunks } from './skip.js';
import { resolveTarget } from './target.js';
import { listUntracked, readUntracked } from './untracked.js';

/**
 * The most bytes of one file that are reviewed: an untracked file's size, or a tracked file's diff
 * text. Code a person writes between two saves is far smaller; anything bigger is data, a dump or
 * generated output, and would blow the tutor's context budget anyway.
 */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024;

/**
 * Options every `git diff` of a review runs with: no external diff tool or textconv filter (their
 * output is not a patch), a fixed context of 3 lines, renames detected, fixed `a/` `b/` prefixes,
 * and submodules left out (their "Subproject commit" lines are not code).
 */
const DIFF_OPTIONS = ['--no-ext-diff', '--no-textconv', '--no-color', '-U3', '-M', '--src-prefix=a/', '--dst-prefix=b/', '--ignore-submodules=all'];

/** Skip reason for `.env`, keys and credential stores: they are never read, so they can never be sent. */
export const SECRET_FILE = 'secret-file';
/** The same, for one the change deletes: nothing of it is left for git to carry on. */
const SECRET_FILE_DELETED = 'secret-file-deleted';

export interface ReadDiffOptions {
  /** Files bigger than this are skipped as 'too-large' (default `DEFAULT_MAX_FILE_BYTES`). */
  maxFileBytes?: number;
  /** Only these files (or folders), relative to `repoDir` or absolute; the watcher passes the one saved file. */
  paths?: string[];
  /**
   * Where the previous read of `repoDir` found the repository, kept by a caller that reads one
   * folder again and again (watch, between saves); each read updates it. The diff is read against
   * that HEAD while git is asked where HEAD is now, and read again only if it moved: a save's diff
   * waits for one round of git processes instead of two (15-25 ms on a loaded 2-core machine).
   */
  seen?: SeenRepo;
}

/** The repository as the last read of a folder found it (`ReadDiffOptions.seen`). */
export interface SeenRepo {
  repo?: RepoInfo;
}

/**
 * What the learner changed in the git working tree containing `repoDir`: `worktree` (the default)
 * compares the working tree, untracked files included, with HEAD; `staged` the index with HEAD;
 * `range` two commits. Before the first commit everything is added and `base` is null. Paths in the
 * result are relative to the repository root; files that are not worth reviewing are listed in
 * `skipped` with the reason. Throws NOT_A_WORKING_TREE, GIT_MISSING, or USAGE for a bad range or path.
 */
export async function readDiff(repoDir: string, target: DiffTarget = { kind: 'worktree' }, options: ReadDiffOptions = {}): Promise<DiffResult> {
  const asked = openRepo(repoDir);
  const guess = options.seen?.repo;
  // A read against a guess that fails (a HEAD gone since) is simply done again below.
  const early = guess ? readIn(guess, repoDir, target, options).catch(() => undefined) : undefined;
  const repo = await asked;
  if (options.seen) options.seen.repo = repo;
  const read = early && guess && sameRepo(guess, repo) ? await early : undefined;
  return read ?? readIn(repo, repoDir, target, options);
}

/** `readDiff` once the repository is known. */
async function readIn(repo: RepoInfo, repoDir: string, target: DiffTarget, options: ReadDiffOptions): Promise<DiffResult> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const resolved = await resolveTarget(repo, target);
  const pathspecs = options.paths ? toPathspecs(repo, repoDir, options.paths) : [];
  if (options.paths?.length === 0) return { base: resolved.base, files: [], skipped: [] };

  const [diffText, untracked] = await Promise.all([
    reviewGit(repo.top, ['diff', ...DIFF_OPTIONS, ...resolved.revisions, '--', ...pathspecs]),
    resolved.withUntracked ? listUntracked(repo.top, pathspecs) : Promise.resolve([]),
  ]);

  const result: DiffResult = { base: resolved.base, files: [], skipped: [] };
  const keep = (outcome: FileChange | { path: string; reason: string }): void => {
    if ('reason' in outcome) result.skipped.push(outcome);
    else result.files.push(outcome);
  };
  for (const parsed of parseGitDiff(diffText)) keep(trackedChange(parsed, maxBytes));
  const added = await Promise.all(untracked.map((path) => untrackedChange(repo.top, path, maxBytes)));
  added.forEach(keep);
  result.files.sort(byPath);
  result.skipped.sort(byPath);
  return result;
}

function sameRepo(a: RepoInfo, b: RepoInfo): boolean {
  return a.top === b.top && a.prefix === b.prefix && a.head === b.head && a.emptyTree === b.emptyTree;
}

function trackedChange(parsed: ParsedFile, maxBytes: number): FileChange | { path: string; reason: string } {
  const { path } = parsed;
  if (isSecretFile(path)) return { path, reason: parsed.status === 'deleted' ? SECRET_FILE_DELETED : SECRET_FILE };
  if (parsed.binary) return { path, reason: 'binary' };
  if (parsed.modeOnly) return { path, reason: 'mode-only' };
  const reason = skipReasonForHunks(path, parsed.hunks, maxBytes);
  if (reason) return { path, reason };
  return fileChange(parsed, parsed.hunks);
}

async function untrackedChange(top: string, path: string, maxBytes: number): Promise<FileChange | { path: string; reason: string }> {
  if (isSecretFile(path)) return { path, reason: SECRET_FILE };
  const read = await readUntracked(top, path, maxBytes);
  if ('reason' in read) return { path, reason: read.reason };
  const verdict = skipReasonForBytes(path, read.bytes, maxBytes);
  if ('reason' in verdict) return { path, reason: verdict.reason };
  return fileChange({ path, status: 'added' }, addedFileHunks(path, verdict.text));
}

function fileChange(file: Pick<ParsedFile, 'path' | 'oldPath' | 'status'>, hunks: Hunk[]): FileChange {
  return {
    path: file.path,
    ...(file.oldPath !== undefined && { oldPath: file.oldPath }),
    status: file.status,
    language: detectLanguage(file.path),
    ...countChanges(hunks),
    hunks,
  };
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
