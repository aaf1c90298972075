import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reviewGit } from '../diff/git.js';
import type { DiffTarget } from '../types.js';

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

function rangeEnd(range: string): string {
  const parts = range.split(/\.\.\.?/);
  return parts[1] || 'HEAD';
}
