import type { Database } from 'better-sqlite3';

/**
 * The index schema, as an ordered list of migrations. `meta.schema_version` records how many have
 * run; a database from a newer ArchAngel (a higher version) is refused rather than guessed at.
 *
 * Content is addressed by git blob sha: a blob's chunks, full-text rows, vectors and convention
 * observations are computed once, whatever paths, repos or commits share it. What a repo *shows*
 * is its `files` rows, replaced in one transaction when a new commit is indexed, so a search never
 * sees half of a new version.
 */
export const MIGRATIONS: ReadonlyArray<(db: Database) => void> = [
  (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE repos (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        location TEXT NOT NULL,
        ref TEXT,
        commit_sha TEXT,
        committed_at INTEGER,
        indexed_at INTEGER,
        filter_key TEXT,
        file_count INTEGER NOT NULL DEFAULT 0,
        chunk_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE blobs (
        sha TEXT PRIMARY KEY,
        language TEXT,
        bytes INTEGER NOT NULL,
        lines INTEGER NOT NULL DEFAULT 0,
        skip_reason TEXT,
        observations TEXT
      ) WITHOUT ROWID;
      CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        blob_sha TEXT NOT NULL,
        start_line INTEGER NOT NULL,
        end_line INTEGER NOT NULL,
        kind TEXT NOT NULL,
        symbol TEXT,
        text TEXT NOT NULL
      );
      CREATE INDEX chunks_by_blob ON chunks (blob_sha);
      CREATE TABLE files (
        repo_id INTEGER NOT NULL REFERENCES repos (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        blob_sha TEXT NOT NULL,
        language TEXT,
        PRIMARY KEY (repo_id, path)
      ) WITHOUT ROWID;
      CREATE INDEX files_by_blob ON files (blob_sha);
      CREATE TABLE chunk_vectors (chunk_id INTEGER PRIMARY KEY, vector BLOB NOT NULL);
      CREATE VIRTUAL TABLE chunk_fts USING fts5 (
        path, symbol, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- How many chunks hold each term (body and symbol): IDF for queries in one B-tree lookup
      -- per term (fts5vocab takes ~0.1 ms a term, too slow for a 200-term code query).
      CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    `);
  },
  (db) => {
    // Document counts per language: code is compared with code of its own language family, and
    // a word every JavaScript function uses (`function`, `var`) is rare in an index that is mostly
    // Python. A blob's terms with their counts (`term count term count…`), to compare whole files.
    // Filled again by the indexer (PIPELINE_VERSION 2 derives every blob anew).
    db.exec(`
      DROP TABLE term_df;
      CREATE TABLE term_df (term TEXT NOT NULL, language TEXT NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (term, language)) WITHOUT ROWID;
      CREATE TABLE language_chunks (language TEXT PRIMARY KEY, chunks INTEGER NOT NULL) WITHOUT ROWID;
      ALTER TABLE blobs ADD COLUMN terms TEXT;
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
