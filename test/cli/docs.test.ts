import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { treeFromNodeModules } from '../helpers/corpus.js';
import { createRepo, removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';

afterAll(removeTempDirs);

let learner: TestRepo;
const env = () => ({ ARCHANGEL_CACHE_DIR: tempDir() });

beforeAll(() => {
  const golden = createRepo();
  golden.commit('golden', treeFromNodeModules('zod/src/v4/core', /\.ts$/));
  learner = createRepo();
  learner.commit('start', { 'archangel.json': JSON.stringify({ golden: [{ path: golden.dir, name: 'zod' }] }), '.gitignore': '.archangel/\n' });
  expect(runCli(learner.dir, ['index', '--quiet'], env()).status).toBe(0);
}, 120_000);

describe('archangel docs', () => {
  it('--check exits 11 naming the missing files, then 0 once they are written', () => {
    const before = runCli(learner.dir, ['docs', '--check'], env());
    expect(before.status).toBe(11);
    expect(before.stderr).toContain('docs/archangel/CODE_STYLE.md, docs/archangel/WIKI.md differ from what `archangel docs` would write now');
    const write = runCli(learner.dir, ['docs', '--json'], env());
    expect(write.status, write.stderr).toBe(0);
    const summary = JSON.parse(write.stdout) as { files: Array<{ path: string; status: string }>; repos: Array<{ name: string }>; conventions: number };
    expect(summary.files).toEqual([{ path: 'docs/archangel/CODE_STYLE.md', status: 'created' }, { path: 'docs/archangel/WIKI.md', status: 'created' }]);
    expect(summary.repos.map((r) => r.name)).toEqual(['zod']);
    expect(summary.conventions).toBeGreaterThan(0);
    expect(runCli(learner.dir, ['docs', '--check'], env()).status).toBe(0);
  });

  it('refuses a hand-written file with exit 2 and a hint, and --force overwrites it', () => {
    const out = join(learner.dir, 'handbook');
    runCli(learner.dir, ['docs', '--out', 'handbook', '--only', 'wiki'], env());
    writeFileSync(join(out, 'WIKI.md'), '# Written by us\n');
    const refused = runCli(learner.dir, ['docs', '--out', 'handbook', '--only', 'wiki'], env());
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('has no archangel markers');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(out, 'WIKI.md'), 'utf8')).toBe('# Written by us\n');
    expect(runCli(learner.dir, ['docs', '--out', 'handbook', '--only', 'wiki', '--force'], env()).status).toBe(0);
    expect(readFileSync(join(out, 'WIKI.md'), 'utf8')).toContain('<!-- archangel:begin wiki-index -->');
  });

  it('says how to get conventions when there is no index yet', () => {
    const fresh = createRepo();
    fresh.commit('start', { 'archangel.json': JSON.stringify({ golden: [{ path: learner.dir }] }) });
    const result = runCli(fresh.dir, ['docs'], env());
    expect(result.status).toBe(5);
    expect(result.stderr).toContain('archangel index');
  });
});
