import { hostname } from 'node:os';
import { ArchangelError } from '../../errors/archangel-error.js';
import { tryLockFile, type LockFile } from '../../fs/lock-file.js';

/**
 * One writer at a time: an exclusive lock file beside the index (see `tryLockFile`). A lock left by
 * a process that no longer runs is taken over, so a crash never wedges the index.
 */
export type IndexLock = LockFile;

export function acquireIndexLock(indexPath: string): IndexLock {
  const lockPath = `${indexPath}.lock`;
  const lock = tryLockFile(lockPath);
  if (!('heldBy' in lock)) return lock;
  const owner = lock.heldBy;
  throw new ArchangelError('INDEX_LOCKED', `Another \`archangel index\` (pid ${owner.pid > 0 ? owner.pid : '?'}${owner.host !== hostname() ? ` on ${owner.host}` : ''}) is updating ${indexPath}.`, {
    hint: `Wait for it to finish; searches keep working meanwhile. If no such process runs, delete ${lockPath}.`,
  });
}
