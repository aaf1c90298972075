import { join, sep } from 'node:path';
import type { TreeEvent, TreeSource, TreeSourceHandlers } from './tree-source.js';
import { codeOfMessage } from './watch-error.js';

/**
 * The tree's events from `@parcel/watcher` (inotify on Linux, FSEvents on macOS,
 * ReadDirectoryChangesW on Windows): one native crawl, no JavaScript per folder, events within
 * milliseconds. Rejects when the native module cannot load (no prebuilt binary for the platform).
 */
export async function openNativeSource(root: string, handlers: TreeSourceHandlers): Promise<TreeSource> {
  const parcel = await import('@parcel/watcher');
  const prefix = root.endsWith(sep) ? root : root + sep;
  const relative = (path: string): string => (path.length < prefix.length ? '' : path.slice(prefix.length).split(sep).join('/'));
  const callback = (error: Error | null, events: Array<{ path: string; type: TreeEvent['type'] }>): void => {
    if (error) handlers.onError(withCode(error));
    else if (events.length > 0) handlers.onEvents(events.map((event) => ({ path: relative(event.path), type: event.type })));
  };
  let subscription: { unsubscribe(): Promise<void> } | undefined;

  return {
    kind: 'native',
    async watch(pruned) {
      // @parcel/watcher keeps one crawl of a folder (its DirTree) for every subscription to it,
      // whatever their ignore lists: the old subscription must go before the tree is read again.
      // Saves in between are found by the caller, comparing the tree with what it last knew.
      const previous = subscription;
      subscription = undefined;
      await previous?.unsubscribe();
      try {
        subscription = await parcel.subscribe(root, callback, { ignore: [...pruned].map((dir) => join(root, dir)) });
      } catch (error) {
        throw withCode(error);
      }
    },
    async close() {
      const closing = subscription;
      subscription = undefined;
      await closing?.unsubscribe();
    },
  };
}

/**
 * @parcel/watcher's errors carry only a message ("inotify_add_watch on '/repo/src' failed: No space
 * left on device"): give them the `code` and `path` a Node error would have.
 */
function withCode(error: unknown): unknown {
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code) return error;
  const code = codeOfMessage(error.message);
  const path = /'([^']+)'/.exec(error.message)?.[1];
  return Object.assign(error, code ? { code } : {}, path ? { path } : {});
}
