import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { isProcessAlive } from './process-alive.js';

/**
 * One holder at a time: an exclusive lock file (made with O_EXCL) holding its owner's pid and host.
 * A lock left by a process that no longer runs on this host (killed with -9, a crash) is taken
 * over, so a crash never wedges what it guards. `archangel index` locks the index with it, and
 * `pair start` a session name.
 */

/** How young an unreadable lock file must be to count as being written right now. */
const FRESH_LOCK_MS = 5_000;

export interface LockFile {
  release(): void;
}

/** Who holds a lock: a pid on a host (`-1` when the file named none). */
export interface LockOwner {
  pid: number;
  host: string;
}

/** Takes the lock at `path` (its folder is made), or says who holds it. */
export function tryLockFile(path: string): LockFile | { heldBy: LockOwner } {
  mkdirSync(dirname(path), { recursive: true });
  let owner: LockOwner = { pid: -1, host: hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      return held(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const read = readOwner(path);
      // Released between the failed open and the read: free, so try again.
      if (read === 'gone') continue;
      owner = read;
      if (owner.host !== hostname() || isProcessAlive(owner.pid)) return { heldBy: owner };
      removeIfThere(path);
    }
  }
  return { heldBy: owner };
}

function held(path: string): LockFile {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}

/** Who the lock file names, or 'gone' when it no longer exists. */
function readOwner(path: string): LockOwner | 'gone' {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return { pid: parsed.pid, host: parsed.host };
  } catch {
    // Empty or half-written: its owner is either still writing it (young file: treat as held) or
    // died while writing it (old file: treat as stale).
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return 'gone';
    if (Date.now() - stat.mtimeMs < FRESH_LOCK_MS) return { pid: process.pid === 1 ? 2 : 1, host: hostname() };
  }
  return { pid: -1, host: hostname() };
}

/** Removes a stale lock; another taker may have removed it first. */
function removeIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

