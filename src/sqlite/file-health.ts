import { ArchangelError, messageOf } from '../errors/archangel-error.js';
import { environmentError, type FaultPlace } from '../errors/environment.js';

/**
 * What the index and the learner record share about their SQLite files: recognising a damaged
 * file, and telling a failure of one as what it is.
 */

/** True for SQLite's ways of saying the file is not a (healthy) database. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  const text = typeof code === 'string' ? code : '';
  return text === 'SQLITE_NOTADB' || text.startsWith('SQLITE_CORRUPT') || /not a database|malformed/i.test(messageOf(error));
}

/** An error SQLite itself raised (better-sqlite3 gives it SQLite's result code). */
export function isSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/**
 * A failure of the SQLite file at `place` as the error a person can act on: damage as its owner
 * tells it (`damaged`), or a lock, permission or full disk; undefined for anything else (a bug).
 */
export function sqliteFileError(error: unknown, place: FaultPlace, damaged: (cause: unknown) => ArchangelError): ArchangelError | undefined {
  if (error instanceof ArchangelError) return error;
  if (isCorruption(error)) return damaged(error);
  return environmentError(error, place);
}
