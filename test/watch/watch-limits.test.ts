import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo } from '../helpers/learner.js';

/**
 * The built `archangel watch --plain` where the system says no: the inotify watch limit reached
 * (set low in a user namespace of the test's own, so nothing else on the machine is touched) and
 * a folder without read permission. Each time: one line saying what happened and what to do, and
 * saves elsewhere are still reviewed.
 */

const asRoot = process.getuid?.() === 0;
/** A user namespace whose inotify limit the test may set (unprivileged ones may be disabled). */
const canUnshare = spawnSync('unshare', ['-U', '-r', 'sh', '-c', 'echo 1 > /proc/sys/user/max_inotify_watches']).status === 0;
/** Root reads any folder; without these two capabilities it is refused like everyone else. */
const canDropCaps = !asRoot || spawnSync('setpriv', ['--bounding-set=-dac_override,-dac_read_search', 'true']).status === 0;

const children: ChildProcess[] = [];
const unreadable: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  for (const dir of unreadable.splice(0)) chmodSync(dir, 0o755);
  removeTempDirs();
});

/** Starts `archangel watch --plain` in `repo` through `prefix` (a command that runs the rest); returns its output so far. */
function startWatch(repo: TestRepo, prefix: string[]): { output: () => string } {
  const [command = process.execPath, ...args] = [...prefix, process.execPath, BIN, 'watch', '--plain', '--offline'];
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ARCHANGEL_CACHE_DIR: tempDir() };
  delete env.ANTHROPIC_API_KEY;
  const child = spawn(command, args, { cwd: repo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return { output: () => output };
}

/** The first review (of the whole diff) ended: the status line comes after it. A save during it would be folded into a second whole-diff review. */
const FIRST_REVIEW_DONE = /reviewing the current changes\narchangel: .*\n/;

async function until(read: () => string, pattern: RegExp, limitMs = 20_000): Promise<void> {
  for (let waited = 0; !pattern.test(read()) && waited < limitMs; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!pattern.test(read())) throw new Error(`timed out waiting for ${pattern}; output:\n${read()}`);
}

function repoWithFolders(): TestRepo {
  const repo = learnerRepo();
  for (let i = 0; i < 10; i++) mkdirSync(join(repo.dir, `src/feature${i}/deep`), { recursive: true });
  return repo;
}

describe('archangel watch at the limits of the system', () => {
  it.skipIf(!canUnshare)('says once that the inotify watch limit is reached, polls instead, and still reviews a save', async () => {
    const repo = repoWithFolders();
    const watch = startWatch(repo, ['unshare', '-U', '-r', 'sh', '-c', 'echo 4 > /proc/sys/user/max_inotify_watches && exec "$@"', 'sh']);
    await until(watch.output, /polling \(inotify watch limit reached\)/);
    await until(watch.output, FIRST_REVIEW_DONE);
    writeFileSync(join(repo.dir, 'src/users.ts'), 'export const users = 2;\n');
    await until(watch.output, /reviewing src\/users\.ts/);
    const lines = watch.output().split('\n');
    expect(lines.filter((line) => line.includes('limit on file watches'))).toEqual([
      expect.stringMatching(/^error: The system limit on file watches is reached \(.+\): saves are noticed by polling instead, about a second later\. Hint: raise it with `sudo sysctl fs\.inotify\.max_user_watches=524288`/),
    ]);
  }, 60_000);

  it.skipIf(!canDropCaps)('says once that a folder cannot be read, and still reviews saves elsewhere', async () => {
    const repo = repoWithFolders();
    repo.write({ 'private/notes.ts': 'export const notes = 1;\n', 'private/more/x.ts': 'x' });
    chmodSync(join(repo.dir, 'private'), 0o000);
    unreadable.push(join(repo.dir, 'private'));
    const watch = startWatch(repo, asRoot ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search'] : []);
    await until(watch.output, FIRST_REVIEW_DONE);
    writeFileSync(join(repo.dir, 'src/users.ts'), 'export const users = 3;\n');
    await until(watch.output, /reviewing src\/users\.ts/);
    const lines = watch.output().split('\n');
    expect(lines.filter((line) => line.includes('Permission denied'))).toEqual([
      `error: Permission denied while watching (${join(repo.dir, 'private')}): saves there will not be reviewed. Hint: fix the folder permissions, or add the folder to .gitignore if it is not yours.`,
    ]);
    expect(watch.output()).not.toContain('polling');
  }, 60_000);
});
