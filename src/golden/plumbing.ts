import { GitCommandError, runGit } from './run-git.js';
import type { TreeEntry } from './types.js';

/**
 * Read-only git plumbing over a pinned commit: the indexer's view of a golden repository. Each
 * helper takes `gitDir`, a folder git can run in: a `SyncedRepo.gitDir`, a bare repository or a
 * working tree.
 */

export { readBlobs, type BlobContent } from './blobs.js';

const SYMLINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

/**
 * Every file of `commit`, recursively, with its blob sha and size, from one `git ls-tree -r -z
 * --long`. NUL-separated output keeps paths with spaces, quotes, newlines and non-ASCII intact.
 */
export async function listTree(gitDir: string, commit: string): Promise<TreeEntry[]> {
  const out = await runGit(['-C', gitDir, 'ls-tree', '-r', '-z', '--long', '--full-tree', '--end-of-options', commit]);
  return parseLsTree(out);
}

/** Parses `<mode> SP <type> SP <sha> SP+ <size> TAB <path> NUL` records. */
function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let start = 0;
  while (start < out.length) {
    let end = out.indexOf(0, start);
    if (end === -1) end = out.length;
    const tab = out.indexOf(9, start);
    if (tab !== -1 && tab < end) {
      const [mode = '', , sha = '', size = '-'] = out.toString('latin1', start, tab).split(/ +/);
      const type = mode === SYMLINK_MODE ? 'link' : mode === SUBMODULE_MODE ? 'commit' : 'blob';
      entries.push({ path: out.toString('utf8', tab + 1, end), mode, type, sha, size: size === '-' ? 0 : Number(size) });
    }
    start = end + 1;
  }
  return entries;
}

/**
 * The full sha of the commit `ref` names in `gitDir` (branch, tag, sha, `HEAD~2`...), or undefined
 * when it names nothing or something that is not a commit.
 */
export async function resolveCommit(gitDir: string, ref: string): Promise<string | undefined> {
  try {
    const out = await runGit(['-C', gitDir, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    return out.toString('utf8').trim();
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 1) return undefined;
    throw error;
  }
}

/** When `commit` was committed (committer date), in milliseconds since the epoch like `Date.now()`. */
export async function commitTime(gitDir: string, commit: string): Promise<number> {
  const out = await runGit(['-C', gitDir, 'show', '-s', '--format=%ct', '--end-of-options', commit]);
  return Number.parseInt(out.toString('utf8').trim(), 10) * 1000;
}

/** The bytes of `path` at `commit` (a full sha), from `git cat-file`; GitCommandError when it has no such file. */
export async function readFileAt(gitDir: string, commit: string, path: string): Promise<Buffer> {
  return runGit(['-C', gitDir, 'cat-file', 'blob', `${commit}:${path}`]);
}
