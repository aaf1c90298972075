import type { EmbeddingProvider, TermStats } from '../embed/provider.js';
import type { IndexDb } from '../store/open.js';
import { locateChunks, vectorCodes, type ChunkLocation } from '../store/read.js';
import { cosineInt8 } from '../store/vector-codec.js';
import { terms } from '../tokens.js';
import { ftsSearch } from './fts.js';
import { fuseRanks } from './fuse.js';
import { knnSearch, MAX_K } from './knn.js';

/** What to look for: words ("how do we retry http calls") or a piece of code. */
export type SearchQuery = { kind: 'text'; text: string } | { kind: 'code'; code: string };

export interface SearchOptions {
  limit: number;
  /** Only results from this repo (its display name). */
  repo?: string | undefined;
  /** Only results in this language. */
  language?: string | undefined;
  /** Leave out this place (the file a code query came from, when it is itself golden). */
  excludePath?: string | undefined;
}

export interface SearchResult extends ChunkLocation {
  score: number;
}

/**
 * A code query keeps its rarest terms: hundreds of OR-ed common ones only add noise and time.
 * FTS p50 at 125k chunks: 32 terms held by under 5% of chunks 14.7 ms; 24 under 1% ~3 ms.
 */
const MAX_CODE_QUERY_TERMS = 24;
const MAX_CODE_TERM_SHARE = 0.01;
/** Words of a question that say nothing about code ("how do we retry with backoff"). */
const QUESTION_STOPWORDS = new Set(['a', 'an', 'the', 'how', 'do', 'does', 'we', 'i', 'you', 'to', 'of', 'in', 'on', 'with', 'and', 'or', 'is', 'are', 'be', 'it', 'what', 'where', 'which', 'when', 'that', 'there', 'here', 'should', 'can', 'my', 'our', 'us']);
/** Candidates from each ranker per wanted result, before fusion and filters. */
const OVERFETCH = 5;
const MIN_CANDIDATES = 50;
/** Lexical candidates the local vectors rerank for a text query. */
const RERANK_POOL = 200;
/**
 * How much the vector ranker counts in the fusion. Hashed local vectors know no synonyms, so for
 * words they add little beyond BM25 (CoSQA MRR@10: BM25 0.669, BM25 + local KNN at equal weight
 * 0.387, BM25 + local rerank at 0.2 0.666); for code they carry structure BM25 cannot see.
 * Neural providers embed meaning and count fully.
 */
const LOCAL_TEXT_VECTOR_WEIGHT = 0.2;

/**
 * Hybrid search: BM25 over identifier-split terms and vectors, fused by reciprocal rank. When
 * filters drop candidates, it fetches more rather than silently returning fewer results.
 */
export async function searchIndex(db: IndexDb, embedder: EmbeddingProvider, stats: TermStats, query: SearchQuery, options: SearchOptions): Promise<SearchResult[]> {
  const text = query.kind === 'text' ? query.text : query.code;
  const queryTerms = query.kind === 'text' ? questionTerms(text) : rarestTerms(terms(text), stats);
  const vector = await embedder.embedQuery(text);
  const rerankOnly = query.kind === 'text' && embedder.info.provider === 'local';
  const weights = [1, rerankOnly ? LOCAL_TEXT_VECTOR_WEIGHT : 1];
  const filtered = options.repo !== undefined || options.language !== undefined || options.excludePath !== undefined;
  let fetch = Math.max(options.limit * OVERFETCH, MIN_CANDIDATES);
  for (;;) {
    const lexical = ftsSearch(db, queryTerms, rerankOnly ? Math.max(fetch, RERANK_POOL) : fetch);
    const semantic = rerankOnly ? rerank(db, vector, lexical) : knnSearch(db, vector, fetch, options.language).map((r) => r.id);
    const scores = fuseRanks([lexical, semantic], weights);
    const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
    const results: SearchResult[] = [];
    // Locate the best candidates a slice at a time: most searches need only the first slice.
    for (let from = 0; from < ranked.length && results.length < options.limit; from += options.limit * 2) {
      const slice = ranked.slice(from, from + options.limit * 2);
      const places = locateChunks(
        db,
        slice.map(([id]) => id),
      );
      for (const [id, score] of slice) {
        const place = places.get(id);
        if (!place || !matches(place, options)) continue;
        results.push({ ...place, score });
        if (results.length === options.limit) return results;
      }
    }
    const exhausted = lexical.length < fetch && semantic.length < fetch;
    if (!filtered || exhausted || fetch >= MAX_K) return results;
    fetch = Math.min(MAX_K, fetch * 4);
  }
}

/** Orders lexical candidates by vector similarity. */
function rerank(db: IndexDb, vector: Float32Array, ids: number[]): number[] {
  const codes = vectorCodes(db, ids);
  return ids
    .map((id) => ({ id, similarity: codes.has(id) ? cosineInt8(vector, codes.get(id)!) : -1 }))
    .sort((a, b) => b.similarity - a.similarity)
    .map((r) => r.id);
}

function matches(place: ChunkLocation, options: SearchOptions): boolean {
  if (options.repo !== undefined && place.repo !== options.repo) return false;
  if (options.language !== undefined && place.language !== options.language) return false;
  if (options.excludePath !== undefined && place.path === options.excludePath) return false;
  return true;
}

function questionTerms(text: string): string[] {
  const all = terms(text);
  const kept = all.filter((t) => !QUESTION_STOPWORDS.has(t));
  return kept.length > 0 ? kept : all;
}

function rarestTerms(all: string[], stats: TermStats): string[] {
  const unique = [...new Set(all)];
  const df = stats.documentFrequency(unique);
  const common = Math.max(1, stats.documentCount() * MAX_CODE_TERM_SHARE);
  const rare = unique.filter((t) => (df.get(t) ?? 0) > 0 && (df.get(t) ?? 0) <= common);
  return (rare.length > 0 ? rare : unique)
    .sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0))
    .slice(0, MAX_CODE_QUERY_TERMS);
}
