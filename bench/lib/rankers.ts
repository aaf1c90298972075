import { terms } from '../../src/index/tokens.js';

/**
 * In-memory rankers over whole documents, for benchmarks to put beside ArchAngel's own search:
 * the lexical baselines it must beat and the variants measured on the way to it.
 */

export type Bag = Map<string, number>;

export function bagOf(tokens: Iterable<string>): Bag {
  const bag = new Map<string, number>();
  for (const token of tokens) bag.set(token, (bag.get(token) ?? 0) + 1);
  return bag;
}

/** Identifier-split terms (`getUserData` → `get user data getuserdata`), as ArchAngel indexes them. */
export function identifierTerms(text: string): Bag {
  return bagOf(terms(text));
}

/** A ranker: document indices for a query, best first (documents scoring 0 left out). */
export type Ranker = (query: Bag) => number[];

/** Documents by score, best first (those scoring 0 or less left out). */
export function ranked(scores: Float64Array): number[] {
  const ids: number[] = [];
  for (let d = 0; d < scores.length; d++) if (scores[d]! > 0) ids.push(d);
  return ids.sort((a, b) => scores[b]! - scores[a]!);
}

/** Postings and document frequencies of a corpus of bags. */
class Corpus {
  readonly df = new Map<string, number>();
  readonly postings = new Map<string, Array<[number, number]>>();
  readonly lengths: number[];
  readonly averageLength: number;

  constructor(readonly docs: Bag[]) {
    docs.forEach((bag, doc) => {
      for (const [term, count] of bag) {
        this.df.set(term, (this.df.get(term) ?? 0) + 1);
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push([doc, count]);
      }
    });
    this.lengths = docs.map((bag) => [...bag.values()].reduce((a, b) => a + b, 0));
    this.averageLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length);
  }
}

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75). `uniqueTerms` counts each query term once, `logQueryCounts` as
 * 1 + log(count); otherwise a term the query repeats counts that many times, as when a whole file
 * is pasted into a BM25 engine. `idfPower` raises the IDF (1 by default). `keep` picks the query
 * terms to use (all by default).
 */
export function bm25(
  docs: Bag[],
  options: { uniqueTerms?: boolean; logQueryCounts?: boolean; idfPower?: number; keep?: (query: Bag, df: Map<string, number>, n: number) => Set<string> } = {},
): Ranker {
  const corpus = new Corpus(docs);
  const n = docs.length;
  return (query) => {
    const scores = new Float64Array(n);
    const kept = options.keep?.(query, corpus.df, n);
    for (const [term, queryCount] of query) {
      const list = corpus.postings.get(term);
      if (!list || (kept && !kept.has(term))) continue;
      const df = corpus.df.get(term)!;
      const queryWeight = options.uniqueTerms ? 1 : options.logQueryCounts ? 1 + Math.log(queryCount) : queryCount;
      const weight = Math.log(1 + (n - df + 0.5) / (df + 0.5)) ** (options.idfPower ?? 1) * queryWeight;
      for (const [doc, f] of list) scores[doc]! += (weight * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * corpus.lengths[doc]!) / corpus.averageLength));
    }
    return ranked(scores);
  };
}

/**
 * BM25F (Robertson, Zaragoza and Taylor, 2004): each field's counts, normalised by the field's
 * length and weighted, summed into one term frequency before saturation (k1 = 1.2, b = 0.75); IDF
 * over whole documents. Every field lists the same documents in the same order.
 */
export function bm25f(fields: Array<{ docs: Bag[]; weight: number }>): Ranker {
  const corpora = fields.map((f) => new Corpus(f.docs));
  const n = fields[0]?.docs.length ?? 0;
  const df = new Map<string, number>();
  for (let d = 0; d < n; d++) {
    const seen = new Set<string>();
    for (const f of fields) for (const term of f.docs[d]!.keys()) seen.add(term);
    for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return (query) => {
    const tf = new Float64Array(n);
    const scores = new Float64Array(n);
    for (const [term, queryCount] of query) {
      if (!df.has(term)) continue;
      tf.fill(0);
      corpora.forEach((corpus, f) => {
        for (const [doc, count] of corpus.postings.get(term) ?? []) tf[doc]! += (fields[f]!.weight * count) / (0.25 + (0.75 * corpus.lengths[doc]!) / corpus.averageLength);
      });
      const idf = Math.log(1 + (n - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
      for (let d = 0; d < n; d++) if (tf[d]! > 0) scores[d]! += (idf * queryCount * tf[d]! * 2.2) / (tf[d]! + 1.2);
    }
    return ranked(scores);
  };
}

/** ArchAngel's code query before issue 12: the 24 rarest terms held by under 1% of documents. */
export function rarestTermsOnly(query: Bag, df: Map<string, number>, n: number): Set<string> {
  const known = [...query.keys()].filter((t) => (df.get(t) ?? 0) > 0);
  const rare = known.filter((t) => df.get(t)! <= Math.max(1, n * 0.01));
  return new Set((rare.length > 0 ? rare : known).sort((a, b) => df.get(a)! - df.get(b)!).slice(0, 24));
}

/**
 * Cosine of damped-TF × IDF^power vectors (the same weighting on both sides). Several feature
 * spaces can be summed, each with its weight: `query` then carries one bag per space.
 */
export function tfidfCosine(spaces: Array<{ docs: Bag[]; weight: number; power: number }>): (query: Bag[]) => number[] {
  const score = tfidfScores(spaces);
  return (query) => ranked(score(query));
}

/** The scores behind tfidfCosine: every document's summed cosine with the query, by index. */
export function tfidfScores(spaces: Array<{ docs: Bag[]; weight: number; power: number }>): (query: Bag[]) => Float64Array {
  const prepared = spaces.map(({ docs, weight, power }) => {
    const corpus = new Corpus(docs);
    const n = docs.length;
    const idf = (term: string) => (Math.log((n + 1) / ((corpus.df.get(term) ?? 0) + 1)) + 1) ** power;
    const vector = (bag: Bag) => {
      const out = new Map<string, number>();
      let sum = 0;
      for (const [term, count] of bag) {
        if (!corpus.df.has(term)) continue;
        const w = (1 + Math.log(count)) * idf(term);
        out.set(term, w);
        sum += w * w;
      }
      const norm = Math.sqrt(sum) || 1;
      for (const [term, w] of out) out.set(term, w / norm);
      return out;
    };
    return { corpus, weight, vector, vectors: docs.map(vector) };
  });
  return (query) => {
    const scores = new Float64Array(prepared[0]?.vectors.length ?? 0);
    prepared.forEach(({ corpus, weight, vector, vectors }, space) => {
      for (const [term, w] of vector(query[space] ?? new Map())) {
        for (const [doc] of corpus.postings.get(term)!) scores[doc]! += weight * w * vectors[doc]!.get(term)!;
      }
    });
    return scores;
  };
}

/** Reciprocal rank fusion (k = 60) of rankings of the same documents. */
export function fuseRankings(rankings: number[][]): number[] {
  const scores = new Map<number, number>();
  for (const ranking of rankings) ranking.forEach((doc, rank) => scores.set(doc, (scores.get(doc) ?? 0) + 1 / (60 + rank + 1)));
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([doc]) => doc);
}

/**
 * Pseudo-relevance feedback by neighbours: each document's score plus `weight` × the mean, over the
 * query's `k` best documents (other than `self`), of that document's score times its own score
 * with this one. `scoreDoc(d)` scores every document against document `d`.
 */
export function withNeighbours(scores: Float64Array, scoreDoc: (doc: number) => Float64Array, self: number, k: number, weight: number): Float64Array {
  const out = Float64Array.from(scores);
  for (const neighbour of ranked(scores).filter((d) => d !== self).slice(0, k)) {
    const second = scoreDoc(neighbour);
    for (let d = 0; d < out.length; d++) out[d]! += (weight * scores[neighbour]! * second[d]!) / k;
  }
  return out;
}

/**
 * Hubness correction (CSLS, Lample et al. 2018): 2 × score minus each document's mean score with
 * its own `k` nearest documents, so documents near everything stop crowding every list.
 */
export function hubnessCorrected(docCount: number, scoreDoc: (doc: number) => Float64Array, k: number): (scores: Float64Array) => Float64Array {
  const crowding = new Float64Array(docCount);
  for (let d = 0; d < docCount; d++) {
    const nearest = Array.from(scoreDoc(d)).filter((_, other) => other !== d).sort((a, b) => b - a).slice(0, k);
    crowding[d] = nearest.reduce((a, b) => a + b, 0) / Math.max(1, nearest.length);
  }
  // Shifted by 2 (a score is at most 1) so every document the query scored stays ranked.
  return (scores) => scores.map((s, d) => (s > 0 ? 2 + 2 * s - crowding[d]! : 0));
}
