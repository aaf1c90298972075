import { realpath, stat } from 'node:fs/promises';
import { ArchangelError } from '../errors/archangel-error.js';
import { resolveCommit } from './plumbing.js';
import { refNotFound } from './errors.js';
import { GitCommandError, runGit } from './run-git.js';
import type { LocalGoldenSource, SyncedRepo } from './types.js';

/**
 * Pins a local golden repository to a commit. It is read in place (never copied): only committed
 * content counts, so uncommitted edits in the golden folder never reach the index.
 */
export async function syncLocal(source: LocalGoldenSource): Promise<SyncedRepo> {
  await checkFolder(source);
  const gitDir = await findGitDir(source);
  if (source.ref === undefined) {
    const head = await resolveCommit(gitDir, 'HEAD');
    if (head === undefined) {
      throw new ArchangelError('GOLDEN_UNAVAILABLE', `golden repo ${source.spec} has no commits yet.`, {
        hint: 'Commit its files (git add -A && git commit), since ArchAngel reads committed code only.',
      });
    }
    return { source, gitDir, commit: head, ref: await currentBranch(gitDir) };
  }
  const commit = await resolveCommit(gitDir, source.ref);
  if (commit === undefined) throw refNotFound(source, source.ref);
  return { source, gitDir, commit, ref: source.ref };
}

async function checkFolder(source: LocalGoldenSource): Promise<void> {
  try {
    const stats = await stat(source.path);
    if (stats.isDirectory()) return;
  } catch (cause) {
    throw new ArchangelError('GOLDEN_UNAVAILABLE', `golden path ${source.spec} does not exist.`, {
      hint: `It resolves to ${source.path}; "path" in archangel.json is relative to the folder of archangel.json.`,
      cause,
    });
  }
  throw new ArchangelError('GOLDEN_UNAVAILABLE', `golden path ${source.spec} is a file, not a folder.`, {
    hint: 'Point "path" at the root folder of a git repository.',
  });
}

/** The absolute git directory of the repository whose root (or bare directory) is `source.path`. */
async function findGitDir(source: LocalGoldenSource): Promise<string> {
  let lines: string[];
  try {
    const out = await runGit(['rev-parse', '--is-inside-work-tree', '--absolute-git-dir', '--show-prefix'], { cwd: source.path });
    lines = out.toString('utf8').split('\n');
  } catch (error) {
    throw notARepo(source, error);
  }
  const [insideWorkTree, gitDir = '', prefix = ''] = lines;
  const isRoot = insideWorkTree === 'true' ? prefix === '' : (await realpath(gitDir)) === (await realpath(source.path));
  if (!isRoot) {
    throw new ArchangelError('NOT_A_GIT_REPO', `golden path ${source.spec} is inside a git repository but is not its root.`, {
      hint: `Point "path" at the repository root and narrow it with "include": ["${prefix || '<folder>/'}**"].`,
    });
  }
  return gitDir;
}

function notARepo(source: LocalGoldenSource, error: unknown): ArchangelError {
  if (error instanceof ArchangelError) return error;
  if (error instanceof GitCommandError && /dubious ownership/i.test(error.stderr)) {
    return new ArchangelError('NOT_A_GIT_REPO', `git refuses to read golden path ${source.spec} because another user owns it.`, {
      hint: `If you trust it, run: git config --global --add safe.directory ${source.path}`,
      cause: error,
    });
  }
  return new ArchangelError('NOT_A_GIT_REPO', `golden path ${source.spec} is not a git repository.`, {
    hint: `Run \`git init\` there and commit its files, or point "path" at a repository root.`,
    cause: error,
  });
}

/** The branch HEAD points at, or `HEAD` when it is detached. */
async function currentBranch(gitDir: string): Promise<string> {
  try {
    return (await runGit([`--git-dir=${gitDir}`, 'symbolic-ref', '--quiet', '--short', 'HEAD'])).toString('utf8').trim();
  } catch {
    return 'HEAD';
  }
}
