import type Database from 'better-sqlite3';

/** How long to wait before trying a busy switch to WAL again. */
const RETRY_MS = 20;

/**
 * Puts `db` in WAL mode. When two processes open one new file at once (watch and the review hook),
 * both hold a shared lock and both need an exclusive one to switch: SQLite answers one of them
 * SQLITE_BUSY at once, without waiting out the busy timeout, since waiting could deadlock. That one
 * sleeps and tries again until `timeoutMs`; by then the other has switched the file, and the pragma
 * only reads the mode.
 */
export function enableWal(db: Pick<Database.Database, 'pragma'>, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      // Opening is synchronous (better-sqlite3), so the wait is too.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
    }
  }
}
