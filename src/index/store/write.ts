import type { IndexDb } from './open.js';
import { terms } from '../tokens.js';
import { toBits, toInt8 } from './vector-codec.js';

/** One blob's worth of derived data, ready to store. */
export interface BlobRecord {
  sha: string;
  language: string | null;
  bytes: number;
  lines: number;
  /** Why the blob is not indexed (binary, minified...); its chunks are then empty. */
  skipReason: string | null;
  /** JSON of the blob's convention observations, when learned. */
  observations: string | null;
  /** Path of the first place the blob was seen: its tokens help full-text search. */
  path: string;
  chunks: ChunkRecord[];
}

export interface ChunkRecord {
  startLine: number;
  endLine: number;
  kind: string;
  symbol: string | null;
  text: string;
  /** Search terms of path, symbol and body, space-joined (see tokens.ts). */
  ftsPath: string;
  ftsSymbol: string;
  ftsBody: string;
  vector: Float32Array;
}

/** Stores blobs with their chunks, full-text rows and vectors in one transaction. */
export function insertBlobs(db: IndexDb, blobs: BlobRecord[]): void {
  const insertBlob = db.prepare(
    'INSERT OR REPLACE INTO blobs (sha, language, bytes, lines, skip_reason, observations, terms) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertChunk = db.prepare(
    'INSERT INTO chunks (blob_sha, start_line, end_line, kind, symbol, text) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertFts = db.prepare('INSERT INTO chunk_fts (rowid, path, symbol, body) VALUES (?, ?, ?, ?)');
  const insertVectorCode = db.prepare('INSERT INTO chunk_vectors (chunk_id, vector) VALUES (?, ?)');
  const insertVec = db.prepare('INSERT INTO chunk_vec (chunk_id, language, embedding) VALUES (?, ?, vec_bit(?))');
  const exists = db.prepare('SELECT 1 FROM blobs WHERE sha = ?');
  const counts = new TermCounts();
  db.transaction(() => {
    for (const blob of blobs) {
      if (exists.get(blob.sha)) deleteBlobContent(db, [blob.sha]);
      insertBlob.run(blob.sha, blob.language, blob.bytes, blob.lines, blob.skipReason, blob.observations, fileTerms(blob.chunks));
      for (const chunk of blob.chunks) {
        const id = BigInt(insertChunk.run(blob.sha, chunk.startLine, chunk.endLine, chunk.kind, chunk.symbol, chunk.text).lastInsertRowid);
        insertFts.run(id, chunk.ftsPath, chunk.ftsSymbol, chunk.ftsBody);
        insertVectorCode.run(id, toInt8(chunk.vector));
        insertVec.run(id, languageKey(blob.language), toBits(chunk.vector));
        counts.add(languageKey(blob.language), `${chunk.ftsSymbol} ${chunk.ftsBody}`, 1);
      }
    }
    counts.apply(db);
  })();
}

/** Each body term of a blob's chunks with its count, `term count term count…` (null without chunks). */
function fileTerms(chunks: readonly ChunkRecord[]): string | null {
  if (chunks.length === 0) return null;
  const counts = new Map<string, number>();
  for (const chunk of chunks) for (const term of chunk.ftsBody.split(' ')) if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts].map(([term, count]) => `${term} ${count}`).join(' ');
}

/** The language a blob's chunks are counted and filtered under: files of no known language are text. */
function languageKey(language: string | null): string {
  return language ?? 'text';
}

/** Changes to the per-language chunk and term counts (term_df, language_chunks), applied at once. */
class TermCounts {
  readonly #df = new Map<string, Map<string, number>>();
  readonly #chunks = new Map<string, number>();

  /** Adds `sign` to the chunk count of `language` and to the count of each distinct term of one chunk. */
  add(language: string, text: string, sign: 1 | -1): void {
    this.#chunks.set(language, (this.#chunks.get(language) ?? 0) + sign);
    let df = this.#df.get(language);
    if (!df) this.#df.set(language, (df = new Map()));
    for (const term of new Set(text.split(' '))) if (term) df.set(term, (df.get(term) ?? 0) + sign);
  }

  apply(db: IndexDb): void {
    const upsert = db.prepare('INSERT INTO term_df (term, language, df) VALUES (?, ?, ?) ON CONFLICT (term, language) DO UPDATE SET df = df + excluded.df');
    const dropIfGone = db.prepare('DELETE FROM term_df WHERE term = ? AND language = ? AND df <= 0');
    for (const [language, df] of this.#df) {
      for (const [term, delta] of df) {
        if (delta === 0) continue;
        upsert.run(term, language, delta);
        if (delta < 0) dropIfGone.run(term, language);
      }
    }
    const upsertChunks = db.prepare('INSERT INTO language_chunks (language, chunks) VALUES (?, ?) ON CONFLICT (language) DO UPDATE SET chunks = chunks + excluded.chunks');
    for (const [language, delta] of this.#chunks) if (delta !== 0) upsertChunks.run(language, delta);
    db.exec('DELETE FROM language_chunks WHERE chunks <= 0');
  }
}

/** Replaces the vectors of existing chunks (after the embedding model changed). */
export function replaceVectors(db: IndexDb, rows: Array<{ chunkId: number; language: string; vector: Float32Array }>): void {
  const upsertCode = db.prepare('INSERT OR REPLACE INTO chunk_vectors (chunk_id, vector) VALUES (?, ?)');
  const deleteVec = db.prepare('DELETE FROM chunk_vec WHERE chunk_id = ?');
  const insertVec = db.prepare('INSERT INTO chunk_vec (chunk_id, language, embedding) VALUES (?, ?, vec_bit(?))');
  db.transaction(() => {
    for (const row of rows) {
      const id = BigInt(row.chunkId);
      upsertCode.run(id, toInt8(row.vector));
      deleteVec.run(id);
      insertVec.run(id, row.language, toBits(row.vector));
    }
  })();
}

/** Removes everything derived from these blobs (chunks, full-text rows, vectors, the blob row). */
function deleteBlobContent(db: IndexDb, shas: string[]): void {
  if (shas.length === 0) return;
  const chunkRows = db.prepare('SELECT id, symbol, text FROM chunks WHERE blob_sha = ?');
  const blobLanguage = db.prepare('SELECT language FROM blobs WHERE sha = ?').pluck();
  const counts = new TermCounts();
  const deleteFts = db.prepare('DELETE FROM chunk_fts WHERE rowid = ?');
  const deleteCode = db.prepare('DELETE FROM chunk_vectors WHERE chunk_id = ?');
  const deleteVec = db.prepare('DELETE FROM chunk_vec WHERE chunk_id = ?');
  const deleteChunks = db.prepare('DELETE FROM chunks WHERE blob_sha = ?');
  const deleteBlob = db.prepare('DELETE FROM blobs WHERE sha = ?');
  for (const sha of shas) {
    const language = languageKey(blobLanguage.get(sha) as string | null);
    for (const { id, symbol, text } of chunkRows.all(sha) as Array<{ id: number; symbol: string | null; text: string }>) {
      counts.add(language, chunkTermText(symbol, text), -1);
      const big = BigInt(id);
      deleteFts.run(big);
      deleteCode.run(big);
      deleteVec.run(big);
    }
    deleteChunks.run(sha);
    deleteBlob.run(sha);
  }
  counts.apply(db);
}

export interface RepoRecord {
  sourceId: string;
  name: string;
  location: string;
  ref: string | null;
  commit: string;
  committedAt: number | null;
  filterKey: string;
}

export interface FileRecord {
  path: string;
  blobSha: string;
  language: string | null;
}

/**
 * Makes `files` the visible content of the repo at `repo.commit`, in one transaction: a search
 * sees either the old version or the new one, never a mix. Blobs it no longer shows stay until
 * `collectGarbage` runs at the end of the index run (another repo's half-indexed blobs from an
 * interrupted run must survive until that repo is published).
 */
export function publishRepo(db: IndexDb, repo: RepoRecord, files: Iterable<FileRecord>, now: number = Date.now()): void {
  db.transaction(() => {
    const id = upsertRepo(db, repo);
    db.prepare('DELETE FROM files WHERE repo_id = ?').run(id);
    const insert = db.prepare('INSERT INTO files (repo_id, path, blob_sha, language) VALUES (?, ?, ?, ?)');
    for (const file of files) insert.run(id, file.path, file.blobSha, file.language);
    const { chunks } = db
      .prepare('SELECT count(*) AS chunks FROM files f JOIN chunks c ON c.blob_sha = f.blob_sha WHERE f.repo_id = ?')
      .get(id) as { chunks: number };
    const { indexed } = db
      .prepare('SELECT count(*) AS indexed FROM files f JOIN blobs b ON b.sha = f.blob_sha WHERE f.repo_id = ? AND b.skip_reason IS NULL')
      .get(id) as { indexed: number };
    db.prepare('UPDATE repos SET commit_sha = ?, committed_at = ?, indexed_at = ?, filter_key = ?, file_count = ?, chunk_count = ? WHERE id = ?').run(
      repo.commit,
      repo.committedAt,
      now,
      repo.filterKey,
      indexed,
      chunks,
      id,
    );
  })();
}

/** Forgets repos no longer listed in the config, and their blobs. */
export function removeReposExcept(db: IndexDb, keepSourceIds: string[]): number {
  const keep = new Set(keepSourceIds);
  const stale = (db.prepare('SELECT id, source_id FROM repos').all() as Array<{ id: number; source_id: string }>).filter((r) => !keep.has(r.source_id));
  if (stale.length === 0) return 0;
  db.transaction(() => {
    for (const repo of stale) db.prepare('DELETE FROM repos WHERE id = ?').run(repo.id);
  })();
  return stale.length;
}

function upsertRepo(db: IndexDb, repo: RepoRecord): number {
  db.prepare(
    'INSERT INTO repos (source_id, name, location, ref) VALUES (?, ?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET name = excluded.name, location = excluded.location, ref = excluded.ref',
  ).run(repo.sourceId, repo.name, repo.location, repo.ref);
  return (db.prepare('SELECT id FROM repos WHERE source_id = ?').get(repo.sourceId) as { id: number }).id;
}

/** Drops blobs that no repo shows; returns how many. Run once every repo has been published. */
export function collectGarbage(db: IndexDb): number {
  const orphans = db.prepare('SELECT sha FROM blobs WHERE sha NOT IN (SELECT blob_sha FROM files)').all() as Array<{ sha: string }>;
  if (orphans.length > 0) db.transaction(() => deleteBlobContent(db, orphans.map((o) => o.sha)))();
  return orphans.length;
}

/** Forgets everything derived from blobs (when the way it is derived changed); repos and files stay. */
export function clearDerived(db: IndexDb): void {
  db.transaction(() => {
    db.exec("INSERT INTO chunk_fts (chunk_fts) VALUES ('delete-all')");
    db.exec('DELETE FROM chunk_vectors; DELETE FROM chunks; DELETE FROM blobs; DELETE FROM term_df; DELETE FROM language_chunks;');
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'chunk_vec'").get()) db.exec('DELETE FROM chunk_vec');
  })();
}

/** The term text of a stored chunk, exactly as insertBlobs counted it (see build-blobs.ts). */
function chunkTermText(symbol: string | null, text: string): string {
  return `${symbol ? terms(symbol).join(' ') : ''} ${terms(text).join(' ')}`;
}
