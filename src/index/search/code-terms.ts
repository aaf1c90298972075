import { terms } from '../tokens.js';

/**
 * Code compared with code by the words it is written with: identifier-split terms, each weighed
 * by how often it occurs (damped) and by IDF squared, the same on both sides, compared by cosine.
 *
 * Squaring IDF lets the few words that say what a program does (`doors`, `huffman`, `retry`)
 * outweigh the many any program of the language uses (`print`, `range`, `string`), without
 * dropping the latter as a cut-off would. On a first cut of the same-task benchmark
 * (bench/code-search.ts), IDF to the power 1, 2 and 3 per side gave P@10 0.183, 0.187 and 0.185 on
 * Python files and 0.173, 0.184 and 0.185 on JavaScript. Call, type and local names and tree-sitter
 * node-type paths weighed apart (Aroma-style) move P@10 by -1% to +4% (the bench prints them
 * beside this), and -3% to +4% as a rerank of the search's own candidates: not worth a syntax walk
 * of every chunk at index time or of every candidate at query time.
 */
export interface WeightedTerms {
  /** Term → weight, for terms the index holds (others can match nothing). */
  weights: Map<string, number>;
  /** Euclidean length of the weights: 0 when no term is known. */
  norm: number;
}

/** How many times each term occurs in `text`. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** IDF as in BM25+ / Lucene, log((N+1)/(df+1)) + 1: a term in every chunk still counts a little. */
export function idf(documentCount: number, df: number): number {
  return Math.log((documentCount + 1) / (df + 1)) + 1;
}

/** The weights of `counts` given each term's document frequency (terms with none are left out). */
export function weighTerms(counts: ReadonlyMap<string, number>, df: ReadonlyMap<string, number>, documentCount: number): WeightedTerms {
  const weights = new Map<string, number>();
  let sumOfSquares = 0;
  for (const [term, count] of counts) {
    const frequency = df.get(term) ?? 0;
    if (frequency === 0) continue;
    const weight = (1 + Math.log(count)) * idf(documentCount, frequency) ** 2;
    weights.set(term, weight);
    sumOfSquares += weight * weight;
  }
  return { weights, norm: Math.sqrt(sumOfSquares) };
}

/** Cosine of two weighted term sets, in [0, 1]. */
export function cosine(a: WeightedTerms, b: WeightedTerms): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small.weights) dot += weight * (large.weights.get(term) ?? 0);
  return dot / (a.norm * b.norm);
}
