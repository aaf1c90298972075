import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTempDirs, type TestRepo } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';

/**
 * The learner record is only as good as its "fixed": a note is resolved by a review that looked at
 * its lines and no longer found its departure there, never by a review of other code (the staged
 * part of a file, a range of commits, another file noted under the same rule).
 */

/** A misnamed function and nothing costlier (a costlier finding on the same save would hold the name's note back). */
const BAD = 'export function Bad_name(a: string) {\n  return a.trim();\n}\n';

interface Reviewed {
  notes: Array<{ id: string; path: string; topic: string }>;
  resolved: Array<{ id: string; path: string }>;
}

let learner: TestRepo;

function review(...args: string[]): Reviewed {
  const result = runCli(learner.dir, ['review', '--format', 'json', ...args]);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Reviewed;
}

function naming(): { fixes: number; open: number; relapses: number } {
  const result = runCli(learner.dir, ['progress', '--json']);
  expect(result.status, result.stderr).toBe(0);
  const { progress } = JSON.parse(result.stdout) as { progress: { topics: Array<{ topic: string; fixes: number; open: number; relapses: number }> } };
  const topic = progress.topics.find((t) => t.topic === 'ts.naming.function');
  return { fixes: topic?.fixes ?? 0, open: topic?.open ?? 0, relapses: topic?.relapses ?? 0 };
}

beforeAll(() => {
  learner = learnerRepo(zodGolden());
  learner.commit('one', { 'src/a.ts': 'export function getX(a: string) {\n  return a;\n}\n' });
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  // Part of the file staged, the departure only in the working tree: the reproduction.
  appendFileSync(join(learner.dir, 'src/a.ts'), '// staged\n');
  learner.git('add', 'src/a.ts');
  appendFileSync(join(learner.dir, 'src/a.ts'), BAD);
}, 120_000);

afterAll(removeTempDirs);

describe('resolving notes', () => {
  it('is judged only by reviews that looked at the noted lines, and a fix is counted once', () => {
    const first = review();
    const note = first.notes.find((n) => n.path === 'src/a.ts' && n.topic === 'ts.naming.function');
    expect(note, JSON.stringify(first.notes)).toBeDefined();

    // The hook's view: the index holds `// staged` but not the function, which is no fix.
    expect(review('--staged').resolved).toEqual([]);
    // A range of commits holds none of the working tree's code either.
    expect(review('--range', 'HEAD~1..HEAD').resolved).toEqual([]);
    expect(naming()).toEqual({ fixes: 0, open: 1, relapses: 0 });

    // Another file noted under the same rule takes the one naming note of the save; a.ts is untouched.
    writeFileSync(join(learner.dir, 'src/0first.ts'), 'export function Other_name(x: string) {\n  return x;\n}\n');
    const crowded = review();
    expect(crowded.notes.map((n) => n.id)).not.toContain(note!.id);
    expect(crowded.resolved).toEqual([]);
    expect(naming()).toMatchObject({ fixes: 0, relapses: 0 });

    // The fix, seen by a review of the working tree: resolved once, and it does not "come back".
    writeFileSync(join(learner.dir, 'src/a.ts'), `export function getX(a: string) {\n  return a;\n}\n// staged\n${BAD.replace('Bad_name', 'badName')}`);
    expect(review().resolved.map((n) => n.id)).toContain(note!.id);
    expect(review().resolved).toEqual([]);
    expect(naming()).toMatchObject({ fixes: 1, relapses: 0 });
  }, 120_000);
});
