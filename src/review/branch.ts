import { reviewGit } from './diff/git.js';

/** The checked-out branch, a short sha when detached, or `HEAD` before the first commit. */
export async function currentBranch(repoDir: string): Promise<string> {
  try {
    const name = (await reviewGit(repoDir, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    if (name !== 'HEAD') return name;
    return (await reviewGit(repoDir, ['rev-parse', '--short', 'HEAD'])).trim();
  } catch {
    return 'HEAD';
  }
}
