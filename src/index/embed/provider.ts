/**
 * What every embedding provider looks like to the indexer and the retriever. Vectors are always
 * L2-normalised, so cosine similarity is a plain dot product.
 */

/** Which provider produced a vector; recorded in the index so vectors of different models never mix. */
export interface EmbeddingInfo {
  provider: 'local' | 'voyage' | 'openai-compatible';
  model: string;
  /**
   * Length of every vector. A remote provider without `embeddings.dimensions` configured learns it
   * from its first response and reports 0 until then: embed something before reading it.
   */
  dimensions: number;
}

/** Turns text into unit-length vectors. */
export interface EmbeddingProvider {
  /** Recorded in the index so vectors of different models never mix. */
  readonly info: EmbeddingInfo;
  /** One vector per text, in order, for text that is stored in the index. */
  embedDocuments(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /**
   * As `embedDocuments`, for a provider that reads search terms, given each text's `terms()`
   * already computed (the indexer has them for full-text search): the same vectors, one pass less.
   */
  embedTokenizedDocuments?(documents: ReadonlyArray<{ text: string; terms: readonly string[] }>, signal?: AbortSignal): Promise<Float32Array[]>;
  /** The vector of a search query (some providers embed queries differently from documents). */
  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array>;
}

/**
 * Corpus statistics for query-time IDF weighting. The store implements this from FTS5 (fts5vocab),
 * over the same terms that `terms()` produces.
 */
export interface TermStats {
  /** How many documents (chunks) the index holds, in `languages` when given. */
  documentCount(languages?: readonly string[]): number;
  /** For each term, how many documents (in `languages` when given) contain it; absent terms may be left out of the map. */
  documentFrequency(terms: string[], languages?: readonly string[]): Map<string, number>;
}
