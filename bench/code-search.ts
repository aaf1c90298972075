// Code-to-code search on a same-task benchmark: Rosetta Code solutions in Python, JavaScript (with
// TypeScript) and Java. Every program is a golden document and, in turn, a query (a whole file, or a
// 20-line hunk of it); the relevant results are the other programs of its task. ArchAngel's search,
// through a real index, beside identifier-split BM25 and the other rankers measured, in one run.
// Run: ROSETTA_GIT=<git dir of acmeism/RosettaCodeData> npx tsx bench/code-search.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseConfigText } from '../src/config/validate.js';
import { createEmbeddingProvider } from '../src/index/embed/create.js';
import { openGoldenIndex } from '../src/index/golden-index.js';
import { runIndex } from '../src/index/indexer/run-index.js';
import type { ParsedLanguage } from '../src/index/language.js';
import { COMPARABLE_SIMILARITY } from '../src/index/search/search.js';
import { git } from './lib/corpus.js';
import { bagOf, bm25, fuseRankings, hubnessCorrected, identifierTerms, ranked, rarestTermsOnly, tfidfCosine, tfidfScores, withNeighbours, type Bag } from './lib/rankers.js';
import { terms } from '../src/index/tokens.js';
import { FAMILIES, loadRosetta, ROSETTA_COMMIT, rosettaUsage, type Family, type Program } from './lib/rosetta.js';
import { syntaxFeatures } from './lib/syntax-paths.js';

/** A hunk query: this many lines from the middle of a program (the review queries ~10–30). */
const HUNK_LINES = 20;
/** Programs shorter than this give no hunk query: the hunk would be the whole file. */
const MIN_HUNK_PROGRAM_LINES = 25;
/** Chunks asked of ArchAngel per query, so that 10 distinct programs remain once chunks of one program are merged. */
const CHUNKS_PER_QUERY = 40;
const TOP = 10;
/**
 * A structural rerank of ArchAngel's programs, measured here before paying for a parse of every
 * candidate at query time: each program's similarity plus these weights × the cosine of its
 * call/type/local names and of its node-type paths with the query's (the weights of the in-memory
 * ranker that adds them).
 */
const RERANK_ROLES = 0.2;
const RERANK_PATHS = 0.1;

const gitDir = process.env.ROSETTA_GIT ?? process.argv[2];
if (!gitDir) {
  console.error(rosettaUsage());
  process.exit(2);
}
const commit = process.env.ROSETTA_COMMIT ?? ROSETTA_COMMIT;
const programs = dedupe(loadRosetta(gitDir, commit));

interface Query {
  program: number;
  mode: 'file' | 'hunk';
  text: string;
}
interface Scored {
  p10: number[];
  rr: number[];
  r10: number[];
}

const LANGUAGE: Record<string, ParsedLanguage> = { py: 'python', java: 'java', js: 'javascript', ts: 'typescript' };
const pathOf = (i: number) => `${programs[i]!.family}/p${String(i).padStart(5, '0')}.${programs[i]!.extension}`;

// One golden repo holding every language, named so no path gives a task away.
const work = mkdtempSync(join(tmpdir(), 'aa-code-search-'));
const repo = join(work, 'golden');
programs.forEach((p, i) => {
  const path = join(repo, pathOf(i));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, p.text.endsWith('\n') ? p.text : `${p.text}\n`);
});
git(repo, 'init', '-q');
git(repo, 'add', '-A');
git(repo, '-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-qm', 'rosetta');
const config = parseConfigText(JSON.stringify({ golden: [{ path: repo, name: 'rosetta' }] }), 'bench');
const indexPath = join(work, 'index.db');
await runIndex({ config, root: work, indexPath, cacheDir: join(work, 'cache'), embedder: createEmbeddingProvider(config.embeddings, {}) });
const index = openGoldenIndex(indexPath, config);
const programOfPath = new Map(programs.map((_, i) => [pathOf(i), i]));

const rows: Array<{ family: Family; mode: string; queries: number; ceiling: number; rankers: Map<string, Scored> }> = [];
const signal: Array<{ similarity: number; relevant: boolean }> = [];
let searchMs = 0;
let searches = 0;

console.log(`# Code-to-code search, same-task benchmark (Rosetta Code at ${commit.slice(0, 10)})\n`);
for (const family of FAMILIES) {
  const members = programs.map((p, i) => ({ p, i })).filter(({ p }) => p.family === family);
  const taskSize = new Map<string, number>();
  for (const { p } of members) taskSize.set(p.task, (taskSize.get(p.task) ?? 0) + 1);
  const bags = members.map(({ p }) => identifierTerms(p.text));
  const syntax = await Promise.all(members.map(({ p }) => syntaxFeatures(p.text, LANGUAGE[p.extension]!)));
  const rankers: Record<string, (q: Query, bag: Bag, features: { paths: Bag; roles: Bag }) => number[]> = {
    'BM25, identifier-split (the yardstick)': (_q, bag) => plainBm25(bag),
    'BM25, identifier-split, each query term once': (_q, bag) => uniqueBm25(bag),
    'BM25 of the 24 rarest terms under 1% (the old code query)': (_q, bag) => rarestBm25(bag),
    'BM25, identifier-split, 1 + log query counts, IDF²': (_q, bag) => logIdf2Bm25(bag),
    'TF-IDF² cosine, whole programs': (_q, bag) => cosine([bag]),
    'RRF of that BM25 and the TF-IDF² cosine': (_q, bag) => fuseRankings([logIdf2Bm25(bag), cosine([bag])]),
    'TF-IDF² cosine + identifier bigrams': (q, bag) => ranked(withBigrams([bag, bigrams(q.text)])),
    'TF-IDF² cosine + its 3 best documents’ neighbours': (q, bag) => ranked(withNeighbours(cosineScores([bag]), (d) => cosineScores([bags[d]!]), memberOf.get(q.program)!, 3, 0.5)),
    'TF-IDF² cosine, hubness-corrected (CSLS, k = 10)': (_q, bag) => ranked(csls(cosineScores([bag]))),
    'TF-IDF² cosine + call/type/local roles + node-type paths': (_q, bag, f) => withSyntax([bag, f.roles, f.paths]),
  };
  const plainBm25 = bm25(bags);
  const uniqueBm25 = bm25(bags, { uniqueTerms: true });
  const rarestBm25 = bm25(bags, { uniqueTerms: true, keep: rarestTermsOnly });
  const logIdf2Bm25 = bm25(bags, { logQueryCounts: true, idfPower: 2 });
  const structure = tfidfScores([
    { docs: syntax.map((s) => s.roles), weight: RERANK_ROLES, power: 2 },
    { docs: syntax.map((s) => s.paths), weight: RERANK_PATHS, power: 1 },
  ]);
  const memberOf = new Map(members.map(({ i }, d) => [i, d]));
  const cosine = tfidfCosine([{ docs: bags, weight: 1, power: 2 }]);
  const cosineScores = tfidfScores([{ docs: bags, weight: 1, power: 2 }]);
  const withBigrams = tfidfScores([
    { docs: bags, weight: 1, power: 2 },
    { docs: members.map(({ p }) => bigrams(p.text)), weight: 0.3, power: 2 },
  ]);
  const csls = hubnessCorrected(bags.length, (d) => cosineScores([bags[d]!]), 10);
  const withSyntax = tfidfCosine([
    { docs: bags, weight: 1, power: 2 },
    { docs: syntax.map((s) => s.roles), weight: 0.2, power: 2 },
    { docs: syntax.map((s) => s.paths), weight: 0.1, power: 1 },
  ]);
  for (const mode of ['file', 'hunk'] as const) {
    const queries: Query[] = [];
    for (const { p, i } of members) {
      const text = mode === 'file' ? p.text : hunkOf(p.text);
      if (text !== undefined) queries.push({ program: i, mode, text });
    }
    const scored = new Map<string, Scored>();
    const add = (name: string, q: Query, top: number[]) => {
      const relevant = taskSize.get(programs[q.program]!.task)! - 1;
      const hits = top.slice(0, TOP).map((i) => programs[i]!.task === programs[q.program]!.task);
      const s = scored.get(name) ?? { p10: [], rr: [], r10: [] };
      const first = hits.indexOf(true);
      s.p10.push(hits.filter(Boolean).length / TOP);
      s.rr.push(first < 0 ? 0 : 1 / (first + 1));
      s.r10.push(hits.filter(Boolean).length / Math.min(relevant, TOP));
      scored.set(name, s);
    };
    let ceiling = 0;
    let counted = 0;
    for (const q of queries) {
      const hasSiblings = taskSize.get(programs[q.program]!.task)! > 1;
      const own = programs[q.program]!;
      const started = performance.now();
      const results = await index.search({ kind: 'code', code: q.text, language: LANGUAGE[own.extension] }, { limit: CHUNKS_PER_QUERY, excludePath: pathOf(q.program) });
      searchMs += performance.now() - started;
      searches++;
      // One line per program, at its best chunk's rank.
      const similarity = new Map<number, number>();
      const ours: number[] = [];
      for (const r of results) {
        const i = programOfPath.get(r.path)!;
        if (similarity.has(i)) continue;
        similarity.set(i, r.similarity ?? 0);
        ours.push(i);
        if (ours.length <= TOP) signal.push({ similarity: r.similarity ?? 0, relevant: programs[i]!.task === own.task });
      }
      if (!hasSiblings) continue;
      counted++;
      ceiling += Math.min(taskSize.get(own.task)! - 1, TOP) / TOP;
      add('ArchAngel search --file', q, ours);
      const bag = identifierTerms(q.text);
      const features = q.mode === 'file' ? syntax[memberOf.get(q.program)!]! : await syntaxFeatures(q.text, LANGUAGE[own.extension]!);
      const shape = structure([features.roles, features.paths]);
      const reranked = [...ours].sort((a, b) => similarity.get(b)! + shape[memberOf.get(b)!]! - (similarity.get(a)! + shape[memberOf.get(a)!]!));
      add(`ArchAngel, its ${CHUNKS_PER_QUERY} chunks reranked by call/type/local roles and node-type paths`, q, reranked);
      for (const [name, rank] of Object.entries(rankers)) add(name, q, rank(q, bag, features).map((d) => members[d]!.i).filter((i) => i !== q.program));
    }
    rows.push({ family, mode, queries: counted, ceiling: ceiling / counted, rankers: scored });
  }
}
index.close();

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
console.log(`Corpus: ${programs.length} programs (identical copies removed); ${FAMILIES.map((f) => `${f} ${programs.filter((p) => p.family === f).length} programs in ${new Set(programs.filter((p) => p.family === f).map((p) => p.task)).size} tasks`).join(', ')}.`);
console.log(`Queries: programs whose task has another program in their language; hunks are the middle ${HUNK_LINES} lines of programs of ${MIN_HUNK_PROGRAM_LINES}+ lines. P@10 is over distinct programs; "ceiling" is the best P@10 possible.\n`);
for (const row of rows) {
  const yardstick = mean(row.rankers.get('BM25, identifier-split (the yardstick)')!.p10);
  console.log(`## ${row.family}, ${row.mode} queries: ${row.queries} (ceiling P@10 ${row.ceiling.toFixed(3)})\n`);
  console.log('| ranker | P@10 | × BM25 | MRR | R@10 |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, s] of row.rankers) {
    console.log(`| ${name} | ${mean(s.p10).toFixed(3)} | ${(mean(s.p10) / yardstick).toFixed(2)} | ${mean(s.rr).toFixed(3)} | ${mean(s.r10).toFixed(3)} |`);
  }
  console.log('');
}

// The comparability signal: of the top-10 programs (every query, those with no sibling too), how
// many at or above a similarity are of the query's task.
const relevantTotal = signal.filter((s) => s.relevant).length;
console.log(`## Comparability: results at or above a similarity that are of the query's task (top ${TOP}, all queries)\n`);
console.log('| similarity ≥ | results | precision | recall |');
console.log('| --- | --- | --- | --- |');
for (const threshold of [0.1, 0.2, 0.3, COMPARABLE_SIMILARITY, 0.5].sort((a, b) => a - b).filter((t, i, all) => all.indexOf(t) === i)) {
  const above = signal.filter((s) => s.similarity >= threshold);
  const right = above.filter((s) => s.relevant).length;
  const mark = threshold === COMPARABLE_SIMILARITY ? ' (COMPARABLE_SIMILARITY)' : '';
  console.log(`| ${threshold}${mark} | ${above.length} | ${(right / Math.max(1, above.length)).toFixed(2)} | ${(right / Math.max(1, relevantTotal)).toFixed(2)} |`);
}
console.log(`\nArchAngel: ${(searchMs / searches).toFixed(1)} ms per code query over ${searches} queries (index of ${programs.length} programs).`);
rmSync(work, { recursive: true, force: true });

/** Adjacent identifier-split terms, as one feature each. */
function bigrams(text: string): Bag {
  const sequence = terms(text);
  return bagOf(sequence.slice(1).map((term, i) => `${sequence[i]} ${term}`));
}

function hunkOf(text: string): string | undefined {
  const lines = text.split('\n');
  if (lines.length < MIN_HUNK_PROGRAM_LINES) return undefined;
  const start = Math.floor((lines.length - HUNK_LINES) / 2);
  return lines.slice(start, start + HUNK_LINES).join('\n');
}

/** Identical programs filed twice under one task would count as free hits: keep the first. */
function dedupe(all: Program[]): Program[] {
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = `${p.family}\n${p.text.trim()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
