import type { EmbeddingProvider, TermStats } from '../embed/provider.js';
import { siblingLanguages, type Language } from '../language.js';
import type { IndexDb } from '../store/open.js';
import { locateChunks, vectorCodes, type ChunkLocation } from '../store/read.js';
import { cosineInt8 } from '../store/vector-codec.js';
import { terms } from '../tokens.js';
import { searchCode } from './code-search.js';
import { isFiltered, passes, type SearchFilters } from './filters.js';
import { ftsSearch } from './fts.js';
import { fuseRanks } from './fuse.js';
import { knnSearch, MAX_K } from './knn.js';

/**
 * What to look for: words ("how do we retry http calls") or a piece of code. Code written in a
 * known language is compared with golden code of that language and its siblings (JavaScript, TSX
 * and TypeScript together) unless `language` is given in the options.
 */
export type SearchQuery = { kind: 'text'; text: string } | { kind: 'code'; code: string; language?: Language | undefined };

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
  /**
   * Code queries only: how comparable this code is with the query, a TF-IDF cosine in [0, 1].
   * At COMPARABLE_SIMILARITY or above it is worth putting beside the query's code.
   */
  similarity?: number | undefined;
}

/**
 * The similarity from which golden code counts as comparable with a code query: below it, say
 * nothing in the golden repos is comparable rather than show unrelated code. Chosen on the
 * same-task benchmark (bench/code-search.ts: Rosetta Code in Python, JavaScript and Java, file and
 * hunk queries) as the cut-off with the best F1, again once the similarity blended in each
 * chunk's file: of the top-10 results at or above it, 61% solve the query's task (15% of all
 * top-10 results do), and they hold 47% of the same-task results in the top 10 (0.3: 46% and 62%;
 * 0.5: 70% and 34%).
 */
export const COMPARABLE_SIMILARITY = 0.4;

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
 * 0.387, BM25 + local rerank at 0.2 0.666). Neural providers embed meaning and count fully.
 */
const LOCAL_TEXT_VECTOR_WEIGHT = 0.2;

/**
 * Hybrid search: BM25 over identifier-split terms and vectors, fused by reciprocal rank. When
 * filters drop candidates, it fetches more rather than silently returning fewer results. Code is
 * compared with code by code-search.ts.
 */
export async function searchIndex(db: IndexDb, embedder: EmbeddingProvider, stats: TermStats, query: SearchQuery, options: SearchOptions): Promise<SearchResult[]> {
  if (query.kind === 'code') {
    const matches = await searchCode(db, embedder, stats, query.code, codeFilters(query.language, options), options.limit);
    return matches.map((m) => ({ ...m.place, score: m.score, similarity: m.similarity }));
  }
  const filters: SearchFilters = { repo: options.repo, excludePath: options.excludePath, languages: options.language === undefined ? undefined : [options.language] };
  const queryTerms = questionTerms(query.text);
  const vector = await embedder.embedQuery(query.text);
  const rerankOnly = embedder.info.provider === 'local';
  const weights = [1, rerankOnly ? LOCAL_TEXT_VECTOR_WEIGHT : 1];
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
        if (!place || !passes(place, filters)) continue;
        results.push({ ...place, score });
        if (results.length === options.limit) return results;
      }
    }
    const exhausted = lexical.length < fetch && semantic.length < fetch;
    if (!isFiltered(filters) || exhausted || fetch >= MAX_K) return results;
    fetch = Math.min(MAX_K, fetch * 4);
  }
}

/** The languages a code query is compared within: the one asked for, else the code's family. */
export function comparedLanguages(language: Language | undefined, asked: string | undefined): string[] | undefined {
  if (asked !== undefined) return [asked];
  return language === undefined ? undefined : [language, ...siblingLanguages(language)];
}

function codeFilters(language: Language | undefined, options: SearchOptions): SearchFilters {
  return { repo: options.repo, excludePath: options.excludePath, languages: comparedLanguages(language, options.language) };
}

/** Orders lexical candidates by vector similarity. */
function rerank(db: IndexDb, vector: Float32Array, ids: number[]): number[] {
  const codes = vectorCodes(db, ids);
  return ids
    .map((id) => ({ id, similarity: codes.has(id) ? cosineInt8(vector, codes.get(id)!) : -1 }))
    .sort((a, b) => b.similarity - a.similarity)
    .map((r) => r.id);
}

function questionTerms(text: string): string[] {
  const all = terms(text);
  const kept = all.filter((t) => !QUESTION_STOPWORDS.has(t));
  return kept.length > 0 ? kept : all;
}
