import { unreliableFilesystem } from './filesystem.js';
import { openNativeSource } from './native-source.js';
import { openPollSource } from './poll-source.js';
import type { TreeSource, TreeSourceHandlers } from './tree-source.js';
import { pollingInstead } from './watch-error.js';

/** How the tree is watched: native events, or polling and why (for the header). */
export type WatchMode = { kind: 'native' } | { kind: 'poll'; reason: string };

/**
 * Starts watching `root` with native events where they can be had and trusted, else by polling:
 * when `poll` is asked for (`watch.poll` in archangel.json), when the tree is on a file system
 * whose native events miss writes made elsewhere, or when the native watcher cannot load or start
 * (then `onFallback` is told why, with what to do).
 */
export async function openTreeSource(
  root: string,
  pruned: ReadonlySet<string>,
  options: { poll: boolean; handlers: TreeSourceHandlers; onFallback: (error: Error) => void },
): Promise<{ source: TreeSource; mode: WatchMode }> {
  let reason = options.poll ? 'watch.poll' : unreliableFilesystem(root);
  if (reason === undefined) {
    let native: TreeSource | undefined;
    try {
      native = await openNativeSource(root, options.handlers);
      await native.watch(pruned);
      return { source: native, mode: { kind: 'native' } };
    } catch (error) {
      await native?.close().catch(() => undefined);
      const fallback = pollingInstead(error);
      options.onFallback(fallback);
      reason = fallback.code === 'ENOSPC' ? 'inotify watch limit reached' : 'no native watcher';
    }
  }
  const source = await openPollSource(root, options.handlers);
  await source.watch(pruned);
  return { source, mode: { kind: 'poll', reason } };
}
