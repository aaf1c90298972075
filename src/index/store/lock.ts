import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ArchangelError } from '../../errors/archangel-error.js';

/**
 * One writer at a time: an exclusive lock file beside the index, holding the owner's pid and host.
 * A lock left by a process that no longer runs (killed with -9, a crash) is taken over, so a
 * crash never wedges the index.
 */
/** How young an unreadable lock file must be to count as being written right now. */
const FRESH_LOCK_MS = 5_000;

export interface IndexLock {
  release(): void;
}

export function acquireIndexLock(indexPath: string): IndexLock {
  const lockPath = `${indexPath}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(lockPath);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      if (owner && owner.host === hostname() && !isAlive(owner.pid)) {
        unlinkSync(lockPath);
        continue;
      }
      throw new ArchangelError('INDEX_LOCKED', `Another \`archangel index\` (pid ${owner?.pid ?? '?'}${owner && owner.host !== hostname() ? ` on ${owner.host}` : ''}) is updating ${indexPath}.`, {
        hint: `Wait for it to finish; searches keep working meanwhile. If no such process runs, delete ${lockPath}.`,
      });
    }
  }
  throw new ArchangelError('INDEX_LOCKED', `Could not lock ${indexPath}.`, { hint: `Delete ${lockPath} if no index run is in progress.` });
}

function readOwner(lockPath: string): { pid: number; host: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return { pid: parsed.pid, host: parsed.host };
  } catch {
    // Empty or half-written: its owner is either still writing it (young file: treat as held) or
    // died while writing it (old file: treat as stale).
    if (Date.now() - statSync(lockPath, { throwIfNoEntry: false })!.mtimeMs < FRESH_LOCK_MS) return { pid: process.pid === 1 ? 2 : 1, host: hostname() };
  }
  return { pid: -1, host: hostname() };
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
