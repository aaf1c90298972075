import { ArchangelError } from '../../errors/archangel-error.js';
import { GitCommandError } from '../../golden/run-git.js';
import type { DiffTarget } from '../types.js';
import { reviewGit } from './git.js';
import type { RepoInfo } from './repo.js';

/** What to run for a target: the commit compared against and the `git diff` revision arguments. */
export interface ResolvedTarget {
  base: string | null;
  /** Arguments after `git diff <options>` and before `--`. */
  revisions: string[];
  /** Untracked files belong to the comparison (the working tree is its new side). */
  withUntracked: boolean;
}

/**
 * The target the `--staged` and `--range <A..B>` flags name, as `review` and `progress` read them:
 * the working tree by default. Both at once is a usage error (they name different changes); the
 * range itself is checked when it is resolved (`readDiff`).
 */
export function targetOfFlags(flags: { staged?: boolean | undefined; range?: string | undefined }): DiffTarget {
  if (flags.staged && flags.range !== undefined) {
    throw new ArchangelError('USAGE', '--staged and --range cannot be used together: they name different changes.', { hint: 'Give --staged for what is staged, or --range A..B for the commits between A and B.' });
  }
  if (flags.range !== undefined) return { kind: 'range', range: flags.range };
  return flags.staged ? { kind: 'staged' } : { kind: 'worktree' };
}

/** Turns a target into git revisions; a range is resolved to commits first, so nothing in it reaches git as an option. */
export async function resolveTarget(repo: RepoInfo, target: DiffTarget): Promise<ResolvedTarget> {
  switch (target.kind) {
    case 'worktree':
      return { base: repo.head, revisions: [repo.head ?? repo.emptyTree], withUntracked: true };
    case 'staged':
      return { base: repo.head, revisions: ['--cached', repo.head ?? repo.emptyTree], withUntracked: false };
    case 'range':
      return resolveRange(repo, target.range);
    default: {
      const unreachable: never = target;
      throw new Error(`unknown diff target ${JSON.stringify(unreachable)}`);
    }
  }
}

/** `A..B` compares A with B; `A...B` compares their merge base with B (what B added); an empty side is HEAD. */
async function resolveRange(repo: RepoInfo, range: string): Promise<ResolvedTarget> {
  const match = /^(.*?)(\.\.\.?)(.*)$/.exec(range);
  const [left, right] = match ? [match[1] || 'HEAD', match[3] || 'HEAD'] : [undefined, undefined];
  if (!match || left === undefined || right === undefined || [left, right].some((side) => side.startsWith('-') || /\s/.test(side))) {
    throw badRange(range, 'is not a range of two commits');
  }
  const [from, to] = await commitsOf(repo, range, [left, right]);
  const base = match[2] === '...' ? await mergeBase(repo, range, from, to) : from;
  return { base, revisions: [base, to], withUntracked: false };
}

async function commitsOf(repo: RepoInfo, range: string, revs: [string, string]): Promise<[string, string]> {
  try {
    const out = await reviewGit(repo.top, ['rev-parse', ...revs.map((rev) => `${rev}^{commit}`), '--']);
    const [from, to] = out.split('\n');
    if (from && to) return [from, to];
  } catch (error) {
    if (error instanceof GitCommandError) throw badRange(range, 'names a commit this repository does not have', error);
    throw error;
  }
  throw badRange(range, 'could not be resolved to two commits');
}

async function mergeBase(repo: RepoInfo, range: string, from: string, to: string): Promise<string> {
  try {
    return (await reviewGit(repo.top, ['merge-base', from, to])).trim();
  } catch (error) {
    if (error instanceof GitCommandError) throw badRange(range, 'names two commits with no common ancestor', error);
    throw error;
  }
}

function badRange(range: string, problem: string, cause?: unknown): ArchangelError {
  return new ArchangelError('USAGE', `the range "${range}" ${problem}.`, {
    hint: 'Name two commits, branches or tags, like main..HEAD or main...my-feature.',
    cause,
  });
}
