import Database from 'better-sqlite3';
import { existsSync, linkSync, renameSync, rmSync } from 'node:fs';

/**
 * `index --rebuild` builds a fresh index in a file of its own beside the live one and swaps it in
 * with one rename: searches and `watch` keep reading the old index while it builds, and a rebuild
 * killed at any point (even with -9) leaves the old index as it was. The next `--rebuild` carries
 * on from what the killed one wrote. One backup is kept, `<index>.bak`, replaced by each rebuild.
 * Called with the index lock held: no other process writes either file meanwhile.
 */

/**
 * SQLite's side files of a database: its write-ahead log and shared memory in WAL mode, and the
 * rollback journal a new file has until WAL is switched on. They belong to the file beside them, by
 * name.
 */
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** Where a rebuild writes until it is swapped in. */
export function rebuildPathOf(indexPath: string): string {
  return `${indexPath}.rebuild`;
}

/** Where the index a rebuild replaced is kept. */
export function backupPathOf(indexPath: string): string {
  return `${indexPath}.bak`;
}

/** Deletes a database file and its side files, if present. */
function removeDatabase(path: string): void {
  for (const suffix of ['', ...SIDE_FILES]) rmSync(path + suffix, { force: true });
}

/** Drops a rebuild that cannot be carried on (its file was damaged): the next one starts afresh. */
export function discardRebuild(indexPath: string): void {
  removeDatabase(rebuildPathOf(indexPath));
}

/**
 * Puts the finished (closed) rebuild in place of the index; returns the backup's path, or undefined
 * when there was no index to keep. The live index's write-ahead log is checkpointed first; what
 * cannot be (a damaged index, a reader in the way) goes with the backup, so no frame of the old
 * file is ever read as part of the new one. A process still reading the old index keeps reading it
 * until it opens the index again.
 */
export function swapInRebuild(indexPath: string): string | undefined {
  const backup = backupPathOf(indexPath);
  removeDatabase(backup);
  const old = existsSync(indexPath);
  if (old) {
    checkpoint(indexPath);
    // A second name for the old file: it stays in place until the rename below replaces it.
    linkSync(indexPath, backup);
    for (const suffix of SIDE_FILES) if (existsSync(indexPath + suffix)) renameSync(indexPath + suffix, backup + suffix);
  }
  renameSync(rebuildPathOf(indexPath), indexPath);
  return old ? backup : undefined;
}

/** Moves every committed page of the log into the file and empties the log, when the file allows. */
function checkpoint(path: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Damaged or busy: its side files travel with the backup instead.
  } finally {
    db?.close();
  }
}
