// Query latency p50/p95 for text and code queries at ~100k chunks, with the CPU time each query
// took (what a loaded, shared machine inflates least) and the load average while they ran.
// Run: npx tsx bench/query-latency.ts
import Database from 'better-sqlite3';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../src/config/validate.js';
import { createEmbeddingProvider } from '../src/index/embed/create.js';
import { openGoldenIndex } from '../src/index/golden-index.js';
import { runIndex } from '../src/index/indexer/run-index.js';
import type { Language } from '../src/index/language.js';
import { buildNodeModulesCorpus, git, percentile } from './lib/corpus.js';

const TARGET_CHUNKS = 100_000;
const TEXT_QUERIES = [
  'retry http request with backoff', 'parse command line options', 'read a file and split lines', 'escape html entities',
  'format a date as iso string', 'deep merge two objects', 'validate an email address', 'throw an error with a cause',
  'walk a directory recursively', 'debounce a function', 'compare semantic versions', 'convert camel case to snake case',
  'stream json from stdin', 'hash a string', 'resolve a module path', 'render a react component',
  'create a temporary directory', 'handle process signals', 'sort an array by key', 'cache results in a map',
];

const work = mkdtempSync(join(tmpdir(), 'aa-bench-query-'));
const indexPath = join(work, 'index.db');
const corpora = [buildNodeModulesCorpus()];
const config = () =>
  parseConfigText(JSON.stringify({ golden: corpora.map((c, i) => ({ path: c.dir, name: `corpus${i}` })) }), 'bench');
const summary = await runIndex({ config: config(), root: work, indexPath, cacheDir: join(work, 'cache'), embedder: createEmbeddingProvider({ provider: 'local' }, {}) });
let chunks = summary.repos.reduce((s, r) => s + r.chunksAdded, 0);
// One copy of node_modules is not always 100k chunks: add copies whose blobs differ by a line,
// sized from the chunks-per-file seen so far so the index lands near the target.
while (chunks < TARGET_CHUNKS) {
  const perFile = chunks / corpora.reduce((s, c) => s + c.files, 0);
  const copy = buildNodeModulesCorpus({ maxFiles: Math.ceil((TARGET_CHUNKS - chunks) / perFile) + 50 });
  git(copy.dir, 'ls-files', '-z')
    .split('\0')
    .filter(Boolean)
    .forEach((f) => appendFileSync(join(copy.dir, f), `\n// copy ${corpora.length}\n`));
  git(copy.dir, 'add', '-A');
  git(copy.dir, '-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-qm', 'copy');
  corpora.push(copy);
  await runIndex({ config: config(), root: work, indexPath, cacheDir: join(work, 'cache'), embedder: createEmbeddingProvider({ provider: 'local' }, {}) });
  chunks = countChunks();
}

function countChunks(): number {
  const db = new Database(indexPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const index = openGoldenIndex(indexPath, config());
const total = (index.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
const samples = index.db
  .prepare('SELECT c.text, b.language FROM chunks c JOIN blobs b ON b.sha = c.blob_sha WHERE length(c.text) > 400 ORDER BY random() LIMIT 100')
  .all() as Array<{ text: string; language: Language }>;

interface Timings {
  wall: number[];
  cpu: number[];
}
const timings = (): Timings => ({ wall: [], cpu: [] });
async function time(into: Timings, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  into.wall.push(performance.now() - started);
  into.cpu.push((used.user + used.system) / 1000);
}
const loadBefore = loadavg()[0]!;
const cpus = availableParallelism();
for (const q of TEXT_QUERIES.slice(0, 3)) await index.search({ kind: 'text', text: q }, { limit: 10 }); // warm-up
const text = timings();
for (let round = 0; round < 5; round++) for (const q of TEXT_QUERIES) await time(text, () => index.search({ kind: 'text', text: q }, { limit: 10 }));
const code = timings();
for (const s of samples) await time(code, () => index.search({ kind: 'code', code: s.text, language: s.language }, { limit: 10 }));
const filtered = timings();
for (const q of TEXT_QUERIES) await time(filtered, () => index.search({ kind: 'text', text: q }, { limit: 10, language: 'typescript' }));
index.close();

console.log(`# Query latency at ${total} chunks (load average ${loadBefore.toFixed(1)} before the queries, ${loadavg()[0]!.toFixed(1)} after, on ${cpus} cores)\n`);
console.log('| query | n | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, t] of [['text', text], ['code (a 400+ char chunk)', code], ['text, --lang typescript', filtered]] as const) {
  const figures = [percentile(t.wall, 50), percentile(t.wall, 95), percentile(t.cpu, 50), percentile(t.cpu, 95)].map((v) => v.toFixed(1));
  console.log(`| ${name} | ${t.wall.length} | ${figures.join(' | ')} |`);
}
console.log('\nTargets: p50 under 15 ms for words, under 30 ms for code.');
rmSync(work, { recursive: true, force: true });
for (const c of corpora) rmSync(c.dir, { recursive: true, force: true });
