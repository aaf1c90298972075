import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Real git repositories in temp folders, for tests. Every folder made here is removed by
 * `removeTempDirs()`; call it from `afterEach`.
 */

const made: string[] = [];

/** Identity and settings that make commits work on any machine, whatever the user's git config. */
const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};
for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete GIT_ENV[name];

/** A new empty temp folder; `name` makes it a named subfolder (e.g. with spaces or unicode). */
export function tempDir(name?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'archangel-test-'));
  made.push(root);
  if (name === undefined) return root;
  const dir = join(root, name);
  mkdirSync(dir);
  return dir;
}

/** Deletes every folder `tempDir` and `createRepo` made. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs git in `cwd` and returns its trimmed stdout; throws with git's stderr on failure. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export interface TestRepo {
  /** The working tree (or the repository itself when bare). */
  dir: string;
  git(...args: string[]): string;
  /** Writes files (creating folders) relative to the working tree. */
  write(files: Record<string, string | Buffer>): void;
  /** Writes `files` if given, stages everything and commits; returns the new commit's full sha. */
  commit(message?: string, files?: Record<string, string | Buffer>): string;
}

/** `git init` in `dir` (default: a new temp folder) on branch `main`. */
export function createRepo(options: { dir?: string; bare?: boolean } = {}): TestRepo {
  const dir = options.dir ?? tempDir();
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main', ...(options.bare ? ['--bare'] : []));
  const repo: TestRepo = {
    dir,
    git: (...args) => git(dir, ...args),
    write(files) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
    },
    commit(message = 'commit', files) {
      if (files) repo.write(files);
      git(dir, 'add', '--all');
      git(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
      return git(dir, 'rev-parse', 'HEAD');
    },
  };
  return repo;
}

/** A bare clone of `repo` to serve as a remote, and its `file://` URL. */
export function bareRemoteOf(repo: TestRepo): { dir: string; url: string } {
  const dir = join(tempDir(), 'remote.git');
  git(repo.dir, 'clone', '--quiet', '--bare', repo.dir, dir);
  return { dir, url: `file://${dir}` };
}
