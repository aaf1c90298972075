// Local (non-neural) embedding speed on real code: MB/s on one core.
// Run: npx tsx bench/embed-local.ts
import { readFileSync } from 'node:fs';
import { createEmbeddingProvider } from '../src/index/embed/create.js';
import { buildNodeModulesCorpus, git } from './lib/corpus.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const corpus = buildNodeModulesCorpus({ maxFiles: 800 });
const files = git(corpus.dir, 'ls-files').split('\n').filter(Boolean);
// 60-line windows: about the size of the chunks the indexer embeds.
const texts: string[] = [];
for (const f of files) {
  const lines = readFileSync(join(corpus.dir, f), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i += 60) texts.push(lines.slice(i, i + 60).join('\n'));
}
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
const provider = createEmbeddingProvider({ provider: 'local' }, {});
await provider.embedDocuments(texts.slice(0, 200));
const started = performance.now();
await provider.embedDocuments(texts);
const seconds = (performance.now() - started) / 1000;
console.log(`local embedding: ${texts.length} chunks, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${(bytes / 1e6 / seconds).toFixed(1)} MB/s, ${(texts.length / seconds).toFixed(0)} chunks/s`);
rmSync(corpus.dir, { recursive: true, force: true });
