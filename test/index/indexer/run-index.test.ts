import { readFileSync, rmSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/validate.js';
import { ArchangelError } from '../../../src/errors/archangel-error.js';
import { createEmbeddingProvider } from '../../../src/index/embed/create.js';
import { openGoldenIndex } from '../../../src/index/golden-index.js';
import { runIndex, type IndexOptions } from '../../../src/index/indexer/run-index.js';
import { acquireIndexLock } from '../../../src/index/store/lock.js';
import { terms } from '../../../src/index/tokens.js';
import { fromNodeModules } from '../../helpers/corpus.js';
import { embeddingsFor, sendJson, startLoopback } from '../../helpers/loopback.js';
import { createRepo, removeTempDirs, tempDir, type TestRepo } from '../../helpers/git.js';

afterAll(removeTempDirs);
const workspace = () => tempDir();

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
  let repo: TestRepo;
  let golden: string;
  let work: string;

  beforeAll(() => {
    repo = createRepo();
    golden = repo.dir;
    repo.commit('real code and awkward files', {
      'lib/command.js': fromNodeModules('commander/lib/command.js'),
      'lib/help.js': fromNodeModules('commander/lib/help.js'),
      'lib/option.js': fromNodeModules('commander/lib/option.js'),
      'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]),
      'lib/huge.js': `// generated-ish\n${'const x = 1;\n'.repeat(1_700_000)}`,
      'lib/app.min.js': `var a=${'1+'.repeat(6000)}1;function b(){return a}`,
      'lib/latin1.js': Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\nconst x = 1;\n')]),
      'package-lock.json': '{}',
      'vendor/lib.js': 'function vendored() {}\n',
      '.gitignore': 'ignored/\n',
    });
    symlinkSync('loop-b', join(golden, 'loop-a'));
    symlinkSync('loop-a', join(golden, 'loop-b'));
    repo.write({ 'ignored/forced.js': 'function forced() {}\n' });
    repo.git('add', '-f', 'ignored/forced.js');
    repo.commit('symlink loop and a force-added ignored file');
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

  it('publishes a renamed source again, reading nothing, so citations carry the new name', async () => {
    const renamed = await runIndex(options(work, [{ path: golden, name: 'commander' }]));
    expect(renamed.repos[0]).toMatchObject({ repo: 'commander', status: 'indexed', files: 3, filesRead: 0 });
    const index = openGoldenIndex(options(work, []).indexPath, options(work, []).config);
    try {
      expect((await index.search({ kind: 'text', text: 'option' }, { limit: 1 }))[0]?.repo).toBe('commander');
    } finally {
      index.close();
    }
    expect((await runIndex(options(work, [{ path: golden, name: 'cmdr' }]))).repos[0]).toMatchObject({ repo: 'cmdr', status: 'indexed', filesRead: 0 });
  });

  it('reads only the changed file after a new commit, and forgets the old version', async () => {
    repo.commit('change one file', { 'lib/option.js': 'export function renamedOptionParser(flags) {\n  return flags.split(/[ ,|]+/);\n}\n' });
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

  it('keeps per-language term and chunk counts equal to a recount after changes and garbage collection', () => {
    const index = openGoldenIndex(options(work, []).indexPath, options(work, []).config);
    try {
      const expected = new Map<string, number>();
      const chunks = new Map<string, number>();
      const rows = index.db.prepare('SELECT c.symbol, c.text, b.language FROM chunks c JOIN blobs b ON b.sha = c.blob_sha').all() as Array<{ symbol: string | null; text: string; language: string }>;
      for (const row of rows) {
        chunks.set(row.language, (chunks.get(row.language) ?? 0) + 1);
        for (const term of new Set([...(row.symbol ? terms(row.symbol) : []), ...terms(row.text)])) expected.set(`${row.language} ${term}`, (expected.get(`${row.language} ${term}`) ?? 0) + 1);
      }
      const stored = new Map((index.db.prepare('SELECT term, language, df FROM term_df').all() as Array<{ term: string; language: string; df: number }>).map((r) => [`${r.language} ${r.term}`, r.df]));
      expect(stored.size).toBeGreaterThan(100);
      expect(stored).toEqual(expected);
      expect(new Map((index.db.prepare('SELECT language, chunks FROM language_chunks').all() as Array<{ language: string; chunks: number }>).map((r) => [r.language, r.chunks]))).toEqual(chunks);
    } finally {
      index.close();
    }
  });

  it('upgrades an index of the first schema by deriving every file again, with a notice', async () => {
    const other = workspace();
    const opts = options(other, [{ path: golden, name: 'cmdr' }]);
    const first = await runIndex(opts);
    // What the previous ArchAngel left: one count per term over all languages, no file terms, pipeline 1.
    const old = new Database(opts.indexPath);
    old.exec(`DROP TABLE language_chunks; DROP TABLE term_df; CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID; ALTER TABLE blobs DROP COLUMN terms;
      UPDATE meta SET value = '1' WHERE key = 'schema_version'; UPDATE meta SET value = '1/none' WHERE key = 'pipeline_version';`);
    old.close();
    const notices: string[] = [];
    const summary = await runIndex({ ...opts, onEvent: (e) => e.type === 'notice' && notices.push(e.message) });
    expect(notices.join('\n')).toMatch(/reads code differently/);
    expect(summary.repos[0]).toMatchObject({ status: 'indexed', filesRead: first.repos[0]!.filesRead });
    const index = openGoldenIndex(opts.indexPath, opts.config);
    try {
      expect(index.db.prepare("SELECT chunks FROM language_chunks WHERE language = 'javascript'").pluck().get()).toBe(index.db.prepare('SELECT count(*) FROM chunks').pluck().get());
      expect((await index.search({ kind: 'code', code: fromNodeModules('commander/lib/help.js').toString('utf8'), language: 'javascript' }, { limit: 1 }))[0]?.path).toBe('lib/help.js');
    } finally {
      index.close();
    }
  });

  it('re-embeds every chunk, with a notice, when the embedding provider changes', async () => {
    const server = await startLoopback((request, response) => sendJson(response, 200, embeddingsFor(request.body.input, 8)));
    try {
      const other = workspace();
      const local = options(other, [{ path: golden, name: 'cmdr' }]);
      await runIndex(local);
      const config = parseConfigText(JSON.stringify({ golden: [{ path: golden, name: 'cmdr' }], embeddings: { provider: 'openai-compatible', baseUrl: server.baseUrl, model: 'tiny', dimensions: 8 } }), 'test');
      const notices: string[] = [];
      const summary = await runIndex({
        ...local,
        config,
        embedder: createEmbeddingProvider(config.embeddings, { env: { ARCHANGEL_EMBEDDINGS_API_KEY: 'k' } }),
        onEvent: (e) => e.type === 'notice' && notices.push(e.message),
      });
      expect(notices.join('\n')).toMatch(/embedding model changed from local\/hashed-features-v1 .* to openai-compatible\/tiny \(8 dimensions\)/);
      expect(summary.embedding).toEqual({ provider: 'openai-compatible', model: 'tiny', dimensions: 8 });
      const index = openGoldenIndex(local.indexPath, config, { ARCHANGEL_EMBEDDINGS_API_KEY: 'k' });
      try {
        const counts = index.db.prepare('SELECT (SELECT count(*) FROM chunks) AS chunks, (SELECT count(*) FROM chunk_vectors) AS codes, (SELECT count(*) FROM chunk_vec) AS bits').get() as Record<string, number>;
        expect(counts.codes).toBe(counts.chunks);
        expect(counts.bits).toBe(counts.chunks);
        expect((await index.search({ kind: 'text', text: 'help' }, { limit: 3 })).length).toBe(3);
      } finally {
        index.close();
      }
    } finally {
      await server.close();
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

  it('explains a damaged index file, and --rebuild keeps it as the one backup', async () => {
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
    expect(readFileSync(`${opts.indexPath}.bak`, 'utf8')).toContain('this is not a database');
    await runIndex({ ...opts, rebuild: true });
    expect(readdirSync(join(other, '.archangel')).sort()).toEqual(['index.db', 'index.db.bak']);
  });
});
