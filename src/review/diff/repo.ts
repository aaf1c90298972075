import { stat } from 'node:fs/promises';
import { notAWorkingTree, reviewGit } from './git.js';

/** Where a review runs: the working tree's root and the commit checked out. */
export interface RepoInfo {
  /** Absolute path of the working tree's root; every diff path is relative to it. */
  top: string;
  /** The folder the caller named, relative to `top` (`''` or ending in `/`). */
  prefix: string;
  /** The commit HEAD points at, or null in a repository with no commits yet. */
  head: string | null;
  /** The tree with nothing in it, the base of every diff before the first commit. */
  emptyTree: string;
}

/** Git's well-known empty tree, by object format (git knows it without it being stored). */
const SHA1_EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const EMPTY_TREES: Record<string, string> = {
  sha1: SHA1_EMPTY_TREE,
  sha256: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
};

/**
 * Finds the working tree `dir` is in with one git call. `--revs-only` makes HEAD print nothing
 * (rather than fail) before the first commit.
 */
export async function openRepo(dir: string): Promise<RepoInfo> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw notAWorkingTree(dir);
  const out = await reviewGit(dir, ['rev-parse', '--show-toplevel', '--show-prefix', '--show-object-format', '--revs-only', 'HEAD^{commit}']);
  const [top = '', prefix = '', format = 'sha1', head = ''] = out.split('\n');
  if (top === '') throw notAWorkingTree(dir);
  return { top, prefix, head: head === '' ? null : head, emptyTree: EMPTY_TREES[format] ?? SHA1_EMPTY_TREE };
}
