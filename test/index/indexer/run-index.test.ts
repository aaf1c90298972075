import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { ArchangelError } from '../../../src/errors/archangel-error.js';
import { createEmbeddingProvider } from '../../../src/index/embed/create.js';
import { openGoldenIndex } from '../../../src/index/golden-index.js';
import { runIndex, type IndexOptions } from '../../../src/index/indexer/run-index.js';
import { acquireIndexLock } from '../../../src/index/store/lock.js';
import { terms } from '../../../src/index/tokens.js';
import { commitAll, makeGoldenRepo, writeFiles } from '../../helpers/corpus.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aa-index-'));
  dirs.push(dir);
  return dir;
}

function options(work: string, golden: unknown[], extra: Partial<IndexOptions> = {}): IndexOptions {
  const config = parseConfigText(JSON.stringify({ golden }), 'test');
  return {
    config,
    root: work,
    indexPath: join(work, '.archangel', 'index.db'),
    cacheDir: join(work, 'cache'),
    embedder: createEmbeddingProvider(config.embeddings, {}),
    ...extra,
  };
}

describe('archangel index on a real repository with awkward files', () => {
  let golden: string;
  let work: string;

  beforeAll(() => {
    golden = makeGoldenRepo({
      'lib/command.js': { from: 'commander/lib/command.js' },
      'lib/help.js': { from: 'commander/lib/help.js' },
      'lib/option.js': { from: 'commander/lib/option.js' },
      'assets/logo.png': { text: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]) },
      'lib/huge.js': { text: `// generated-ish\n${'const x = 1;\n'.repeat(1_700_000)}` },
      'lib/app.min.js': { text: `var a=${'1+'.repeat(6000)}1;function b(){return a}` },
      'lib/latin1.js': { text: Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\nconst x = 1;\n')]) },
      'package-lock.json': { text: '{}' },
      'vendor/lib.js': { text: 'function vendored() {}\n' },
      '.gitignore': { text: 'ignored/\n' },
    });
    symlinkSync('loop-b', join(golden, 'loop-a'));
    symlinkSync('loop-a', join(golden, 'loop-b'));
    writeFiles(golden, { 'ignored/forced.js': { text: 'function forced() {}\n' } });
    execFileSync('git', ['add', '-f', 'ignored/forced.js'], { cwd: golden });
    commitAll(golden, 'awkward files');
    // A file ignored by .gitignore but force-added is tracked; the repo's own ignore rules still apply.
    work = workspace();
  }, 60_000);

  it('indexes the code, counts each skipped file by reason, and finds functions by words', async () => {
    const summary = await runIndex(options(work, [{ path: golden, name: 'cmdr' }]));
    const repo = summary.repos[0]!;
    expect(repo.status).toBe('indexed');
    expect(repo.files).toBe(3);
    expect(repo.skipped).toMatchObject({ symlink: 2, 'too-large': 1, minified: 1, 'not-utf8': 1, lockfile: 1, vendored: 1, gitignored: 1 });
    // The PNG has no source extension and .gitignore is not code: both are left out by name.
    expect(repo.skipped['not-source']).toBe(2);
    expect(repo.chunksAdded).toBeGreaterThan(20);

    const index = openGoldenIndex(options(work, []).indexPath, options(work, []).config);
    try {
      const results = await index.search({ kind: 'text', text: 'suggest similar command for unknown option' }, { limit: 5 });
      expect(results.length).toBeGreaterThan(0);
      expect(results[0]!.repo).toBe('cmdr');
      expect(results.some((r) => /unknownOption|unknownCommand|suggest/i.test(r.text))).toBe(true);
      for (const r of results) expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      index.close();
    }
  });

  it('skips everything on a re-run of the same commit', async () => {
    const summary = await runIndex(options(work, [{ path: golden, name: 'cmdr' }]));
    expect(summary.repos[0]).toMatchObject({ status: 'unchanged', files: 3, filesRead: 0 });
  });

  it('reads only the changed file after a new commit, and forgets the old version', async () => {
    writeFiles(golden, { 'lib/option.js': { text: 'export function renamedOptionParser(flags) {\n  return flags.split(/[ ,|]+/);\n}\n' } });
    commitAll(golden, 'change one file');
    const summary = await runIndex(options(work, [{ path: golden, name: 'cmdr' }]));
    expect(summary.repos[0]).toMatchObject({ status: 'indexed', files: 3, filesRead: 1 });
    expect(summary.droppedBlobs).toBe(1);
    const index = openGoldenIndex(options(work, []).indexPath, options(work, []).config);
    try {
      const hits = await index.search({ kind: 'text', text: 'renamedOptionParser' }, { limit: 3 });
      expect(hits[0]?.path).toBe('lib/option.js');
      expect(hits[0]?.text).toContain('renamedOptionParser');
    } finally {
      index.close();
    }
  });

  it('keeps per-term document counts equal to a recount after changes and garbage collection', () => {
    const index = openGoldenIndex(options(work, []).indexPath, options(work, []).config);
    try {
      const expected = new Map<string, number>();
      for (const row of index.db.prepare('SELECT symbol, text FROM chunks').all() as Array<{ symbol: string | null; text: string }>) {
        for (const term of new Set([...(row.symbol ? terms(row.symbol) : []), ...terms(row.text)])) expected.set(term, (expected.get(term) ?? 0) + 1);
      }
      const stored = new Map((index.db.prepare('SELECT term, df FROM term_df').all() as Array<{ term: string; df: number }>).map((r) => [r.term, r.df]));
      expect(stored.size).toBeGreaterThan(100);
      expect(stored).toEqual(expected);
    } finally {
      index.close();
    }
  });

  it('reports a missing golden path and still indexes the others', async () => {
    const other = workspace();
    const summary = await runIndex(options(other, [{ path: join(other, 'nope') }, { path: golden, name: 'cmdr' }]));
    expect(summary.repos.map((r) => r.status)).toEqual(['failed', 'indexed']);
    expect(summary.repos[0]!.error?.message).toMatch(/does not exist/);
    expect(summary.repos[0]!.error?.hint).toBeTruthy();
  });

  it('refuses to run while another index run holds the lock', async () => {
    const other = workspace();
    const opts = options(other, [{ path: golden }]);
    const lock = acquireIndexLock(opts.indexPath);
    try {
      await expect(runIndex(opts)).rejects.toMatchObject({ code: 'INDEX_LOCKED' });
    } finally {
      lock.release();
    }
  });

  it('explains a damaged index file, and --rebuild keeps it as a backup', async () => {
    const other = workspace();
    const opts = options(other, [{ path: golden, name: 'cmdr' }]);
    await runIndex(opts);
    writeFileSync(opts.indexPath, 'this is not a database '.repeat(500));
    rmSync(`${opts.indexPath}-wal`, { force: true });
    rmSync(`${opts.indexPath}-shm`, { force: true });
    const error = await runIndex(opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchangelError);
    expect((error as ArchangelError).code).toBe('INDEX_CORRUPT');
    expect((error as ArchangelError).hint).toContain('--rebuild');
    const rebuilt = await runIndex({ ...opts, rebuild: true });
    expect(rebuilt.repos[0]!.status).toBe('indexed');
    expect(readdirSync(join(other, '.archangel')).some((f) => f.startsWith('index.db.bak-'))).toBe(true);
    expect(existsSync(opts.indexPath)).toBe(true);
  });
});
