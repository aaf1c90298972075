import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as sqliteVec from 'sqlite-vec';
import { ArchangelError, messageOf } from '../../errors/archangel-error.js';
import { enableWal } from '../../sqlite/wal.js';
import { explainFailures } from '../../sqlite/explain-failures.js';
import { sqliteFileError } from '../../sqlite/file-health.js';
import { backupPathOf } from './rebuild.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type IndexDb = Database.Database;

/** How long opening waits for another process creating or migrating the same file. */
const BUSY_TIMEOUT_MS = 5_000;
/**
 * SQLite's page cache per connection, in KB (SQLite's own default). `watch` and `lsp` keep one
 * connection open all day, and every search adds the pages it read: at 64 MB, 60 code searches of
 * different files on a 20,000-file index left 49 MB of cache in the process, 7.5 MB at 2 MB. The OS
 * caches the file anyway, so searches are no slower (p50 17-18 ms either way, same queries).
 */
const PAGE_CACHE_KB = 2_000;

export interface OpenOptions {
  /** Open for reading only: a missing file is an error instead of being created. */
  readonly?: boolean;
}

/**
 * Opens (or creates) the index database: WAL so searches run while an index run writes,
 * sqlite-vec loaded, migrations applied. A file that is not a database, or is damaged, becomes an
 * INDEX_CORRUPT error that tells the user how to rebuild; nothing is deleted behind their back.
 */
export function openIndexDb(path: string, options: OpenOptions = {}): IndexDb {
  if (options.readonly && !existsSync(path)) {
    throw new ArchangelError('INDEX_MISSING', `There is no golden index at ${path} yet.`, {
      hint: 'Run `archangel index` to build it (the first run takes a minute or two).',
    });
  }
  let db: IndexDb | undefined;
  try {
    if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    sqliteVec.load(db);
    // Before WAL and the migrations: both may wait for another process creating the file.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!options.readonly) {
      enableWal(db, BUSY_TIMEOUT_MS);
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${PAGE_CACHE_KB}`);
    migrate(db, path, options.readonly ?? false);
    // Damage past the header, a lock held too long, a full disk: found mid-query, told like on open.
    return explainFailures(db, (error) => indexFileError(path, error) ?? error);
  } catch (error) {
    db?.close();
    throw indexFileError(path, error) ?? new ArchangelError('INDEX_CORRUPT', `Could not open the golden index at ${path}: ${messageOf(error)}.`, {
      hint: 'Check the file permissions, or run `archangel index --rebuild` to start a fresh index.',
      cause: error,
    });
  }
}

function migrate(db: IndexDb, path: string, readonly: boolean): void {
  const version = () => {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
    return hasMeta ? Number((db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined)?.value ?? 0) : 0;
  };
  const check = (current: number) => {
    if (current > SCHEMA_VERSION) {
      throw new ArchangelError('INDEX_MISMATCH', `The golden index at ${path} was written by a newer ArchAngel (schema ${current}, this one knows ${SCHEMA_VERSION}).`, {
        hint: 'Upgrade ArchAngel, or run `archangel index --rebuild` to rebuild the index with this version.',
      });
    }
  };
  const seen = version();
  check(seen);
  if (seen === SCHEMA_VERSION) return;
  if (readonly) {
    throw new ArchangelError('INDEX_MISMATCH', `The golden index at ${path} is from an older ArchAngel (schema ${seen}).`, {
      hint: 'Run `archangel index` to upgrade it.',
    });
  }
  // Read the version again under the write lock: another process may have migrated meanwhile.
  db.transaction(() => {
    const current = version();
    check(current);
    for (let v = current; v < SCHEMA_VERSION; v++) MIGRATIONS[v]!(db);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(SCHEMA_VERSION));
  }).immediate();
}

/**
 * A failure of the index file told as what it is: damage, a lock held too long, a folder that
 * cannot be written (SQLite writes a `-shm` file beside an index even to read it), a full disk;
 * undefined for anything else.
 */
export function indexFileError(path: string, error: unknown): ArchangelError | undefined {
  return sqliteFileError(
    error,
    { path, what: 'the golden index', elsewhere: `Make ${dirname(path)} writable, or point "index.path" in archangel.json (or ARCHANGEL_INDEX_PATH) at a folder you can write: SQLite writes beside the index even to read it.` },
    (cause) => corruptIndex(path, cause),
  );
}

export function corruptIndex(path: string, cause: unknown): ArchangelError {
  return new ArchangelError('INDEX_CORRUPT', `The golden index at ${path} is damaged and cannot be read.`, {
    hint: `Run \`archangel index --rebuild\`: it builds a fresh index beside it and keeps the damaged one as ${backupPathOf(path)}.`,
    cause,
  });
}
