import { once } from 'node:events';
import { join, relative, sep } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { isBelowAny } from './git.js';
import type { TreeEvent, TreeSource, TreeSourceHandlers } from './tree-source.js';

/**
 * How often each file is stat()ed when polling. Chokidar polls every file on its own timer, so on a
 * 20,000-file tree 1 s means 20,000 stats a second; a save is then seen ~0.5 s late on average.
 * On NFS the client's attribute cache (`acregmin`, 3 s by default) delays changes more than this
 * anyway.
 */
export const POLL_INTERVAL_MS = 1_000;

const EVENT_TYPES: Record<string, TreeEvent['type']> = { add: 'create', addDir: 'create', change: 'update', unlink: 'delete', unlinkDir: 'delete' };

/**
 * The tree's events from chokidar polling (`fs.watchFile` on every file and folder): slower and
 * heavier than native events, but it sees changes that a file system does not report to this
 * machine (NFS and SMB shares, WSL's Windows drives, Docker Desktop bind mounts), and it needs no
 * native module and no inotify watches.
 */
export async function openPollSource(root: string, handlers: TreeSourceHandlers): Promise<TreeSource> {
  const { watch } = await import('chokidar');
  const relativePath = (path: string): string => relative(root, path).split(sep).join('/');
  let pruned: ReadonlySet<string> = new Set();
  let watcher: FSWatcher | undefined;

  return {
    kind: 'poll',
    async watch(next) {
      const before = pruned;
      pruned = next;
      if (watcher) {
        // Chokidar asks `ignored` as it meets each path: only folders that changed side need telling.
        const added = [...next].filter((dir) => !before.has(dir)).map((dir) => join(root, dir));
        const freed = [...before].filter((dir) => !next.has(dir)).map((dir) => join(root, dir));
        if (added.length > 0) watcher.unwatch(added);
        if (freed.length > 0) watcher.add(freed);
        return;
      }
      watcher = watch(root, {
        usePolling: true,
        interval: POLL_INTERVAL_MS,
        binaryInterval: POLL_INTERVAL_MS,
        ignoreInitial: true,
        followSymlinks: false,
        // An unreadable folder is reported once, from git's walk (see listPrunedDirs).
        ignorePermissionErrors: true,
        ignored: (path) => isBelowAny(pruned, relativePath(path)),
      });
      watcher.on('all', (event, path) => {
        const type = EVENT_TYPES[event];
        if (type) handlers.onEvents([{ path: relativePath(path), type }]);
      });
      watcher.on('error', handlers.onError);
      await once(watcher, 'ready');
    },
    async close() {
      const closing = watcher;
      watcher = undefined;
      await closing?.close();
    },
  };
}
