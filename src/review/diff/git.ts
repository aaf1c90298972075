import { ArchangelError, isArchangelError } from '../../errors/archangel-error.js';
import { GitCommandError, runGit } from '../../golden/run-git.js';

/**
 * Git as `review/diff` runs it: settings that would change what git prints are pinned on the command
 * line, so a user's config (external diff tools, colours, quoted paths, no prefixes) cannot break
 * parsing, and git never takes optional locks on the learner's repository while they work in it.
 */
const PINNED = [
  '--no-optional-locks',
  '-c',
  'core.quotePath=false',
  '-c',
  'color.ui=never',
  '-c',
  'diff.noprefix=false',
  '-c',
  'diff.mnemonicPrefix=false',
  '-c',
  'diff.relative=false',
  '-c',
  'diff.suppressBlankEmpty=false',
  '-c',
  'diff.interHunkContext=0',
  '-c',
  'diff.submodule=short',
];

/** Runs git in `cwd` for a review and returns stdout as UTF-8; errors become ArchangelErrors where the user can act. */
export async function reviewGit(cwd: string, args: string[]): Promise<string> {
  try {
    return (await runGit([...PINNED, ...args], { cwd })).toString('utf8');
  } catch (error) {
    throw explainGitFailure(error, cwd);
  }
}

/** The user-facing error for a failed git command; unknown failures keep their GitCommandError. */
function explainGitFailure(error: unknown, cwd: string): unknown {
  if (isArchangelError(error) && error.code === 'GIT_MISSING') {
    return new ArchangelError('GIT_MISSING', 'git is not installed or not on the PATH, so your changes cannot be read.', {
      hint: 'Install git (https://git-scm.com/downloads) and run the command again.',
      cause: error,
    });
  }
  if (error instanceof GitCommandError && /not a git repository|must be run in a work tree/i.test(error.stderr)) {
    return notAWorkingTree(cwd, error);
  }
  return error;
}

/** The error for a folder whose changes cannot be diffed because it is not inside a git working tree. */
export function notAWorkingTree(dir: string, cause?: unknown): ArchangelError {
  return new ArchangelError('NOT_A_WORKING_TREE', `${dir} is not inside a git working tree, so ArchAngel has no changes to work with.`, {
    hint: 'Run ArchAngel from your project folder, or run `git init` there first.',
    cause,
  });
}
