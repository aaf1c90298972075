// Time for `archangel docs` to write both documents for the large benchmark repository, offline.
// Run: npx tsx bench/docs.ts [--max-files N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../src/config/validate.js';
import { conventionsObserver } from '../src/conventions/learn.js';
import { runDocs } from '../src/docs/run-docs.js';
import { createEmbeddingProvider } from '../src/index/embed/create.js';
import { runIndex } from '../src/index/indexer/run-index.js';
import { buildNodeModulesCorpus } from './lib/corpus.js';

const maxFiles = Number(process.argv[process.argv.indexOf('--max-files') + 1]) || Infinity;
const corpus = buildNodeModulesCorpus({ maxFiles });
const work = mkdtempSync(join(tmpdir(), 'aa-bench-docs-'));
const config = parseConfigText(JSON.stringify({ golden: [{ path: corpus.dir, name: 'corpus' }] }), 'bench');
const project = { config, file: join(work, 'archangel.json'), root: work, indexPath: join(work, 'index.db'), stateDir: join(work, '.archangel') };
await runIndex({ config, root: work, indexPath: project.indexPath, cacheDir: join(work, 'cache'), embedder: createEmbeddingProvider(config.embeddings, {}), observer: conventionsObserver });

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

const base = { project, outDir: join(work, 'docs'), cacheDir: join(work, 'cache'), offline: true };
const both = await timed(() => runDocs(base));
const again = await timed(() => runDocs(base));
const check = await timed(() => runDocs({ ...base, check: true }));
const style = await timed(() => runDocs({ ...base, outDir: join(work, 'style'), only: 'style' }));
const rss = process.resourceUsage().maxRSS / 1024;

console.log(`# archangel docs (${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB of JS/TS from node_modules, offline)\n`);
console.log('| measure | figure |');
console.log('| --- | --- |');
console.log(`| both documents, first write | ${both.toFixed(2)} s: ${(corpus.files / both).toFixed(0)} files/s |`);
console.log(`| both documents, nothing changed | ${again.toFixed(2)} s |`);
console.log(`| --check | ${check.toFixed(2)} s |`);
console.log(`| style guide only | ${style.toFixed(2)} s |`);
console.log(`| peak RSS (index included) | ${rss.toFixed(0)} MB |`);

rmSync(work, { recursive: true, force: true });
rmSync(corpus.dir, { recursive: true, force: true });
