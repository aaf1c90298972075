import { terms } from '../tokens.js';
import { throwIfCancelled } from './cancel.js';
import { extractFeatures } from './features.js';
import type { TermWeight } from './features.js';
import { mix32 } from './hash.js';
import type { EmbeddingInfo, EmbeddingProvider, TermStats } from './provider.js';
import { l2Normalise } from './vector.js';

/**
 * 512 dimensions: a chunk has a few hundred distinct features, so fewer buckets would make them
 * collide often enough to blur unrelated code together, while more would add storage and KNN time
 * (the store keeps 64 bytes of sign bits per chunk at 512) for little gain in ranking.
 */
export const LOCAL_DIMENSIONS = 512;

/** Names the feature set; change it whenever features or weights change, so old indexes are rebuilt. */
export const LOCAL_MODEL = 'hashed-features-v1';

/**
 * Buckets each feature lands in (each with its own sign), scaled by 1/√SPREAD. Spreading keeps the
 * vector dense enough that its sign bits (what the store's binary KNN sees) follow cosine, like
 * SimHash; with one bucket per feature most components of a short chunk are zero.
 */
const SPREAD = 16;

/** What the local provider needs besides the text. */
export interface LocalOptions {
  /** Vector length; LOCAL_DIMENSIONS unless configured. */
  dimensions?: number | undefined;
  /** Corpus statistics for query-time IDF; without them queries weigh all terms alike. */
  termStats?: TermStats | undefined;
}

/**
 * A deterministic, offline embedding by signed feature hashing: no model, no download, no network.
 * Documents are weighted by term frequency only, so stored vectors stay valid as the corpus grows;
 * queries also weigh terms by IDF, asymmetrically, as BM25 does.
 */
export class LocalEmbeddingProvider implements EmbeddingProvider {
  readonly info: EmbeddingInfo;
  readonly #termStats: TermStats | undefined;

  constructor(options: LocalOptions = {}) {
    this.info = { provider: 'local', model: LOCAL_MODEL, dimensions: options.dimensions ?? LOCAL_DIMENSIONS };
    this.#termStats = options.termStats;
  }

  async embedDocuments(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return this.embedTokenizedDocuments(
      texts.map((text) => ({ text, terms: terms(text) })),
      signal,
    );
  }

  async embedTokenizedDocuments(documents: ReadonlyArray<{ text: string; terms: readonly string[] }>, signal?: AbortSignal): Promise<Float32Array[]> {
    return documents.map((document) => {
      throwIfCancelled(signal);
      return this.#embed(document.text, document.terms, undefined);
    });
  }

  async embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    throwIfCancelled(signal);
    const sequence = terms(text);
    return this.#embed(text, sequence, this.#termStats && idfOf(this.#termStats, sequence));
  }

  #embed(text: string, sequence: readonly string[], idf: TermWeight | undefined): Float32Array {
    const dimensions = this.info.dimensions;
    const vector = new Float32Array(dimensions);
    const scale = 1 / Math.sqrt(SPREAD);
    extractFeatures(
      text,
      sequence,
      (hash, weight) => {
        let h = hash;
        for (let k = 0; k < SPREAD; k++) {
          if (k > 0) h = mix32(h + 0x9e3779b9);
          const index = (h & 0x7fffffff) % dimensions;
          vector[index] = (vector[index] ?? 0) + (h >>> 31 ? -weight : weight) * scale;
        }
      },
      idf,
    );
    return l2Normalise(vector);
  }
}

/** IDF as in BM25+ / Lucene: log((N+1)/(df+1)) + 1, so a term in every document still counts a little. */
function idfOf(stats: TermStats, sequence: readonly string[]): TermWeight {
  const n = stats.documentCount();
  const frequencies = stats.documentFrequency([...new Set(sequence)]);
  return (term) => Math.log((n + 1) / ((frequencies.get(term) ?? 0) + 1)) + 1;
}
