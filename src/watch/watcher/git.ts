import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';
import { ALWAYS_IGNORED_DIRS, VENDORED_DIRS } from './tree-filter.js';

/** Enough for `git ls-files` of a very large tree (about 100 bytes a path, 1M paths). */
const MAX_GIT_OUTPUT_BYTES = 128 * 1024 * 1024;

const SLASH = 0x2f;

/** Local read-only commands finish in milliseconds; a hung git must not hang the watcher. */
const GIT_TIMEOUT_MS = 30_000;

/**
 * Our own git commands must never take `index.lock`: the watcher reads that lock as "a git
 * operation is running" (`GIT_OPTIONAL_LOCKS=0` is what `git status --no-optional-locks` sets).
 */
const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };

/** Runs a local, read-only git command in `cwd`; resolves with stdout, rejects on a non-zero exit. */
export async function runGit(cwd: string, args: string[]): Promise<string> {
  return (await runGitOutput(cwd, args)).stdout.toString('utf8');
}

/** Like `runGit`, with stdout as bytes and what git printed on stderr (its warnings) as well. */
function runGitOutput(cwd: string, args: string[], env: NodeJS.ProcessEnv = GIT_ENV): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('git', ['--literal-pathspecs', ...args], { cwd, env, maxBuffer: MAX_GIT_OUTPUT_BYTES, timeout: GIT_TIMEOUT_MS, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) reject(error);
      else resolve({ stdout, stderr: stderr.toString('utf8') });
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
  /** How many files git tracks. */
  files: number;
  /** Every folder (repo-relative, posix, '' for the root) with a tracked file somewhere below it. */
  trackedDirs: Set<string>;
  /** Tracked files matched by an ignore rule (force-added): still the learner's to edit. */
  trackedIgnored: Set<string>;
}

/**
 * Lists what git tracks below `root`, keeping only the folders: a Set of 20k paths would cost
 * megabytes for nothing. Each folder is decoded from git's output on its own: strings split from
 * one large output each keep all of it alive (V8 slices them), 1.3 MB on 20,000 files.
 */
export async function listTracked(root: string): Promise<TrackedListing> {
  const [tracked, ignored] = await Promise.all([
    runGitOutput(root, ['ls-files', '-z', '--cached']).then((output) => output.stdout),
    runGit(root, ['ls-files', '-z', '--cached', '--ignored', '--exclude-standard']),
  ]);
  const trackedDirs = new Set<string>(['']);
  let files = 0;
  for (let start = 0; start < tracked.length; ) {
    let end = tracked.indexOf(0, start);
    if (end === -1) end = tracked.length;
    const slash = end > start ? tracked.lastIndexOf(SLASH, end - 1) : -1;
    if (end > start) files++;
    if (slash >= start) {
      for (let dir = tracked.toString('utf8', start, slash); dir !== '.' && !trackedDirs.has(dir); dir = posix.dirname(dir)) trackedDirs.add(dir);
    }
    start = end + 1;
  }
  return { files, trackedDirs, trackedIgnored: new Set(ignored.split('\0').filter((path) => path !== '')) };
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

/** What the watcher leaves out of the tree, and what git could not read. */
export interface Pruning {
  /** Repo-relative folders not watched, each with everything below it. */
  dirs: ReadonlySet<string>;
  /** Folders git could not open (no read permission), with the reason: saves there go unseen. */
  unreadable: Array<{ dir: string; reason: string }>;
}

/** Git's message for a folder it cannot open, in the C locale we run it in. */
const UNREADABLE_WARNING = /^warning: could not open directory '(.*)': (.*)$/gm;

/**
 * The folders to leave out of the watch, as git sees them: every untracked folder that a
 * `.gitignore`, `.git/info/exclude` or a name in `ALWAYS_IGNORED_DIRS`/`VENDORED_DIRS` covers,
 * collapsed to its top-most folder (`ls-files --others --ignored --directory`; a folder holding
 * tracked files is never collapsed, so those stay watched), plus `.git` and tracked folders named
 * in `ALWAYS_IGNORED_DIRS`. Git walks the tree to answer, and says which folders it could not open.
 */
export async function listPrunedDirs(root: string, tracked: TrackedListing): Promise<Pruning> {
  const names = [...ALWAYS_IGNORED_DIRS, ...VENDORED_DIRS].map((name) => `--exclude=${name}/`);
  const { stdout, stderr } = await runGitOutput(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', ...names], { ...GIT_ENV, LC_ALL: 'C' });
  const dirs = new Set(['.git']);
  for (const entry of stdout.toString('utf8').split('\0')) if (entry.endsWith('/')) dirs.add(entry.slice(0, -1));
  const alwaysTracked = [...tracked.trackedDirs].filter((dir) => ALWAYS_IGNORED_DIRS.has(posix.basename(dir))).sort((a, b) => a.length - b.length);
  for (const dir of alwaysTracked) if (!isBelowAny(dirs, dir)) dirs.add(dir);
  const unreadable = [...stderr.matchAll(UNREADABLE_WARNING)].map(([, dir = '', reason = '']) => ({ dir: dir.replace(/\/$/, ''), reason }));
  return { dirs, unreadable };
}

/** Whether `path` is one of `dirs` or below one of them. */
export function isBelowAny(dirs: ReadonlySet<string>, path: string): boolean {
  for (let at = path.length; at > 0; at = path.lastIndexOf('/', at - 1)) {
    if (dirs.has(path.slice(0, at))) return true;
  }
  return false;
}
