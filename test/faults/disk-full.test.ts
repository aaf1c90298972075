import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';
import { mountTmpfs, type Tmpfs } from '../helpers/mount.js';

/**
 * The disk fills up (ENOSPC, SQLite's "database or disk is full"): a 2 MB tmpfs stands in for it,
 * where mounting is allowed (root on Linux; the tests skip elsewhere and say why). The index run
 * and the review each say the disk is full, with exit 14 (both were exit 1, "Something went wrong
 * inside ArchAngel"), and the review still prints its notes.
 */
let learner: TestRepo;
let mounted: Tmpfs | undefined;

/** A 2 MB tmpfs on `dir`; skips the test when it cannot be mounted. */
function smallDisk(skip: (note: string) => never, dir: string): string {
  const fs = mountTmpfs(dir, '2m');
  if ('reason' in fs) skip(`cannot test a full disk here: ${fs.reason}`);
  mounted = fs;
  return fs.dir;
}

beforeAll(() => {
  learner = learnerRepo(zodGolden());
  appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
}, 60_000);

afterEach(() => mounted?.unmount());
afterAll(removeTempDirs);

/** Appends to `path` until the disk refuses even a page. */
function fill(path: string): void {
  writeFileSync(path, '');
  for (const size of [64 * 1024, 4096]) {
    try {
      for (;;) appendFileSync(path, Buffer.alloc(size));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
  }
}

describe('a full disk', () => {
  it('index on a disk too small for it exits 14, saying the disk is full', ({ skip }) => {
    const dir = smallDisk(skip, join(tempDir(), 'small'));
    const result = runCli(learner.dir, ['index', '--quiet'], { ARCHANGEL_INDEX_PATH: join(dir, 'index.db') });
    expect(result.status, result.stderr).toBe(14);
    expect(result.stderr).toContain(`error: The disk is full: the golden index at ${join(dir, 'index.db')} could not be written.`);
    expect(result.stderr).toMatch(/^hint: Free some space \(`df -h .*`/m);
    expect(result.stderr).not.toContain('inside ArchAngel');
  });

  it('review on a full disk prints its notes, then exits 14', ({ skip }) => {
    const index = join(tempDir(), 'index.db');
    expect(runCli(learner.dir, ['index', '--quiet'], { ARCHANGEL_INDEX_PATH: index }).status).toBe(0);
    // The learner record's folder is full to the last byte.
    const dir = smallDisk(skip, join(learner.dir, '.archangel'));
    fill(join(dir, 'filler'));
    const result = runCli(learner.dir, ['review'], { ARCHANGEL_INDEX_PATH: index });
    expect(result.status, result.stderr).toBe(14);
    expect(result.stdout).toMatch(/^\S+ src\/users\.ts:\d+ {2}\S/m);
    expect(result.stderr).toMatch(/^error: The disk is full: the learner record at .*state\.db could not be written\./m);
  });
});
