// Retrieval quality on CoSQA (shared/eval/cosqa-dev.json): our hybrid search against plain BM25
// over identifier-split tokens (and, as the protocol in shared/eval/README.md first had it, over
// whitespace tokens), in the same run.
// Run: npx tsx bench/cosqa.ts
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../src/config/validate.js';
import { createEmbeddingProvider } from '../src/index/embed/create.js';
import { openGoldenIndex } from '../src/index/golden-index.js';
import { runIndex } from '../src/index/indexer/run-index.js';
import { git } from './lib/corpus.js';
import { bm25, bm25f, identifierTerms, bagOf } from './lib/rankers.js';

interface Record {
  idx: string;
  doc: string;
  code: string;
  label: number;
}

// COSQA_JSON points elsewhere when the checkout is not beside shared/ (a worktree).
const records = JSON.parse(readFileSync(process.env.COSQA_JSON ?? new URL('../../shared/eval/cosqa-dev.json', import.meta.url), 'utf8')) as Record[];
const work = mkdtempSync(join(tmpdir(), 'aa-cosqa-'));
const repo = join(work, 'golden');
mkdirSync(join(repo, 'functions'), { recursive: true });
const fileOf = (i: number) => `functions/f${String(i).padStart(4, '0')}.py`;
records.forEach((r, i) => writeFileSync(join(repo, fileOf(i)), r.code.endsWith('\n') ? r.code : `${r.code}\n`));
git(repo, 'init', '-q');
git(repo, 'add', '-A');
git(repo, '-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-qm', 'cosqa');

const config = parseConfigText(JSON.stringify({ golden: [{ path: repo, name: 'cosqa' }] }), 'bench');
const indexPath = join(work, 'index.db');
await runIndex({ config, root: work, indexPath, cacheDir: join(work, 'cache'), embedder: createEmbeddingProvider(config.embeddings, {}) });
const index = openGoldenIndex(indexPath, config);

// Identical code appears under several records: any file with the query's code counts as a hit.
const codeOfPath = new Map(records.map((r, i) => [fileOf(i), r.code]));
const queries = records.map((r, i) => ({ ...r, i })).filter((r) => r.label === 1);
const whitespace = (text: string) => bagOf(text.toLowerCase().split(/\s+/).filter(Boolean));
const identifierBm25 = bm25(records.map((r) => identifierTerms(r.code)));
const whitespaceBm25 = bm25(records.map((r) => whitespace(r.code)));
// Lexical variants measured on the way (none reaches the target; see README): fields weighed apart.
const parts = records.map((r) => pythonFunctionParts(r.code));
const fieldsBm25 = bm25f([
  { docs: parts.map((p) => identifierTerms(p.name)), weight: 3 },
  { docs: parts.map((p) => identifierTerms(p.docstring)), weight: 1 },
  { docs: parts.map((p) => identifierTerms(p.body)), weight: 1 },
]);
const docstringBm25 = bm25(parts.map((p) => identifierTerms(p.docstring)));

const ours: number[] = [];
const baseline: number[] = [];
const weakBaseline: number[] = [];
const fields: number[] = [];
const docstrings: number[] = [];
const started = performance.now();
for (const q of queries) {
  const results = await index.search({ kind: 'text', text: q.doc }, { limit: 10 });
  ours.push(results.findIndex((r) => codeOfPath.get(r.path) === q.code) + 1);
  const rankOf = (top: number[]) => top.slice(0, 10).findIndex((doc) => records[doc]!.code === q.code) + 1;
  baseline.push(rankOf(identifierBm25(identifierTerms(q.doc))));
  weakBaseline.push(rankOf(whitespaceBm25(whitespace(q.doc))));
  fields.push(rankOf(fieldsBm25(identifierTerms(q.doc))));
  docstrings.push(rankOf(docstringBm25(identifierTerms(q.doc))));
}
const ms = (performance.now() - started) / queries.length;
index.close();

const metrics = (ranks: number[]) => ({
  mrr: ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / ranks.length,
  r1: ranks.filter((r) => r === 1).length / ranks.length,
  r5: ranks.filter((r) => r > 0 && r <= 5).length / ranks.length,
  r10: ranks.filter((r) => r > 0 && r <= 10).length / ranks.length,
});
const a = metrics(ours);
const b = metrics(baseline);
const w = metrics(weakBaseline);
console.log(`# CoSQA dev: ${queries.length} queries over ${records.length} functions\n`);
console.log('| ranker | MRR@10 | R@1 | R@5 | R@10 |');
console.log('| --- | --- | --- | --- | --- |');
console.log(`| archangel hybrid (local embeddings) | ${a.mrr.toFixed(3)} | ${a.r1.toFixed(3)} | ${a.r5.toFixed(3)} | ${a.r10.toFixed(3)} |`);
console.log(`| plain BM25, identifier-split tokens (the yardstick) | ${b.mrr.toFixed(3)} | ${b.r1.toFixed(3)} | ${b.r5.toFixed(3)} | ${b.r10.toFixed(3)} |`);
console.log(`| plain BM25, whitespace tokens | ${w.mrr.toFixed(3)} | ${w.r1.toFixed(3)} | ${w.r5.toFixed(3)} | ${w.r10.toFixed(3)} |`);
for (const [name, ranks] of [['BM25F, identifier-split: function name ×3, docstring, body', fields], ['BM25, identifier-split, docstring only', docstrings]] as const) {
  const m = metrics(ranks);
  console.log(`| ${name} | ${m.mrr.toFixed(3)} | ${m.r1.toFixed(3)} | ${m.r5.toFixed(3)} | ${m.r10.toFixed(3)} |`);
}
console.log(`\nMRR ratio: ${(a.mrr / b.mrr).toFixed(2)}x identifier-split BM25 (target ≥ 1.2x), ${(a.mrr / w.mrr).toFixed(2)}x whitespace BM25; ${ms.toFixed(1)} ms per query (all rankers)`);
rmSync(work, { recursive: true, force: true });

/** A Python function's name, docstring and the rest, for weighing them apart. */
function pythonFunctionParts(code: string): { name: string; docstring: string; body: string } {
  const docstring = /("""|''')([\s\S]*?)\1/.exec(code);
  return { name: /def\s+(\w+)/.exec(code)?.[1] ?? '', docstring: docstring?.[2] ?? '', body: docstring ? code.replace(docstring[0], '') : code };
}
