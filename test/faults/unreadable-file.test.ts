import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTempDirs, type TestRepo } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';

/**
 * A new file saved in Latin-1, not UTF-8: the review cannot read it. It said "No changes to review"
 * and `--fail-on info` passed, a silence that read as approval. Now the file is named as not
 * reviewed, with why, and the check fails.
 */
let learner: TestRepo;

beforeAll(() => {
  learner = learnerRepo(zodGolden());
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  writeFileSync(join(learner.dir, 'src/prices.ts'), Buffer.from('export const caf\xe9 = "cr\xe8me";\n', 'latin1'));
}, 120_000);

afterAll(removeTempDirs);

describe('a new file that is not UTF-8', () => {
  it('review names it as not reviewed, and why, instead of "No changes to review"', () => {
    const result = runCli(learner.dir, ['review']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('src/prices.ts was not reviewed: it is not UTF-8 text; save it as UTF-8 to have it reviewed.');
    expect(result.stdout).not.toContain('No changes to review');
  });

  it('fails review --fail-on (the pre-commit check) with exit 10, at any level', () => {
    for (const level of ['info', 'error']) {
      const result = runCli(learner.dir, ['review', '--fail-on', level]);
      expect(result.status, result.stderr).toBe(10);
    }
  });

  it('lists it with its reason in the JSON and markdown reports', () => {
    const json = JSON.parse(runCli(learner.dir, ['review', '--format', 'json']).stdout) as { skipped: Array<{ path: string; reason: string }> };
    expect(json.skipped).toContainEqual({ path: 'src/prices.ts', reason: 'not-utf8' });
    expect(runCli(learner.dir, ['review', '--format', 'md']).stdout).toContain('**Not reviewed:** `src/prices.ts`: it is not UTF-8 text');
  });
});
