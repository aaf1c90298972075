import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reviewGit } from '../diff/git.js';
import type { DiffTarget, FileChange } from '../types.js';

/**
 * The new version of a changed file: what the learner has on disk (worktree), in the index
 * (staged), or at the end of the range. Undefined when it cannot be read (deleted meanwhile).
 */
export async function readNewText(repoRoot: string, target: DiffTarget, path: string): Promise<string | undefined> {
  try {
    if (target.kind === 'worktree') return await readFile(join(repoRoot, path), 'utf8');
    const spec = target.kind === 'staged' ? `:${path}` : `${rangeEnd(target.range)}:${path}`;
    return await reviewGit(repoRoot, ['show', spec]);
  } catch {
    return undefined;
  }
}

/**
 * The old version of a changed file, at the commit the diff compares against: what its removed
 * lines were part of. Undefined for a new file, before the first commit, or when it cannot be read.
 */
export async function readOldText(repoRoot: string, base: string | null, file: Pick<FileChange, 'path' | 'oldPath' | 'status'>): Promise<string | undefined> {
  if (base === null || file.status === 'added') return undefined;
  try {
    return await reviewGit(repoRoot, ['show', `${base}:${file.oldPath ?? file.path}`]);
  } catch {
    return undefined;
  }
}

function rangeEnd(range: string): string {
  const parts = range.split(/\.\.\.?/);
  return parts[1] || 'HEAD';
}
