// Index throughput on a large real repository, no-op re-index, and peak RSS.
// Run: npx tsx bench/index-throughput.ts [--max-files N]
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../src/config/validate.js';
import { createEmbeddingProvider } from '../src/index/embed/create.js';
import { conventionsObserver } from '../src/conventions/learn.js';
import { runIndex, type IndexSummary } from '../src/index/indexer/run-index.js';
import { buildNodeModulesCorpus, git, ioFloorSeconds } from './lib/corpus.js';

const maxFiles = Number(process.argv[process.argv.indexOf('--max-files') + 1]) || Infinity;
const corpus = buildNodeModulesCorpus({ maxFiles });
const work = mkdtempSync(join(tmpdir(), 'aa-bench-index-'));
const indexPath = join(work, 'index.db');
const config = parseConfigText(JSON.stringify({ golden: [{ path: corpus.dir, name: 'corpus' }] }), 'bench');

async function index(): Promise<IndexSummary> {
  return runIndex({ config, root: work, indexPath, cacheDir: join(work, 'cache'), embedder: createEmbeddingProvider(config.embeddings, {}), observer: conventionsObserver });
}

const floor = ioFloorSeconds(corpus.dir);
const first = await index();
const repo = first.repos[0]!;
const rssAfterFirst = process.resourceUsage().maxRSS / 1024;
const noop = await index();
// A new commit touching one file: the whole tree is listed again, but only one blob is read.
appendFileSync(join(corpus.dir, 'pkgs', 'touched.js'), 'export const touched = 1;\n');
git(corpus.dir, 'add', '-A');
git(corpus.dir, '-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-qm', 'touch');
const oneChange = await index();

const mb = corpus.bytes / 1e6;
console.log(`# Index throughput (${corpus.files} files, ${mb.toFixed(1)} MB of JS/TS from node_modules)\n`);
console.log('| measure | figure |');
console.log('| --- | --- |');
console.log(`| first index | ${first.seconds.toFixed(2)} s: ${(corpus.files / first.seconds).toFixed(0)} files/s, ${(mb / first.seconds).toFixed(1)} MB/s (target ≥ 1,000 files/s) |`);
console.log(`| I/O floor (git ls-files \\| xargs cat) | ${floor.toFixed(2)} s: index takes ${(first.seconds / floor).toFixed(1)}x the floor |`);
console.log(`| files indexed / chunks | ${repo.files} / ${repo.chunksAdded} (skipped: ${JSON.stringify(repo.skipped)}) |`);
console.log(`| no-op re-index (same commit) | ${noop.seconds.toFixed(3)} s (target < 2 s) |`);
console.log(`| re-index after a one-file commit | ${oneChange.seconds.toFixed(3)} s, ${oneChange.repos[0]!.filesRead} file(s) read |`);
console.log(`| peak RSS | ${rssAfterFirst.toFixed(0)} MB |`);

rmSync(work, { recursive: true, force: true });
rmSync(corpus.dir, { recursive: true, force: true });
