import type { TermStats } from '../embed/provider.js';
import type { IndexDb } from './open.js';

/** What the index knows about one golden repo. */
export interface RepoRow {
  id: number;
  sourceId: string;
  name: string;
  location: string;
  ref: string | null;
  commit: string | null;
  committedAt: number | null;
  indexedAt: number | null;
  filterKey: string | null;
  fileCount: number;
  chunkCount: number;
}

export function listRepos(db: IndexDb): RepoRow[] {
  return db
    .prepare(
      `SELECT id, source_id AS sourceId, name, location, ref, commit_sha AS "commit", committed_at AS committedAt,
              indexed_at AS indexedAt, filter_key AS filterKey, file_count AS fileCount, chunk_count AS chunkCount
       FROM repos ORDER BY name`,
    )
    .all() as RepoRow[];
}

/** Shas per query in `storedBlobs`: each is one JSON argument, kept small. */
const SHAS_PER_QUERY = 1_000;

/**
 * Which of `shas` are already stored (so unchanged files are not read again), each with why it is
 * skipped (null: indexed). Asks about these shas only, never loads every blob of every repo.
 */
export function storedBlobs(db: IndexDb, shas: Iterable<string>): Map<string, string | null> {
  const query = db.prepare('SELECT sha, skip_reason AS reason FROM blobs WHERE sha IN (SELECT value FROM json_each(?))');
  const stored = new Map<string, string | null>();
  let some: string[] = [];
  const ask = () => {
    for (const row of query.all(JSON.stringify(some)) as Array<{ sha: string; reason: string | null }>) stored.set(row.sha, row.reason);
    some = [];
  };
  for (const sha of shas) {
    some.push(sha);
    if (some.length >= SHAS_PER_QUERY) ask();
  }
  if (some.length > 0) ask();
  return stored;
}

/** A chunk with everything a search result needs, at one place it is shown. */
export interface ChunkLocation {
  chunkId: number;
  repo: string;
  repoId: number;
  commit: string;
  path: string;
  language: string | null;
  startLine: number;
  endLine: number;
  kind: string;
  symbol: string | null;
  text: string;
}

/**
 * Where each chunk is visible (the first path, by repo then path, when a blob appears in several
 * places). Chunks of blobs no repo shows (left by an interrupted run) are absent.
 */
export function locateChunks(db: IndexDb, chunkIds: number[]): Map<number, ChunkLocation> {
  const out = new Map<number, ChunkLocation>();
  if (chunkIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT c.id AS chunkId, r.name AS repo, r.id AS repoId, r.commit_sha AS "commit", f.path, f.language,
              c.start_line AS startLine, c.end_line AS endLine, c.kind, c.symbol, c.text
       FROM chunks c
       JOIN files f ON f.blob_sha = c.blob_sha
       JOIN repos r ON r.id = f.repo_id
       WHERE c.id IN (SELECT value FROM json_each(?))
       ORDER BY r.name, f.path`,
    )
    .all(JSON.stringify(chunkIds)) as ChunkLocation[];
  for (const row of rows) if (!out.has(row.chunkId)) out.set(row.chunkId, row);
  return out;
}

/** int8 vector codes of chunks, for rescoring KNN candidates. */
export function vectorCodes(db: IndexDb, chunkIds: number[]): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  if (chunkIds.length === 0) return out;
  const rows = db
    .prepare('SELECT chunk_id AS id, vector FROM chunk_vectors WHERE chunk_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(chunkIds)) as Array<{ id: number; vector: Buffer }>;
  for (const row of rows) out.set(row.id, row.vector);
  return out;
}

/**
 * The term counts of the whole file each chunk belongs to, by chunk id (chunks of one file share
 * one map). Chunks whose blob has no counts stored are left out.
 */
export function fileTermCounts(db: IndexDb, chunkIds: number[]): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  if (chunkIds.length === 0) return out;
  const rows = db
    .prepare('SELECT c.id, c.blob_sha AS sha, b.terms FROM chunks c JOIN blobs b ON b.sha = c.blob_sha WHERE c.id IN (SELECT value FROM json_each(?)) AND b.terms IS NOT NULL')
    .all(JSON.stringify(chunkIds)) as Array<{ id: number; sha: string; terms: string }>;
  const byBlob = new Map<string, Map<string, number>>();
  for (const row of rows) {
    let counts = byBlob.get(row.sha);
    if (!counts) {
      counts = new Map();
      const parts = row.terms.split(' ');
      for (let i = 0; i + 1 < parts.length; i += 2) counts.set(parts[i]!, Number(parts[i + 1]));
      byBlob.set(row.sha, counts);
    }
    out.set(row.id, counts);
  }
  return out;
}

/**
 * Terms whose counts are remembered between queries. A code search weighs every term of a few
 * hundred candidate chunks (thousands of lookups), and a session's searches share most of them;
 * past this many the memory is cleared rather than grown.
 */
const MAX_REMEMBERED_TERMS = 200_000;

/**
 * Document counts per term, for IDF weighting of queries, over the whole index or over some
 * languages (a code query's family). Counts are read once per open index and remembered (an index
 * rebuilt meanwhile shifts them slightly, which only nudges weights).
 */
export function createTermStats(db: IndexDb): TermStats {
  let chunks: Map<string, number> | undefined;
  /** Per set of languages ('' for all), each term looked up with its count (0 when absent). */
  const known = new Map<string, Map<string, number>>();
  let remembered = 0;
  const anywhere = db.prepare('SELECT term, sum(df) AS df FROM term_df WHERE term IN (SELECT value FROM json_each(?)) GROUP BY term');
  const within = db.prepare(
    'SELECT term, sum(df) AS df FROM term_df WHERE term IN (SELECT value FROM json_each(?)) AND language IN (SELECT value FROM json_each(?)) GROUP BY term',
  );
  return {
    documentCount(languages) {
      chunks ??= new Map((db.prepare('SELECT language, chunks FROM language_chunks').all() as Array<{ language: string; chunks: number }>).map((r) => [r.language, r.chunks]));
      let sum = 0;
      for (const [language, count] of chunks) if (!languages || languages.includes(language)) sum += count;
      return sum;
    },
    documentFrequency(terms, languages) {
      const key = languages ? JSON.stringify(languages) : '';
      let counts = known.get(key);
      if (!counts) known.set(key, (counts = new Map()));
      const out = new Map<string, number>();
      const missing: string[] = [];
      for (const term of terms) {
        const df = counts.get(term);
        if (df === undefined) missing.push(term);
        else if (df > 0) out.set(term, df);
      }
      if (missing.length === 0) return out;
      if (remembered + missing.length > MAX_REMEMBERED_TERMS) {
        for (const other of known.values()) other.clear();
        remembered = 0;
      }
      for (const term of missing) counts.set(ownCopy(term), 0);
      remembered += missing.length;
      const rows = (languages ? within.all(JSON.stringify(missing), JSON.stringify(languages)) : anywhere.all(JSON.stringify(missing))) as Array<{ term: string; df: number }>;
      for (const row of rows) {
        out.set(row.term, row.df);
        counts.set(row.term, row.df);
      }
      return out;
    },
  };
}

/**
 * A copy of `term` that holds nothing else. A term split or matched out of a longer text (a file's
 * stored term counts, a chunk) is a slice of that text in V8, and a remembered slice keeps the whole
 * text alive for the session: 200 code searches of different files left 5.0 MB more heap, 3.0 MB
 * with copies.
 */
function ownCopy(term: string): string {
  return JSON.parse(JSON.stringify(term)) as string;
}

/** How many indexed files the golden repos show in each of `languages` (those with none are left out). */
export function indexedFilesByLanguage(db: IndexDb, languages: readonly string[]): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT f.language, count(*) AS n FROM files f JOIN blobs b ON b.sha = f.blob_sha
       WHERE b.skip_reason IS NULL AND f.language IN (SELECT value FROM json_each(?)) GROUP BY f.language`,
    )
    .all(JSON.stringify(languages)) as Array<{ language: string; n: number }>;
  return new Map(rows.map((r) => [r.language, r.n]));
}

/** Per-blob observations of every file the index shows, with where it is shown. */
export function* visibleObservations(db: IndexDb): Generator<{ repo: string; commit: string; path: string; language: string; observations: string }> {
  yield* db
    .prepare(
      `SELECT r.name AS repo, r.commit_sha AS "commit", f.path, f.language, b.observations
       FROM files f JOIN repos r ON r.id = f.repo_id JOIN blobs b ON b.sha = f.blob_sha
       WHERE b.observations IS NOT NULL AND b.skip_reason IS NULL`,
    )
    .iterate() as Iterable<{ repo: string; commit: string; path: string; language: string; observations: string }>;
}
