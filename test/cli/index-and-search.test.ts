import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { treeFromNodeModules } from '../helpers/corpus.js';
import { createRepo, removeTempDirs, tempDir } from '../helpers/git.js';

afterAll(removeTempDirs);

/** A project whose golden repo is zod's sources: hundreds of real TypeScript files. */
function projectWithGolden(golden: string): string {
  const project = tempDir();
  writeFileSync(join(project, 'archangel.json'), JSON.stringify({ golden: [{ path: golden, name: 'zod' }] }));
  return project;
}

const env = () => ({ ARCHANGEL_CACHE_DIR: tempDir() });

describe('archangel index and search, as a user runs them', () => {
  let golden: string;

  beforeAll(() => {
    const repo = createRepo();
    repo.commit('zod sources', treeFromNodeModules('zod/src', /\.ts$/));
    golden = repo.dir;
  });

  it('indexes, then answers a search with citations, as JSON', () => {
    const project = projectWithGolden(golden);
    const index = runCli(project, ['index', '--json'], env());
    expect(index.status, index.stderr).toBe(0);
    const summary = JSON.parse(index.stdout);
    expect(summary.repos[0].status).toBe('indexed');
    expect(summary.repos[0].files).toBeGreaterThan(100);

    const search = runCli(project, ['search', 'parse an email address string', '--json', '--limit', '3'], env());
    expect(search.status, search.stderr).toBe(0);
    const results = JSON.parse(search.stdout) as Array<{ repo: string; path: string; startLine: number; endLine: number; commit: string; snippet: string }>;
    expect(results).toHaveLength(3);
    expect(results.some((r) => /email/i.test(r.snippet))).toBe(true);
    for (const r of results) {
      const lines = readFileSync(join(golden, r.path), 'utf8').split('\n').slice(r.startLine - 1, r.endLine).join('\n');
      expect(r.snippet).toBe(lines);
    }
  });

  it('finds the golden code most like a file passed with --file', () => {
    const project = projectWithGolden(golden);
    runCli(project, ['index', '--quiet'], env());
    const path = Object.keys(treeFromNodeModules('zod/src', /\.ts$/)).find((p) => p.endsWith('errors.ts'))!;
    const copy = join(project, 'my-errors.ts');
    writeFileSync(copy, readFileSync(join(golden, path), 'utf8').replaceAll('issue', 'problem'));
    const search = runCli(project, ['search', '--file', `${copy}:1-60`, '--json', '--limit', '5'], env());
    expect(search.status, search.stderr).toBe(0);
    const results = JSON.parse(search.stdout) as Array<{ path: string; similarity: number; comparable: boolean }>;
    expect(results.map((r) => r.path)).toContain(path);
    expect(results.find((r) => r.path === path)).toMatchObject({ comparable: true });
  });

  it('says so when the golden code has nothing in the language of a --file query', () => {
    const project = projectWithGolden(golden);
    runCli(project, ['index', '--quiet'], env());
    writeFileSync(join(project, 'parse.py'), 'def parse_email(text):\n    return text.strip().lower()\n');
    const search = runCli(project, ['search', '--file', 'parse.py'], env());
    expect(search.status, search.stderr).toBe(0);
    expect(search.stdout).toBe('The golden repositories have no Python code to compare with.\n');
  });

  it('learns conventions while indexing and checks a file against them', () => {
    const project = projectWithGolden(golden);
    runCli(project, ['index', '--quiet'], env());
    const conventions = runCli(project, ['conventions', '--lang', 'typescript', '--json'], env());
    expect(conventions.status, conventions.stderr).toBe(0);
    const naming = (JSON.parse(conventions.stdout) as Array<{ id: string; enforced: boolean; support: number; examples: unknown[] }>).find((c) => c.id === 'ts.naming.function');
    expect(naming).toMatchObject({ enforced: true });
    expect(naming!.support).toBeGreaterThan(20);
    expect(naming!.examples.length).toBeGreaterThan(0);

    writeFileSync(join(project, 'parser.ts'), 'export function parse_email_address(input: string): string {\n  return input.trim();\n}\n');
    const check = runCli(project, ['check', 'parser.ts', '--json'], env());
    expect(check.status, check.stderr).toBe(0);
    const findings = JSON.parse(check.stdout).findings as Array<{ ruleId: string; startLine: number; symbol?: string }>;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'ts.naming.function', startLine: 1, symbol: 'parse_email_address' }));
  });

  it('finishes the job after being killed with -9 mid-index, with nothing duplicated', async () => {
    const killed = projectWithGolden(golden);
    const child = startCli(killed, ['index', '--quiet'], env());
    const dbPath = join(killed, '.archangel', 'index.db');
    // Kill as soon as the first batch is committed, well before the run can finish.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (!existsSync(dbPath)) return;
        try {
          const db = new Database(dbPath, { readonly: true });
          const { n } = db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number };
          db.close();
          if (n > 0) {
            clearInterval(timer);
            child.kill('SIGKILL');
            resolve();
          }
        } catch {
          // The writer may be creating the schema: look again shortly.
        }
      }, 10);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the index run finished before it could be killed'));
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));

    const rerun = runCli(killed, ['index', '--json'], env());
    expect(rerun.status, rerun.stderr).toBe(0);
    const resumed = JSON.parse(rerun.stdout).repos[0];
    const fresh = projectWithGolden(golden);
    const clean = JSON.parse(runCli(fresh, ['index', '--json'], env()).stdout).repos[0];
    expect(resumed.files).toBe(clean.files);
    expect(resumed.filesRead).toBeLessThan(clean.filesRead);
    const count = (dir: string) => {
      const db = new Database(join(dir, '.archangel', 'index.db'), { readonly: true });
      const row = db.prepare('SELECT (SELECT count(*) FROM chunks) AS chunks, (SELECT count(*) FROM chunk_vectors) AS vectors').get();
      db.close();
      return row;
    };
    expect(count(killed)).toEqual(count(fresh));
  });

  it('explains a broken archangel.json with the file, the key and exit code 3', () => {
    const project = tempDir();
    writeFileSync(join(project, 'archangel.json'), '{ "golden": [{ "path": ".", "refs": "main" }] }');
    const result = runCli(project, ['index'], env());
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/^error: .*archangel\.json: unknown key "refs"/m);
    expect(result.stderr).toMatch(/^hint: Did you mean "ref"\?/m);
  });

  it('exits 4 and names the repo when a golden repository cannot be read', () => {
    const project = tempDir();
    writeFileSync(join(project, 'archangel.json'), JSON.stringify({ golden: [{ path: './missing' }, { path: golden, name: 'zod' }] }));
    const result = runCli(project, ['index'], env());
    expect(result.status).toBe(4);
    expect(result.stdout).toMatch(/✖ missing .*does not exist/);
    expect(result.stdout).toMatch(/✔ zod /);
  });

  it('says how to build the index when searching before indexing', () => {
    const project = projectWithGolden(golden);
    const result = runCli(project, ['search', 'anything'], env());
    expect(result.status).toBe(5);
    expect(result.stderr).toContain('archangel index');
  });

  it('documents every command with an example in --help', () => {
    for (const command of [['index'], ['search'], ['init'], ['conventions'], ['check'], ['review'], ['ask'], ['hook', 'install'], ['hook', 'uninstall']]) {
      const help = runCli(tempDir(), [...command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/Examples:\n\s+\$ archangel/);
    }
  });

  it('init writes a valid config that lists the repository itself, and ignores .archangel/', () => {
    const repo = createRepo();
    const result = runCli(repo.dir, ['init']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(repo.dir, 'archangel.json'), 'utf8')).golden).toEqual([{ path: '.' }]);
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toContain('.archangel/');
    expect(runCli(repo.dir, ['init']).status).toBe(2);
    expect(result.stdout).toContain('Next: `archangel watch` beside your editor');
  });

  it('init warns about a golden path that does not exist, and writes it all the same', () => {
    const repo = createRepo();
    const result = runCli(repo.dir, ['init', '--golden', '../not-cloned-yet', 'acme/api']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('note: golden path ../not-cloned-yet does not exist yet');
    expect(JSON.parse(readFileSync(join(repo.dir, 'archangel.json'), 'utf8')).golden).toEqual([{ path: '../not-cloned-yet' }, 'acme/api']);
  });
});
