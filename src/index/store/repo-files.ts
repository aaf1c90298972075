import type { IndexDb } from './open.js';

/** A file a golden repo shows in the index, with the blob that holds its content at the pinned commit. */
export interface RepoFileRow {
  path: string;
  blobSha: string;
  language: string | null;
  lines: number;
  /** Why the indexer kept no chunks for it (binary, minified...), or null. */
  skipReason: string | null;
}

/** Every file of one repo, by path. */
export function repoFiles(db: IndexDb, repoId: number): RepoFileRow[] {
  return db
    .prepare(
      `SELECT f.path, f.blob_sha AS blobSha, f.language, b.lines, b.skip_reason AS skipReason
       FROM files f JOIN blobs b ON b.sha = f.blob_sha WHERE f.repo_id = ? ORDER BY f.path`,
    )
    .all(repoId) as RepoFileRow[];
}

/** A named declaration the chunker found (function, class, interface...), where one repo shows it. */
export interface DeclaredSymbol {
  symbol: string;
  kind: string;
  path: string;
  startLine: number;
  endLine: number;
}

/** Named declarations of one repo, in path then line order. */
export function repoSymbols(db: IndexDb, repoId: number): DeclaredSymbol[] {
  return db
    .prepare(
      `SELECT c.symbol, c.kind, f.path, c.start_line AS startLine, c.end_line AS endLine
       FROM chunks c JOIN files f ON f.blob_sha = c.blob_sha
       WHERE f.repo_id = ? AND c.symbol IS NOT NULL AND c.kind NOT IN ('module', 'window')
       ORDER BY f.path, c.start_line`,
    )
    .all(repoId) as DeclaredSymbol[];
}
