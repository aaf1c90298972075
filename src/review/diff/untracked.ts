import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reviewGit } from './git.js';

/**
 * Files git does not track yet but would not ignore: the learner's new files. `git diff HEAD` leaves
 * them out until they are added; they are read here instead, so the user's index is never touched.
 */
export async function listUntracked(top: string, pathspecs: readonly string[]): Promise<string[]> {
  const out = await reviewGit(top, ['ls-files', '--others', '--exclude-standard', '-z', '--', ...pathspecs]);
  return out.split('\0').filter((path) => path !== '');
}

/** An untracked file's bytes, or why they were not read. */
export type UntrackedRead = { bytes: Buffer } | { reason: string };

/**
 * Reads one untracked file unless it is not a regular file or bigger than `maxBytes` (checked before
 * reading, so a stray multi-gigabyte dump costs one stat). A nested repository is listed as `dir/`.
 */
export async function readUntracked(top: string, path: string, maxBytes: number): Promise<UntrackedRead> {
  if (path.endsWith('/')) return { reason: 'nested-repository' };
  try {
    const stats = await lstat(join(top, path));
    if (stats.isSymbolicLink()) return { reason: 'symlink' };
    if (!stats.isFile()) return { reason: 'not-a-file' };
    if (stats.size > maxBytes) return { reason: 'too-large' };
    return { bytes: await readFile(join(top, path)) };
  } catch (error) {
    // Deleted between listing and reading (an editor's atomic save): nothing to review yet. Anything
    // else (no permission) is code the learner changed that the review could not read.
    return { reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'deleted' : 'unreadable' };
  }
}
