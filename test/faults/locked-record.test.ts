import Database from 'better-sqlite3';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTempDirs, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';

/**
 * Another process holds the learner record's write lock for longer than ArchAngel waits (5 s): a
 * review still prints its notes, then says the record is busy, with exit 12 (it was exit 1,
 * "Something went wrong inside ArchAngel", and the notes were lost).
 */
let learner: TestRepo;

beforeAll(() => {
  learner = learnerRepo(zodGolden());
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
  // The record exists, as it does once watch or the hook has run.
  expect(runCli(learner.dir, ['review']).status).toBe(0);
}, 120_000);

afterAll(removeTempDirs);

function reviewsRecorded(): number {
  const db = new Database(join(learner.dir, '.archangel/state.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('a learner record locked by another process', () => {
  it('review prints its notes, then says the record is busy and exits 12', () => {
    const before = reviewsRecorded();
    const holder = new Database(join(learner.dir, '.archangel/state.db'));
    holder.exec('BEGIN IMMEDIATE');
    let result;
    try {
      result = runCli(learner.dir, ['review']);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(result.status, result.stderr).toBe(12);
    expect(result.stdout).toMatch(/^\S+ src\/users\.ts:\d+ {2}\S/m);
    expect(result.stderr).toContain('note: the notes were shown but not recorded');
    expect(result.stderr).toMatch(/^error: The learner record at .*state\.db is busy: another process kept it locked/m);
    expect(result.stderr).toMatch(/^hint: Another ArchAngel/m);
    expect(result.stderr).not.toContain('inside ArchAngel');
    expect(reviewsRecorded()).toBe(before);

    // Once the lock is gone, the next review is recorded as usual.
    expect(runCli(learner.dir, ['review']).status).toBe(0);
    expect(reviewsRecorded()).toBe(before + 1);
  }, 30_000);
});
