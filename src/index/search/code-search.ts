import type { EmbeddingProvider, TermStats } from '../embed/provider.js';
import type { IndexDb } from '../store/open.js';
import { fileTermCounts, locateChunks, type ChunkLocation } from '../store/read.js';
import { cosine, idf, termCounts, weighTerms, type WeightedTerms } from './code-terms.js';
import { passes, type SearchFilters } from './filters.js';
import { fuseRanks } from './fuse.js';
import { knnSearch } from './knn.js';

/**
 * Postings read to find candidates, rarest query terms first. Reading one costs ~0.3 µs (64 terms
 * held by under 5% of 107k chunks: 44k–104k postings in 5–30 ms); the rarest terms carry most of
 * the weight (IDF squared), so the common ones are left to the rescoring.
 */
const MAX_CANDIDATE_POSTINGS = 20_000;
/**
 * Candidates rescored by cosine: each costs its text, its terms and their counts (~40 µs), and
 * the first 100 by the rare terms' part of the cosine hold nearly all of the best 10.
 */
const RESCORE_POOL = 100;
/**
 * How much a candidate's own chunk counts in its similarity; its whole file counts the rest. The
 * file says what the module around a function is about: on the same-task benchmark, chunk alone,
 * an even blend and file alone gave P@10 1.07x, 1.10x and 1.12x identifier-split BM25 on Python
 * files in simulation (1.00x, 1.03x, 1.04x on hunks; JavaScript and Java +1-2%); measured through
 * the index, the blend took Python from 1.06x to 1.08x (hunks 1.02x to 1.04x). Even, not file
 * alone: golden files are often long modules, where the chunk is what is shown and compared.
 */
const CHUNK_WEIGHT = 0.5;
/**
 * Candidates, best first by their chunk alone, whose files are read and blended in (at least as
 * many as asked for; the review asks for 30). A file costs a parse of its stored counts and an IDF
 * for each of its terms (~0.3 ms for a long module): all 100 candidates' files took 14 of 34 ms CPU
 * per query at 107k chunks. Rosetta P@10, asked for 40, was the same as with all 100 files read.
 */
const FILE_POOL = 30;
/** Candidates located at a time while filters (language, repo, the query's own file) drop some. */
const LOCATE_SLICE = 200;
/** Candidates looked at in all before settling for fewer than the pool. */
const MAX_LOCATED = 4_000;

/** A golden chunk compared with the query code. */
export interface CodeMatch {
  place: ChunkLocation;
  /**
   * TF-IDF cosine with the query, in [0, 1], half the chunk's and half its file's: how comparable
   * the code is (COMPARABLE_SIMILARITY).
   */
  similarity: number;
  /** What the results are ordered by: the similarity, fused with vector ranks for neural embeddings. */
  score: number;
}

/**
 * The golden chunks most like `code`: candidates from the rarest query terms' postings (IDF within
 * the query's languages), then every candidate rescored by the cosine of its whole term set with
 * the query's (code-terms.ts), and the best of them by that blended with their file's. A neural
 * embedding adds its nearest neighbours, fused by reciprocal rank; the local hashed vectors add
 * nothing the terms lack for code (same-task P@10 within ±1%), so they are not asked.
 */
export async function searchCode(
  db: IndexDb,
  embedder: EmbeddingProvider,
  stats: TermStats,
  code: string,
  filters: SearchFilters,
  limit: number,
): Promise<CodeMatch[]> {
  const counts = termCounts(code);
  const family = familyStats(stats, filters.languages);
  const df = family.documentFrequency([...counts.keys()]);
  const query = weighTerms(counts, df, family.documentCount());
  if (query.norm === 0) return [];
  const pool = Math.max(RESCORE_POOL, limit);
  const postings = stats.documentFrequency([...query.weights.keys()]);
  const places = locateFiltered(db, gatherCandidates(db, query, df, postings, family.documentCount()), filters, pool);
  const neighbours: number[] = [];
  if (embedder.info.provider !== 'local') {
    const single = filters.languages?.length === 1 ? filters.languages[0] : undefined;
    const nearest = knnSearch(db, await embedder.embedQuery(code), pool, single).map((r) => r.id);
    const known = new Set(places.map((p) => p.chunkId));
    const extra = locateChunks(db, nearest.filter((id) => !known.has(id)));
    for (const id of nearest) {
      const place = known.has(id) ? places.find((p) => p.chunkId === id) : extra.get(id);
      if (!place || !passes(place, filters)) continue;
      if (!known.has(id)) places.push(place);
      neighbours.push(id);
    }
  }
  const similarity = similarities(query, places, family);
  const shortlist = [...places].sort((a, b) => similarity.get(b.chunkId)! - similarity.get(a.chunkId)!).slice(0, Math.max(FILE_POOL, limit));
  blendFiles(query, shortlist, fileTermCounts(db, shortlist.map((p) => p.chunkId)), family, similarity);
  const byTerms = shortlist.sort((a, b) => similarity.get(b.chunkId)! - similarity.get(a.chunkId)!).filter((p) => similarity.get(p.chunkId)! > 0);
  const scores =
    neighbours.length > 0
      ? fuseRanks([byTerms.map((p) => p.chunkId), neighbours])
      : new Map(byTerms.map((p) => [p.chunkId, similarity.get(p.chunkId)!]));
  return places
    .filter((p) => scores.has(p.chunkId))
    .map((place) => ({ place, similarity: similarity.get(place.chunkId)!, score: scores.get(place.chunkId)! }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/**
 * The term statistics of the languages a query is compared within: a word every JavaScript
 * function uses is no evidence of comparable JavaScript, however rare it is in the Python beside
 * it. Same-task P@10 (bench/code-search.ts), as a multiple of identifier-split BM25, with counts
 * over the whole index and over the family: JavaScript files 1.17 and 1.23, Java files 1.11 and 1.15.
 */
function familyStats(stats: TermStats, languages: readonly string[] | undefined): TermStats {
  return { documentCount: () => stats.documentCount(languages), documentFrequency: (terms) => stats.documentFrequency(terms, languages) };
}

/**
 * Chunk ids holding the query's rarest terms (in its languages), by the part of the cosine those
 * terms give (each chunk's own counts and length are not known yet), best first. Term at a time:
 * FTS5 ranking an OR of 64 terms took 44 ms p50 at 107k chunks; reading their postings here takes
 * 5–15. `postings` counts each term's postings in every language: what reading it costs.
 */
function gatherCandidates(db: IndexDb, query: WeightedTerms, df: ReadonlyMap<string, number>, postings: ReadonlyMap<string, number>, documentCount: number): number[] {
  const read = db.prepare('SELECT rowid FROM chunk_fts WHERE chunk_fts MATCH ?').pluck();
  const rarestFirst = [...query.weights.keys()].sort((a, b) => df.get(a)! - df.get(b)!);
  const partial = new Map<number, number>();
  let cost = 0;
  for (const term of rarestFirst) {
    const frequency = postings.get(term) ?? 0;
    if (cost > 0 && cost + frequency > MAX_CANDIDATE_POSTINGS) break;
    cost += frequency;
    const gain = query.weights.get(term)! * idf(documentCount, df.get(term)!) ** 2;
    for (const id of read.all(`{symbol body} : "${term.replaceAll('"', '""')}"`) as number[]) partial.set(id, (partial.get(id) ?? 0) + gain);
  }
  return [...partial.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

/** The first `wanted` candidates, in order, that pass the filters, located. */
function locateFiltered(db: IndexDb, ranked: number[], filters: SearchFilters, wanted: number): ChunkLocation[] {
  const out: ChunkLocation[] = [];
  for (let from = 0; from < ranked.length && from < MAX_LOCATED && out.length < wanted; from += LOCATE_SLICE) {
    const slice = ranked.slice(from, from + LOCATE_SLICE);
    const places = locateChunks(db, slice);
    for (const id of slice) {
      const place = places.get(id);
      if (place && passes(place, filters)) out.push(place);
      if (out.length === wanted) break;
    }
  }
  return out;
}

/** The cosine of each place's terms with the query's, by chunk id. */
function similarities(query: WeightedTerms, places: ChunkLocation[], stats: TermStats): Map<number, number> {
  const counts = places.map((p) => termCounts(p.text));
  const all = new Set<string>();
  for (const c of counts) for (const term of c.keys()) all.add(term);
  const df = stats.documentFrequency([...all]);
  const n = stats.documentCount();
  return new Map(places.map((p, i) => [p.chunkId, cosine(query, weighTerms(counts[i]!, df, n))]));
}

/**
 * Blends into `similarity` each place's file: the chunk's cosine weighs CHUNK_WEIGHT, the cosine of
 * its whole file's terms (`files`, by chunk id) the rest. A chunk with no file counts stored keeps
 * its own cosine.
 */
function blendFiles(query: WeightedTerms, places: ChunkLocation[], files: Map<number, Map<string, number>>, stats: TermStats, similarity: Map<number, number>): void {
  const all = new Set<string>();
  for (const file of new Set(files.values())) for (const term of file.keys()) all.add(term);
  const df = stats.documentFrequency([...all]);
  const n = stats.documentCount();
  const fileCosine = new Map<Map<string, number>, number>();
  for (const place of places) {
    const file = files.get(place.chunkId);
    if (!file) continue;
    if (!fileCosine.has(file)) fileCosine.set(file, cosine(query, weighTerms(file, df, n)));
    similarity.set(place.chunkId, CHUNK_WEIGHT * similarity.get(place.chunkId)! + (1 - CHUNK_WEIGHT) * fileCosine.get(file)!);
  }
}
