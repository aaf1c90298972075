import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { removeTempDirs, type TestRepo } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';

/**
 * `index --rebuild` killed with -9 half way: the index it was replacing must still answer searches
 * (it was moved aside first, so nothing did until the next run), searches must work while it
 * builds (as the "another index run" message promises), and backups must not pile up.
 */
let learner: TestRepo;
let folder: string;

beforeAll(() => {
  learner = learnerRepo(zodGolden());
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  folder = join(learner.dir, '.archangel');
}, 120_000);

afterAll(removeTempDirs);

/** The index files in .archangel, without SQLite's own side files (-wal, -shm, -journal). */
const indexFiles = () => readdirSync(folder).filter((name) => name.startsWith('index.db') && !/-(wal|shm|journal)$/.test(name)).sort();

async function until(found: () => boolean): Promise<void> {
  for (let tries = 0; tries < 1500 && !found(); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(found()).toBe(true);
}

describe('index --rebuild killed with -9', () => {
  it('leaves the old index answering searches, during the rebuild and after, and the next rebuild finishes with one backup', async () => {
    const rebuild = startCli(learner.dir, ['index', '--rebuild', '--quiet']);
    const exited = new Promise((resolve) => rebuild.on('exit', resolve));
    await until(() => existsSync(join(folder, 'index.db.rebuild')));
    // Frozen mid-build: what a search sees while a rebuild runs.
    rebuild.kill('SIGSTOP');

    const during = runCli(learner.dir, ['search', 'parse']);
    expect(during.status, during.stderr).toBe(0);
    expect(during.stdout).toContain('zod');
    const second = runCli(learner.dir, ['index']);
    expect(second.status).toBe(5);
    expect(second.stderr).toContain('searches keep working meanwhile');

    rebuild.kill('SIGKILL');
    await exited;
    const after = runCli(learner.dir, ['search', 'parse']);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout).toContain('zod');
    expect(indexFiles()).toEqual(['index.db', 'index.db.lock', 'index.db.rebuild']);

    for (let run = 0; run < 2; run++) {
      const again = runCli(learner.dir, ['index', '--rebuild']);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).toContain(`the previous one is kept as ${join(folder, 'index.db.bak')} until the next rebuild`);
    }
    expect(indexFiles()).toEqual(['index.db', 'index.db.bak']);
    expect(runCli(learner.dir, ['search', 'parse']).stdout).toContain('zod');
  }, 90_000);
});
