import { appendFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';
import { mountTmpfs, type Tmpfs } from '../helpers/mount.js';

/**
 * A folder ArchAngel must write to is on a file system mounted read-only (EROFS): a shared index
 * on a read-only mount, a read-only checkout. Root ignores file modes, so this uses a real tmpfs
 * remounted read-only; where mounting is not allowed the tests skip and say why. Each case gets
 * its own sentence and exit 13 (they were exit 1, "Something went wrong inside ArchAngel").
 */
let learner: TestRepo;
const mounts: Tmpfs[] = [];

/** A fresh tmpfs, read-only once `prepare` has written into it; skips the test when it cannot be mounted. */
function readOnlyFolder(skip: (note: string) => never, prepare: (dir: string) => void = () => {}, dir = join(tempDir(), 'ro')): string {
  const fs = mountTmpfs(dir, '16m');
  if ('reason' in fs) skip(`cannot test a read-only file system here: ${fs.reason}`);
  mounts.push(fs);
  prepare(fs.dir);
  fs.readOnly();
  return fs.dir;
}

beforeAll(() => {
  learner = learnerRepo(zodGolden());
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
}, 120_000);

afterEach(() => mounts.splice(0).forEach((fs) => fs.unmount()));
afterAll(removeTempDirs);

const built = () => join(learner.dir, '.archangel/index.db');

describe('a read-only file system', () => {
  it('index into a read-only folder exits 13, naming the index and the read-only mount', ({ skip }) => {
    const dir = readOnlyFolder(skip);
    const result = runCli(learner.dir, ['index'], { ARCHANGEL_INDEX_PATH: join(dir, 'index.db') });
    expect(result.status, result.stderr).toBe(13);
    expect(result.stderr).toContain(`error: The golden index at ${join(dir, 'index.db')} cannot be written: its file system is mounted read-only.`);
    expect(result.stderr).toMatch(/^hint: Make .* writable, or point "index\.path"/m);
  });

  it('search in an index on a read-only mount exits 13 and says SQLite writes beside it even to read', ({ skip }) => {
    const dir = readOnlyFolder(skip, (into) => copyFileSync(built(), join(into, 'index.db')));
    const result = runCli(learner.dir, ['search', 'parse'], { ARCHANGEL_INDEX_PATH: join(dir, 'index.db') });
    expect(result.status, result.stderr).toBe(13);
    expect(result.stderr).toContain('cannot be written: its file system is mounted read-only.');
    expect(result.stderr).toContain('SQLite writes beside the index even to read it');
  });

  it('review with its learner record on a read-only mount prints its notes, then exits 13', ({ skip }) => {
    // The index stays readable elsewhere; only .archangel, where the record lives, is read-only.
    const index = join(tempDir(), 'index.db');
    copyFileSync(built(), index);
    readOnlyFolder(skip, () => {}, join(learner.dir, '.archangel'));
    const result = runCli(learner.dir, ['review'], { ARCHANGEL_INDEX_PATH: index });
    expect(result.status, result.stderr).toBe(13);
    expect(result.stdout).toMatch(/^\S+ src\/users\.ts:\d+ {2}\S/m);
    expect(result.stderr).toMatch(/^error: The learner record at .*state\.db cannot be written: its file system is mounted read-only\./m);
    expect(result.stderr).not.toContain('inside ArchAngel');
  });
});
