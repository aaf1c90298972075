import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';

/** Enough for `git ls-files` of a very large tree (about 100 bytes a path, 1M paths). */
const MAX_GIT_OUTPUT_BYTES = 128 * 1024 * 1024;

/** Local read-only commands finish in milliseconds; a hung git must not hang the watcher. */
const GIT_TIMEOUT_MS = 30_000;

/**
 * Our own git commands must never take `index.lock`: the watcher reads that lock as "a git
 * operation is running" (`GIT_OPTIONAL_LOCKS=0` is what `git status --no-optional-locks` sets).
 */
const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };

/** Runs a local, read-only git command in `cwd`; resolves with stdout, rejects on a non-zero exit. */
export function runGit(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['--literal-pathspecs', ...args], { cwd, env: GIT_ENV, maxBuffer: MAX_GIT_OUTPUT_BYTES, timeout: GIT_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

/** The absolute git dir of the working tree at `root` (`.git/worktrees/<name>` in a linked worktree). */
export async function resolveGitDir(root: string): Promise<string> {
  const out = (await runGit(root, ['rev-parse', '--git-dir'])).trim();
  return isAbsolute(out) ? out : join(root, out);
}

/** What git keeps for the watcher's filter: the folders holding tracked files, and tracked files that .gitignore would hide. */
export interface TrackedListing {
  /** Every folder (repo-relative, posix, '' for the root) with a tracked file somewhere below it. */
  trackedDirs: Set<string>;
  /** Tracked files matched by an ignore rule (force-added): still the learner's to edit. */
  trackedIgnored: Set<string>;
}

/** Lists what git tracks below `root`, keeping only the folders: a Set of 20k paths would cost megabytes for nothing. */
export async function listTracked(root: string): Promise<TrackedListing> {
  const [tracked, ignored] = await Promise.all([
    runGit(root, ['ls-files', '-z', '--cached']),
    runGit(root, ['ls-files', '-z', '--cached', '--ignored', '--exclude-standard']),
  ]);
  const trackedDirs = new Set<string>(['']);
  for (const path of tracked.split('\0')) {
    for (let dir = posix.dirname(path); dir !== '.' && !trackedDirs.has(dir); dir = posix.dirname(dir)) trackedDirs.add(dir);
  }
  return { trackedDirs, trackedIgnored: new Set(ignored.split('\0').filter((path) => path !== '')) };
}

/** The blob ids the index holds for `paths` (repo-relative); paths git does not track are absent. */
export async function indexBlobs(root: string, paths: string[]): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  if (paths.length === 0) return blobs;
  const out = await runGit(root, ['ls-files', '-z', '--stage', '--', ...paths]);
  for (const entry of out.split('\0')) {
    // "<mode> <blob> <stage>\t<path>"
    const tab = entry.indexOf('\t');
    const blob = entry.split(' ')[1];
    if (tab !== -1 && blob) blobs.set(entry.slice(tab + 1), blob);
  }
  return blobs;
}

/**
 * What a git operation changes outside the working tree: the branch HEAD names, the commit it
 * points at and the stash. Two equal snapshots around an `index.lock` mean the lock was only a
 * `git status` refreshing the index, or a `git add`: nothing worth a whole-diff review.
 */
export async function gitSnapshot(root: string, gitDir: string): Promise<string> {
  const [head, refs] = await Promise.all([
    readFile(join(gitDir, 'HEAD'), 'utf8').catch(() => ''),
    // Exits 1 when a ref is missing (no stash yet, unborn branch): what it printed still counts.
    runGit(root, ['show-ref', '--head', 'HEAD', 'refs/stash']).catch((error: { stdout?: string }) => error.stdout ?? ''),
  ]);
  return `${head.trim()}\n${refs.trim()}`;
}


/** Tracked files that differ from the index, and untracked files git does not ignore (repo-relative). */
export async function listDirty(root: string): Promise<string[]> {
  const out = await runGit(root, ['ls-files', '-z', '--modified', '--others', '--exclude-standard']);
  return [...new Set(out.split('\0').filter((path) => path !== ''))];
}
