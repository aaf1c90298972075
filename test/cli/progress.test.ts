import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo, removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, USERS_START, zodGolden } from '../helpers/learner.js';

/**
 * Deeper nesting and more parameters than golden functions ever have: two departures from zod's
 * conventions worth a note, with code to quiz on (the snake_case name waits while they are open).
 */
const CHANGE = `
/** Reads one user. */
export function read_user_name(id: string, a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): string | undefined {
  const name = users.get(id);
  if (a > 0) { if (b > 0) { if (c > 0) { if (d > 0) { if (e > 0) { if (f > 0) { return name; } } } } } }
  return name;
}
`;

let learner: TestRepo;

/** A copy of the learner's repository, reviewed there: the record keys notes by repository root. */
function reviewedCopy(): string {
  const copy = tempDir();
  cpSync(learner.dir, copy, { recursive: true });
  expect(runCli(copy, ['review', '--offline']).status).toBe(0);
  return copy;
}

beforeAll(() => {
  const golden = zodGolden();
  learner = learnerRepo(golden, 'ada@example.org');
  expect(runCli(learner.dir, ['progress']).stdout, 'before any review').toContain('No history yet for ada@example.org');
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  writeFileSync(join(learner.dir, 'src/users.ts'), `${USERS_START}${CHANGE}`);
  expect(runCli(learner.dir, ['review', '--offline']).status).toBe(0);
}, 120_000);
afterAll(removeTempDirs);

describe('archangel progress', () => {
  it('prints the learner model as JSON, with the open notes of the branch', () => {
    const result = runCli(learner.dir, ['progress', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.history).toBe(true);
    expect(report.progress.learner).toBe('ada@example.org');
    const topics = report.progress.topics.map((t: { topic: string }) => t.topic);
    expect(topics).toEqual(expect.arrayContaining(['ts.size.params', 'ts.size.nesting']));
    expect(report.progress.topics.every((t: { status: string }) => t.status === 'new')).toBe(true);
    expect(report.ready.branch).toBe('main');
    expect(report.ready.changedFiles).toBe(1);
    expect(report.ready.notes.length).toBe(topics.length);
  });

  it('scopes "ready for review?" to the files changed now', () => {
    const copy = reviewedCopy();
    const git = (...args: string[]) => execFileSync('git', ['-C', copy, ...args], { stdio: 'ignore' });
    git('add', 'src/users.ts');
    git('commit', '-q', '-m', 'users');
    const committed = runCli(copy, ['progress']).stdout;
    expect(committed).toContain('Nothing to review: no changes on main since the last commit.');
    // The notes stay open in the record, but they are on a file this change does not touch.
    writeFileSync(join(copy, 'src/orders.ts'), 'export const orders: string[] = [];\n');
    const elsewhere = JSON.parse(runCli(copy, ['progress', '--json']).stdout);
    expect(elsewhere.ready).toMatchObject({ changedFiles: 1, notes: [] });
    expect(runCli(copy, ['progress']).stdout).toContain('Yes: no open notes on the 1 changed file on main.');
  });

  it('checks a branch or the staged changes like `archangel review --range/--staged` compares them', () => {
    const copy = reviewedCopy();
    const git = (...args: string[]) => execFileSync('git', ['-C', copy, ...args], { stdio: 'ignore' });
    git('add', 'src/users.ts');
    git('commit', '-q', '-m', 'users');
    // The working tree is clean, but the last commit holds the noted file: the branch is not ready.
    const range = JSON.parse(runCli(copy, ['progress', '--json', '--range', 'HEAD~1..HEAD']).stdout);
    expect(range.ready).toMatchObject({ changedFiles: 1, target: { kind: 'range', range: 'HEAD~1..HEAD' } });
    expect(range.ready.notes.length).toBeGreaterThan(0);
    expect(range.ready.notes.every((n: { path: string }) => n.path === 'src/users.ts')).toBe(true);
    expect(runCli(copy, ['progress', '--range', 'HEAD~1..HEAD']).stdout).toMatch(/Not yet: \d+ open notes on the 1 file changed in HEAD~1\.\.HEAD/);

    expect(runCli(copy, ['progress', '--staged']).stdout).toContain('Nothing to review: nothing is staged on main.');
    writeFileSync(join(copy, 'src/orders.ts'), 'export const orders: string[] = [];\n');
    git('add', 'src/orders.ts');
    const staged = JSON.parse(runCli(copy, ['progress', '--json', '--staged']).stdout);
    expect(staged.ready).toMatchObject({ changedFiles: 1, target: { kind: 'staged' }, notes: [] });
    expect(runCli(copy, ['progress', '--staged']).stdout).toContain('Yes: no open notes on the 1 staged file on main.');
  });

  it('refuses --staged with --range, and a range it cannot resolve, with usage errors', () => {
    const both = runCli(learner.dir, ['progress', '--staged', '--range', 'HEAD~1..HEAD']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--staged and --range cannot be used together');
    const bad = runCli(learner.dir, ['progress', '--range', 'nowhere..HEAD']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('the range "nowhere..HEAD" names a commit this repository does not have');
    expect(runCli(learner.dir, ['progress', '--range', 'HEAD']).stderr).toContain('is not a range of two commits');
  });

  it('prints the summary as text, per learner', () => {
    const text = runCli(learner.dir, ['progress', '--since', '30d']).stdout;
    expect(text).toContain('Progress of ada@example.org');
    expect(text).toContain('Focus next');
    expect(text).toMatch(/Not yet: \d+ open notes on the 1 changed file on main/);
    learner.git('config', 'user.email', 'bob@example.org');
    try {
      const bob = JSON.parse(runCli(learner.dir, ['progress', '--json']).stdout);
      expect(bob.progress.topics).toEqual([]);
    } finally {
      learner.git('config', 'user.email', 'ada@example.org');
    }
  });

  it('refuses a --since it cannot read with a usage error', () => {
    const result = runCli(learner.dir, ['progress', '--since', 'last-week']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--since "last-week" is not a duration');
  });

  it('reports a damaged state.db as STATE_CORRUPT', () => {
    const other = createRepo();
    other.commit('start', { 'archangel.json': JSON.stringify({ golden: [] }) });
    mkdirSync(join(other.dir, '.archangel'));
    writeFileSync(join(other.dir, '.archangel', 'state.db'), 'this is not a database '.repeat(300));
    const result = runCli(other.dir, ['progress']);
    expect(result.status).toBe(5);
    expect(result.stderr).toMatch(/learner record .* is damaged/);
  });
});

describe('archangel quiz', () => {
  it('prints questions without a terminal, then grades --answers and feeds the model', () => {
    const printed = JSON.parse(runCli(learner.dir, ['quiz', '--json']).stdout);
    expect(printed.questions.length).toBeGreaterThan(0);
    const first = printed.questions[0];
    expect(first.options.length).toBe(3);
    expect(first.code).toMatch(/read_user_name|const name/);
    expect(first).not.toHaveProperty('answer');

    const wrongFirst = printed.questions.map(() => '1').join(',');
    const graded = JSON.parse(runCli(learner.dir, ['quiz', '--json', '--answers', wrongFirst]).stdout);
    expect(graded.total).toBe(printed.questions.length);
    expect(graded.questions[0].options).toEqual(first.options);
    const progress = JSON.parse(runCli(learner.dir, ['progress', '--json']).stdout);
    const topic = progress.progress.topics.find((t: { topic: string }) => t.topic === first.topic);
    expect(topic.quizRight + topic.quizWrong).toBe(1);
    expect(topic.quizRight).toBe(graded.questions[0].correct ? 1 : 0);
  });

  it('refuses answers that do not fit the questions', () => {
    const count = JSON.parse(runCli(learner.dir, ['quiz', '--json']).stdout).questions.length;
    const tooMany = runCli(learner.dir, ['quiz', '--answers', Array(count + 1).fill('1').join(',')]);
    expect(tooMany.status).toBe(2);
    expect(tooMany.stderr).toMatch(/needed, one per question/);
    const outOfRange = runCli(learner.dir, ['quiz', '--answers', Array(count).fill('9').join(',')]);
    expect(outOfRange.status).toBe(2);
    expect(outOfRange.stderr).toMatch(/give an option number from 1 to 3/);
  });
});
