import type { ArchangelConfig } from '../config/schema.js';
import { ArchangelError } from '../errors/archangel-error.js';
import { createEmbeddingProvider } from './embed/create.js';
import type { EmbeddingProvider } from './embed/provider.js';
import { openIndexDb, type IndexDb } from './store/open.js';
import { createTermStats, listRepos, type RepoRow } from './store/read.js';
import { describeSpace, readEmbeddingSpace, sameSpace } from './store/vectors.js';
import { searchIndex, type SearchOptions, type SearchQuery, type SearchResult } from './search/search.js';

/**
 * The golden index as the rest of ArchAngel reads it: search and repo facts, nothing about how it
 * was built. Open it once and reuse it: opening loads SQLite, sqlite-vec and the embedder.
 */
export interface GoldenIndex {
  readonly db: IndexDb;
  readonly embedder: EmbeddingProvider;
  repos(): RepoRow[];
  search(query: SearchQuery, options: SearchOptions): Promise<SearchResult[]>;
  close(): void;
}

export function openGoldenIndex(indexPath: string, config: ArchangelConfig, env: NodeJS.ProcessEnv = process.env): GoldenIndex {
  const db = openIndexDb(indexPath, { readonly: true });
  const stats = createTermStats(db);
  const embedder = createEmbeddingProvider(config.embeddings, { env, termStats: stats });
  const stored = readEmbeddingSpace(db);
  if (stored && embedder.info.dimensions > 0 && !sameSpace(stored, embedder.info)) {
    db.close();
    throw new ArchangelError('INDEX_MISMATCH', `The golden index was built with ${describeSpace(stored)}, but archangel.json now asks for ${describeSpace(embedder.info)}.`, {
      hint: 'Run `archangel index` to re-embed the golden code with the configured model.',
    });
  }
  return {
    db,
    embedder,
    repos: () => listRepos(db),
    search: (query, options) => searchIndex(db, embedder, stats, query, options),
    close: () => db.close(),
  };
}
