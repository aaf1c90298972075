import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTempDirs, type TestRepo } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';

/**
 * A merge that stopped on a conflict leaves git's markers in the file. They were not flagged (the
 * pre-commit hook let them through) and the note on those lines named the wrong function: the
 * markers made the parser lose it. Now each conflicted file gets an error-level note of its own,
 * naming the function the markers sit in.
 */
let learner: TestRepo;

/** Functions long enough to be chunks of their own; each branch changes the second one's header. */
const users = (parameters: string) => `export function loadUser(id: string) {
${'  const size = id.length;\n'.repeat(12)}  return id;
}

export function saveUser(${parameters}) {
${'  const size = id.length;\n'.repeat(12)}  return id;
}
`;

beforeAll(() => {
  learner = learnerRepo(zodGolden());
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  learner.commit('users', { 'src/users.ts': users('id: string') });
  learner.git('checkout', '-q', '-b', 'feature');
  learner.commit('feature', { 'src/users.ts': users('id: string, force = false') });
  learner.git('checkout', '-q', 'main');
  learner.commit('main', { 'src/users.ts': users('id: string, log = true') });
  expect(() => learner.git('merge', '-q', 'feature')).toThrow();
  expect(readFileSync(join(learner.dir, 'src/users.ts'), 'utf8')).toContain('<<<<<<< HEAD');
}, 120_000);

afterAll(removeTempDirs);

describe('an unresolved merge conflict', () => {
  it('review flags the markers as an error of their own, in the function they sit in', () => {
    const result = runCli(learner.dir, ['review']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^✖ src\/users\.ts:\d+ {2}unresolved merge conflict$/m);
    expect(result.stdout).toMatch(/src\/users\.ts:\d+-\d+ still holds the markers git writes .* should `saveUser` keep\?/);
  });

  it('review --staged --fail-on error (the pre-commit hook) stops a commit of the markers', () => {
    learner.git('add', 'src/users.ts');
    const result = runCli(learner.dir, ['review', '--staged', '--fail-on', 'error', '--format', 'json']);
    expect(result.status, result.stderr).toBe(10);
    const { notes } = JSON.parse(result.stdout) as { notes: Array<{ topic: string; severity: string; title: string; startLine: number; endLine: number }> };
    const conflict = notes.find((note) => note.topic === 'ts.merge.conflict');
    expect(conflict).toMatchObject({ severity: 'error', title: 'unresolved merge conflict' });
    expect(conflict!.endLine - conflict!.startLine).toBeGreaterThanOrEqual(2);
  });
});
