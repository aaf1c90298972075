import { existsSync, renameSync } from 'node:fs';
import { messageOf } from '../errors/archangel-error.js';

/**
 * What the index and the learner record share about their SQLite files: recognising a damaged
 * file, and moving one aside (with its WAL side files) without deleting anything.
 */

/** True for SQLite's ways of saying the file is not a (healthy) database. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  const text = typeof code === 'string' ? code : '';
  return text === 'SQLITE_NOTADB' || text.startsWith('SQLITE_CORRUPT') || /not a database|malformed/i.test(messageOf(error));
}

/**
 * Renames `path` (and `-wal`/`-shm` beside it) to `<path>.<label>-<time>`. Returns the new path,
 * or undefined when there was nothing to move.
 */
export function moveAside(path: string, label: string, now: Date = new Date()): string | undefined {
  if (!existsSync(path)) return undefined;
  const backup = `${path}.${label}-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, backup);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, backup + suffix);
  }
  return backup;
}
