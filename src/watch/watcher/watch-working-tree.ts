import type { Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { debug } from '../../log/logger.js';
import { ChangeDetector } from './change-detector.js';
import { GitActivity } from './git-activity.js';
import { listDirty, listTracked, resolveGitDir } from './git.js';
import { Settler } from './settle.js';
import { TreeFilter } from './tree-filter.js';
import { describeWatchError } from './watch-error.js';

/**
 * How long a file must be quiet before its save counts. Editors save in bursts: a temp file,
 * a rename, sometimes a formatter's second write, all within ~50 ms; 150 ms covers the burst
 * without making the tutor feel slow (the review itself takes seconds).
 */
export const DEFAULT_SETTLE_MS = 150;

/** Files editors write beside the real one (vim swap, emacs lock and autosave, backups): never a save. */
const EDITOR_SCRATCH = /(^|\/)(\.#[^/]*|#[^/]*#|[^/]*~|[^/]*\.sw[px]|[^/]*\.tmp)$/;

/** Options of `watchWorkingTree`. */
export interface WatchOptions {
  /** Files bigger than this are never reported (generated or data files, not the learner's code). */
  maxFileBytes: number;
  /** Quiet time before a save is reported; default `DEFAULT_SETTLE_MS`. */
  settleMs?: number;
  /** Files (repo-relative, `/`-separated) whose content changed, once each has settled. */
  onSaves: (paths: string[]) => void;
  /** A git operation rewrote the tree: 'start' while saves are held, 'end' once after (review the whole diff then). */
  onGitOperation?: (phase: 'start' | 'end') => void;
  /** Something could not be watched (a `WatchError` with a hint); watching goes on where it can. */
  onError?: (error: Error) => void;
}

/** A running watch. */
export interface WorkingTreeWatch {
  /** Stops every watch and timer; no callback runs after it resolves. */
  close(): Promise<void>;
}

/**
 * Watches the working tree at `root` (the repository's top folder) and reports saves. Only
 * folders are watched (one inotify watch each, not one per file): a file change arrives as an
 * event of its folder's watch. Folders that git ignores, vendored and build folders, `.git/`,
 * `.archangel/` and `node_modules/` are pruned before chokidar descends into them. Resolves
 * once the initial scan is done.
 */
export async function watchWorkingTree(root: string, options: WatchOptions): Promise<WorkingTreeWatch> {
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  let closed = false;
  const reportedCodes = new Set<string>();
  const reportError = (error: unknown): void => {
    const described = describeWatchError(error);
    debug('watch', 'watch error', { code: described.code, message: described.message });
    // One message per kind: ENOSPC fails for every folder after the limit, and one line says it all.
    if (closed || reportedCodes.has(described.code)) return;
    reportedCodes.add(described.code);
    options.onError?.(described);
  };

  const gitDir = await resolveGitDir(root).catch(() => undefined);
  const filter = new TreeFilter(root, gitDir && join(gitDir, 'info', 'exclude'));
  const detector = new ChangeDetector(root, options.maxFileBytes);
  const toRelative = (path: string): string => relative(root, path).split(sep).join('/');
  /** Top-most folders left unwatched, checked again when the rules or the tracked files change. */
  const pruned = new Set<string>();
  /** Saves that arrived while git was busy. */
  const held = new Set<string>();

  const report = async (paths: string[]): Promise<void> => {
    const changed = await detector.changed(paths);
    if (!closed && changed.length > 0) options.onSaves(changed);
  };
  const settler = new Settler(settleMs, (paths) => {
    if (git?.busy) for (const path of paths) held.add(path);
    else void report(paths);
  });

  const git = gitDir
    ? new GitActivity(root, gitDir, settleMs, {
        onStart: () => options.onGitOperation?.('start'),
        onEnd: () => {
          const rewritten = [...held];
          held.clear();
          void refreshAfterOperation(rewritten);
          options.onGitOperation?.('end');
        },
        onNothing: () => {
          const waiting = [...held];
          held.clear();
          if (waiting.length > 0) void report(waiting);
        },
        onError: reportError,
      })
    : undefined;

  const refreshAfterOperation = async (rewritten: string[]): Promise<void> => {
    await detector.remember(rewritten);
    const listing = await listTracked(root).catch(() => undefined);
    if (listing && !closed) {
      filter.setTracked(listing);
      rewatchPruned();
    }
  };

  const fileEvent = (path: string): void => {
    if (closed || path === '' || EDITOR_SCRATCH.test(path) || filter.ignoresFile(path)) return;
    if (path === '.gitignore' || path.endsWith('/.gitignore')) {
      filter.forgetRules(path.slice(0, -'.gitignore'.length).replace(/\/$/, ''));
      rewatchPruned();
    }
    git?.workingTreeChanged();
    if (git?.busy) held.add(path);
    else settler.touch(path);
  };

  const ignored = (path: string, stats?: Stats): boolean => {
    const rel = toRelative(path);
    if (rel === '' || rel.startsWith('..')) return false;
    // Files are not watched one by one: their folder's watch reports them (see 'raw' below).
    if (stats && !stats.isDirectory()) return true;
    if (!filter.ignoresDir(rel)) return false;
    pruned.add(rel);
    return true;
  };

  // Known before the scan, so a tracked `build/` is not pruned and then added back.
  filter.setTracked(await listTracked(root).catch(() => filter.tracked));
  const watcher = chokidarWatch(root, { ignored, ignoreInitial: true, followSymlinks: false, atomic: false, ignorePermissionErrors: false });
  const rewatchPruned = (): void => {
    for (const dir of pruned) {
      if (filter.ignoresDir(dir)) continue;
      pruned.delete(dir);
      watcher.add(join(root, dir));
    }
  };
  watcher.on('raw', (_event, name, details) => {
    const folder = (details as { watchedPath?: string } | undefined)?.watchedPath;
    if (name && folder) fileEvent(toRelative(join(folder, name)));
  });
  // A folder created after the start may already hold files written before its watch began.
  watcher.on('addDir', (path) => {
    readdir(path, { withFileTypes: true })
      .then((entries) => entries.filter((entry) => entry.isFile()).forEach((entry) => fileEvent(toRelative(join(path, entry.name)))))
      .catch(() => undefined);
  });
  watcher.on('error', reportError);

  const started = Promise.all([
    new Promise<void>((resolve) => watcher.once('ready', resolve)),
    git?.start().catch(reportError),
    // At start, a dirty file's current content is what the first review sees: a touch of it is no save.
    listDirty(root)
      .then((paths) => detector.remember(paths.filter((path) => !filter.ignoresFile(path))))
      .catch(() => undefined),
  ]);
  await started;

  return {
    async close() {
      closed = true;
      settler.clear();
      git?.close();
      held.clear();
      await watcher.close();
    },
  };
}
