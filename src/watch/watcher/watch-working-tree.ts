import { join } from 'node:path';
import { debug } from '../../log/logger.js';
import { ChangeDetector } from './change-detector.js';
import { FolderWatcher } from './folder-watcher.js';
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
 * folders are watched, one inotify watch each: a file change arrives as an event of its folder's
 * watch. Folders that git ignores, vendored and build folders, `.git/`, `.archangel/` and
 * `node_modules/` are pruned before the walk enters them. Resolves once every folder is watched.
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
  // Known before the walk, so a tracked `build/` is not pruned and then walked again.
  filter.setTracked(await listTracked(root).catch(() => filter.tracked));
  const detector = new ChangeDetector(root, options.maxFileBytes);
  /** Saves that arrived while git was busy: dropped after an operation, reported after a mere `git status`. */
  const held = new Set<string>();

  const report = async (paths: string[]): Promise<void> => {
    const changed = await detector.changed(paths);
    if (!closed && changed.length > 0) options.onSaves(changed);
  };
  const takeHeld = (): string[] => {
    const paths = [...held];
    held.clear();
    return paths;
  };
  const refreshAfterOperation = async (rewritten: string[]): Promise<void> => {
    await detector.remember(rewritten);
    const listing = await listTracked(root).catch(() => undefined);
    if (listing && !closed) {
      filter.setTracked(listing);
      await folders.recheckPruned();
    }
  };

  const git = gitDir
    ? new GitActivity(root, gitDir, settleMs, {
        onStart: () => options.onGitOperation?.('start'),
        onEnd: () => {
          void refreshAfterOperation(takeHeld());
          options.onGitOperation?.('end');
        },
        onNothing: () => {
          const waiting = takeHeld();
          if (waiting.length > 0) void report(waiting);
        },
        onError: reportError,
      })
    : undefined;

  const settler = new Settler(settleMs, (paths) => {
    if (git?.busy) for (const path of paths) held.add(path);
    else void report(paths);
  });

  const fileEvent = (path: string): void => {
    if (closed || EDITOR_SCRATCH.test(path) || filter.ignoresFile(path)) return;
    if (path === '.gitignore' || path.endsWith('/.gitignore')) {
      filter.forgetRules(path.slice(0, -'.gitignore'.length).replace(/\/$/, ''));
      void folders.recheckPruned();
    }
    git?.workingTreeChanged();
    if (git?.busy) held.add(path);
    else settler.touch(path);
  };

  const folders = new FolderWatcher(root, { ignoresDir: (dir) => filter.ignoresDir(dir), onEntry: fileEvent, onError: reportError });
  await Promise.all([
    folders.start(),
    git?.start().catch(reportError),
    // At start, a dirty file's current content is what the first review sees: a touch of it is no save.
    listDirty(root)
      .then((paths) => detector.remember(paths.filter((path) => !filter.ignoresFile(path))))
      .catch(() => undefined),
  ]);

  return {
    async close() {
      closed = true;
      settler.clear();
      git?.close();
      folders.close();
      held.clear();
    },
  };
}
