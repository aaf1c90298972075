import { appendFileSync, closeSync, copyFileSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';

/**
 * Damaged SQLite files: garbage where the learner record should be, and bad pages under an intact
 * header (the file opens; a query deep in a review, a search or the docs finds the damage). Each is
 * told as damage to that file, with what to do and exit 5, never "Something went wrong inside
 * ArchAngel"; a review still prints its notes when only the record is damaged.
 */
const PAGE = 4096;

/**
 * Overwrites `pages` pages from a third of the way into the file with garbage: the header and the
 * first tables (the schema and its version, read on open) stay intact, so the damage is met mid-query.
 */
function damagePages(path: string, pages: number): void {
  const fd = openSync(path, 'r+');
  try {
    const total = Math.floor(statSync(path).size / PAGE);
    const from = Math.max(Math.floor(total / 3), 2);
    const count = Math.min(pages, total - from);
    writeSync(fd, Buffer.alloc(PAGE * count, 0xa5), 0, PAGE * count, PAGE * from);
  } finally {
    closeSync(fd);
  }
}

let learner: TestRepo;
let index: string;
let state: string;
/** The healthy files, to restore between tests. */
let saved: { index: string; state: string };

beforeAll(() => {
  learner = learnerRepo(zodGolden());
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
  expect(runCli(learner.dir, ['review']).status).toBe(0);
  index = join(learner.dir, '.archangel/index.db');
  state = join(learner.dir, '.archangel/state.db');
  const keep = tempDir();
  saved = { index: join(keep, 'index.db'), state: join(keep, 'state.db') };
  copyFileSync(index, saved.index);
  copyFileSync(state, saved.state);
}, 120_000);

afterAll(removeTempDirs);

function restore(): void {
  copyFileSync(saved.index, index);
  copyFileSync(saved.state, state);
}

describe('a damaged learner record', () => {
  it.each([
    ['garbage in place of the file', () => writeFileSync(state, Buffer.alloc(3000, 0x5a))],
    ['bad pages under an intact header', () => damagePages(state, 8)],
  ])('%s: review prints its notes, then says the record is damaged, exit 5', (_, damage) => {
    restore();
    damage();
    const result = runCli(learner.dir, ['review']);
    expect(result.status, result.stderr).toBe(5);
    expect(result.stdout).toMatch(/^\S+ src\/users\.ts:\d+ {2}\S/m);
    expect(result.stderr).toMatch(/^error: The learner record at .*state\.db \(notes and chat history\) is damaged/m);
    expect(result.stderr).toMatch(/^hint: Nothing was deleted\. Move it aside/m);
    expect(result.stderr).not.toContain('inside ArchAngel');
  });
});

describe('a question about the diff', () => {
  it('is answered with a garbage learner record: ask does not need it', () => {
    restore();
    writeFileSync(state, Buffer.alloc(3000, 0x5a));
    const result = runCli(learner.dir, ['ask', 'why', 'rethrow?']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('what the golden repositories show');
  });
});

describe('a golden index with bad pages under an intact header', () => {
  it.each(['review', 'search parse', 'docs --check'])('%s exits 5, naming the index and how to rebuild it', (command) => {
    restore();
    damagePages(index, 100);
    const result = runCli(learner.dir, command.split(' '));
    expect(result.status, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/^error: The golden index at .*index\.db is damaged and cannot be read\./m);
    expect(result.stderr).toMatch(/^hint: Run `archangel index --rebuild`/m);
    expect(result.stderr).not.toContain('inside ArchAngel');
  });

  it('index --rebuild replaces it, keeping the damaged one as the backup', () => {
    restore();
    damagePages(index, 100);
    expect(runCli(learner.dir, ['index', '--rebuild', '--quiet']).status).toBe(0);
    expect(runCli(learner.dir, ['search', 'parse']).stdout).toContain('zod');
    // Besides SQLite's own side files: the index and one backup.
    const files = readdirSync(join(learner.dir, '.archangel')).filter((name) => name.startsWith('index.db') && !/-(wal|shm|journal)$/.test(name));
    expect(files.sort()).toEqual(['index.db', 'index.db.bak']);
  });
});
