import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { ArchangelError } from '../errors/archangel-error.js';
import { reviewGit } from './diff/git.js';

/** The line that marks a hook as ours, so we never overwrite or delete someone else's. */
const MARKER = '# installed by `archangel hook install`';

/**
 * Seconds a commit waits for the model before the offline mentor reviews it instead: half of
 * `review`'s default bound, since the learner is waiting on git, not reading notes.
 */
export const HOOK_TIMEOUT_S = 10;

/** Where git looks for the pre-commit hook (honours core.hooksPath and worktrees). */
async function hookPath(repoDir: string): Promise<string> {
  const path = (await reviewGit(repoDir, ['rev-parse', '--git-path', 'hooks/pre-commit'])).trim();
  return isAbsolute(path) ? path : join((await reviewGit(repoDir, ['rev-parse', '--show-toplevel'])).trim(), path);
}

/**
 * Installs a pre-commit hook that runs `archangel review --staged` and blocks the commit when a
 * note is at least `failOn` severe. `bin` is the archangel executable to run.
 */
export async function installHook(repoDir: string, options: { bin: string; failOn: 'info' | 'warn' | 'error' }): Promise<string> {
  const path = await hookPath(repoDir);
  if (existsSync(path) && !readFileSync(path, 'utf8').includes(MARKER)) {
    throw new ArchangelError('USAGE', `${path} already exists and was not written by ArchAngel.`, {
      hint: `Add this line to it instead: ${command(options)}`,
    });
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    `#!/bin/sh\n${MARKER}\n# Reviews the staged changes; a note at or above "${options.failOn}" stops the commit (git commit --no-verify skips it).\n# The model gets ${HOOK_TIMEOUT_S} s, then the offline mentor reviews instead.\nexec ${command(options)}\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

/** Removes the hook if ArchAngel installed it; returns its path, or undefined when there was none of ours. */
export async function uninstallHook(repoDir: string): Promise<string | undefined> {
  const path = await hookPath(repoDir);
  if (!existsSync(path)) return undefined;
  if (!readFileSync(path, 'utf8').includes(MARKER)) {
    throw new ArchangelError('USAGE', `${path} was not written by ArchAngel, so it is left alone.`, { hint: 'Edit it by hand if it runs archangel.' });
  }
  rmSync(path);
  return path;
}

/** What the hook runs. */
function command(options: { bin: string; failOn: string }): string {
  return `"${process.execPath}" "${options.bin}" review --staged --fail-on ${options.failOn} --timeout ${HOOK_TIMEOUT_S}`;
}
