import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ArchangelError, messageOf } from '../errors/archangel-error.js';
import { explainFailures } from '../sqlite/explain-failures.js';
import { sqliteFileError } from '../sqlite/file-health.js';
import { enableWal } from '../sqlite/wal.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type StateDb = Database.Database;

/**
 * How long a writer waits for the other process (watch and the review hook share the file) before
 * giving up. Every write transaction here is a few milliseconds, so 5 s means something is wrong.
 */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (or creates) the state database: WAL so readers never block the writer, a busy timeout so
 * two processes take turns, migrations applied. A damaged file becomes a STATE_CORRUPT error telling
 * the user what to do; it is never moved or deleted here, since it holds their chat history.
 */
export function openStateDb(path: string): StateDb {
  let db: StateDb | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    // The timeout first: migrating may have to wait for the other process.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    enableWal(db, BUSY_TIMEOUT_MS);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    // Damage past the header, a lock held too long, a full disk: found mid-query, told like on open.
    return explainFailures(db, (error) => stateFileError(path, error) ?? error);
  } catch (error) {
    db?.close();
    throw asStateError(path, error);
  }
}

/**
 * Applies missing migrations in one IMMEDIATE transaction, reading the version inside it: when
 * two processes open a new file at once, the second waits and then finds nothing left to do. A
 * record already up to date is only read, so opening it never waits for another process's write
 * (a review still runs, and says what it could not record, while watch holds the write lock).
 */
function migrate(db: StateDb, path: string): void {
  if (schemaVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    const current = schemaVersion(db);
    if (current > SCHEMA_VERSION) {
      throw new ArchangelError('STATE_CORRUPT', `The learner record at ${path} was written by a newer ArchAngel (schema ${current}, this one knows ${SCHEMA_VERSION}).`, {
        hint: 'Upgrade ArchAngel to keep using this record; it was left untouched.',
      });
    }
    if (current === SCHEMA_VERSION) return;
    for (let version = current; version < SCHEMA_VERSION; version++) MIGRATIONS[version]!(db);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(SCHEMA_VERSION));
  }).immediate();
}

function schemaVersion(db: StateDb): number {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  if (!hasMeta) return 0;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return Number(row?.value ?? 0);
}

/** Any failure to open the record, as the error a human can act on (ArchangelErrors pass through). */
export function asStateError(path: string, error: unknown): ArchangelError {
  const known = stateFileError(path, error);
  if (known) return known;
  return new ArchangelError('STATE_CORRUPT', `Could not open the learner record at ${path}: ${messageOf(error)}.`, {
    hint: `Check that ${dirname(path)} is writable and not on a network drive that lacks file locks.`,
    cause: error,
  });
}

/**
 * A failure of the record while in use told as what it is: damage, a lock held too long, a
 * read-only folder, a full disk; undefined for anything else, which is a bug.
 */
export function stateFileError(path: string, error: unknown): ArchangelError | undefined {
  return sqliteFileError(error, { path, what: 'the learner record', elsewhere: `Make ${dirname(path)} writable: the learner record (notes, hints, chat) lives there.` }, (cause) => corruptState(path, cause));
}

/** The damaged-file error: says how to start afresh without losing the old file. */
export function corruptState(path: string, cause: unknown): ArchangelError {
  return new ArchangelError('STATE_CORRUPT', `The learner record at ${path} (notes and chat history) is damaged and cannot be read.`, {
    hint: `Nothing was deleted. Move it aside (\`mv ${path} ${path}.damaged\`) and ArchAngel starts a fresh record; \`sqlite3 ${path}.damaged .recover\` may rescue old chats.`,
    cause,
  });
}
