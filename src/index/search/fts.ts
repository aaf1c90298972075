import type { IndexDb } from '../store/open.js';

/** Column weights for bm25(): a match in a symbol name says more than one in a body. */
const BM25_WEIGHTS = { path: 1.5, symbol: 3.0, body: 1.0 };

/**
 * FTS5 treats punctuation and words like OR/NEAR as syntax; every term is quoted (inner quotes
 * doubled) so raw user text can never be a syntax error.
 */
export function matchExpression(terms: string[]): string {
  return [...new Set(terms)].map((t) => `"${t.replaceAll('"', '""')}"`).join(' OR ');
}

/** Chunk ids ranked by BM25 over path, symbol and body terms, best first. */
export function ftsSearch(db: IndexDb, terms: string[], limit: number): number[] {
  if (terms.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT rowid AS id FROM chunk_fts WHERE chunk_fts MATCH ?
       ORDER BY bm25(chunk_fts, ${BM25_WEIGHTS.path}, ${BM25_WEIGHTS.symbol}, ${BM25_WEIGHTS.body}) LIMIT ?`,
    )
    .all(matchExpression(terms), limit) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}
