import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { debug } from '../../log/logger.js';
import { ChangeDetector } from './change-detector.js';
import { GitActivity } from './git-activity.js';
import { isBelowAny, listDirty, listPrunedDirs, listTracked, resolveGitDir } from './git.js';
import { openTreeSource, type WatchMode } from './open-tree-source.js';
import { Settler } from './settle.js';
import { ALWAYS_IGNORED_DIRS, TreeFilter } from './tree-filter.js';
import type { TreeEvent, TreeSource } from './tree-source.js';
import { codeOfMessage, describeWatchError, WatchError } from './watch-error.js';

/**
 * How long a file must be quiet before its save counts. Measured, not guessed (bench/watch-settle.ts):
 * vim (backup by rename, then write), VS Code (in place, or a temp file renamed over it) and
 * JetBrains' safe write leave a file without its new content for under 4 ms, traced with strace on
 * a loaded 2-core machine, and every save was reported once even with a 10 ms settle. 50 ms is
 * over ten times the worst seen; the rest of a burst (vim's chmod after its fsync) only reads the
 * file again and finds nothing new.
 */
export const DEFAULT_SETTLE_MS = 50;

/**
 * Above this many files outside .gitignore, watching costs enough to say so: @parcel/watcher
 * keeps ~0.4 KB a file (200,000 files: ~80 MB and a second to start), polling far more.
 */
const LARGE_TREE_FILES = 100_000;

/** Files editors write beside the real one (vim swap, emacs lock and autosave, backups): never a save. */
const EDITOR_SCRATCH = /(^|\/)(\.#[^/]*|#[^/]*#|[^/]*~|[^/]*\.sw[px]|[^/]*\.tmp)$/;

/** Options of `watchWorkingTree`. */
export interface WatchOptions {
  /** Files bigger than this are never reported (generated or data files, not the learner's code). */
  maxFileBytes: number;
  /** Quiet time before a save is reported; default `DEFAULT_SETTLE_MS`. */
  settleMs?: number;
  /** Poll for changes instead of native events (`watch.poll` in archangel.json). */
  poll?: boolean;
  /** Files (repo-relative, `/`-separated) whose content changed, once each has settled. */
  onSaves: (paths: string[]) => void;
  /** A git operation rewrote the tree: 'start' while saves are held, 'end' once after (review the whole diff then). */
  onGitOperation?: (phase: 'start' | 'end') => void;
  /** Something could not be watched (a `WatchError` with a hint); watching goes on where it can. */
  onError?: (error: Error) => void;
}

/** A running watch. */
export interface WorkingTreeWatch {
  /** Native events, or polling and why. */
  readonly mode: WatchMode;
  /** Stops every watch and timer; no callback runs after it resolves. */
  close(): Promise<void>;
}

/**
 * Watches the working tree at `root` (the repository's top folder) and reports saves, with
 * `@parcel/watcher` (chokidar polling where native events cannot be had or trusted: see
 * open-tree-source.ts). The folders git ignores, vendored and build folders, `.git/`,
 * `.archangel/` and `node_modules/` are left out (git lists them: `listPrunedDirs`), files are
 * filtered by the .gitignore rules, and a save is reported once it has settled and its content
 * differs from what was last seen. Git operations are reported as one event, not a storm of saves.
 * Resolves once the tree is watched.
 */
export async function watchWorkingTree(root: string, options: WatchOptions): Promise<WorkingTreeWatch> {
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  let closed = false;
  const reportedCodes = new Set<string>();
  const reportError = (error: unknown): void => {
    const described = error instanceof WatchError ? error : describeWatchError(error);
    debug('watch', 'watch error', { code: described.code, message: described.message });
    // One message per kind: ENOSPC fails for every folder after the limit, and one line says it all.
    if (closed || reportedCodes.has(described.code)) return;
    reportedCodes.add(described.code);
    options.onError?.(described);
  };

  const gitDir = await resolveGitDir(root).catch(() => undefined);
  const filter = new TreeFilter(root, gitDir && join(gitDir, 'info', 'exclude'));
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
  const quiet = (paths: string[]): void => {
    if (git?.busy) for (const path of paths) held.add(path);
    else void report(paths);
  };

  /** The folders left out, as git sees them now; unreadable folders are said once. */
  const prunedDirs = async (): Promise<ReadonlySet<string>> => {
    const found = await listPrunedDirs(root, filter.tracked).catch((error: unknown) => {
      debug('watch', 'cannot list ignored folders', { error: String(error) });
      return undefined;
    });
    // Outside a git repository, or git failing: at least what never counts.
    if (!found) return new Set(ALWAYS_IGNORED_DIRS);
    for (const { dir, reason } of found.unreadable) reportError(Object.assign(new Error(reason), { code: codeOfMessage(reason) ?? 'EIO', path: join(root, dir) }));
    return found.dirs;
  };
  let pruned = await prunedDirs();
  /** Set once watching has started. */
  let source: TreeSource | undefined;

  /** Whether folders appeared since the tree was last read (native events do not follow nested ones). */
  let foldersAppeared = false;
  let refreshing: Promise<void> | undefined;
  let refreshAgain = false;
  /**
   * Asks git again which folders to leave out, and watches the tree with that list when it
   * changed, or when folders appeared (a native source then reads the tree afresh). A native
   * source stops while it reads the tree again: anything saved meanwhile is found by comparing
   * the dirty files with what was last seen. One refresh at a time; a request during one runs
   * once it ends.
   */
  const refresh = (): void => {
    const active = source;
    if (refreshing || !active) {
      refreshAgain = true;
      return;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        const reread = foldersAppeared;
        foldersAppeared = false;
        const next = await prunedDirs();
        if (closed) return;
        if (!reread && sameSet(next, pruned)) continue;
        await active.watch(next);
        pruned = next;
        if (active.kind === 'native') quiet((await listDirty(root)).filter((path) => !filter.ignoresFile(path)));
      } while (refreshAgain && !closed);
    })()
      .catch(reportError)
      .finally(() => (refreshing = undefined));
  };
  const treeChanged = new Settler(settleMs, () => {
    if (!git?.busy) refresh();
  });

  const git = gitDir
    ? new GitActivity(root, gitDir, settleMs, {
        onStart: () => options.onGitOperation?.('start'),
        onEnd: () => {
          void afterOperation(takeHeld());
          options.onGitOperation?.('end');
        },
        onNothing: () => {
          const waiting = takeHeld();
          if (waiting.length > 0) void report(waiting);
        },
        onError: reportError,
      })
    : undefined;
  const afterOperation = async (rewritten: string[]): Promise<void> => {
    // Files seen during the operation and every file known before it: a polling source may report
    // what git rewrote only after the operation looked over, and that is no save either.
    await detector.remember([...new Set([...rewritten, ...detector.knownPaths()])]);
    const listing = await listTracked(root).catch(() => undefined);
    if (!listing || closed) return;
    filter.setTracked(listing);
    refresh();
  };

  const settler = new Settler(settleMs, quiet);
  const folderMaybeCreated = async (path: string): Promise<void> => {
    const stats = await stat(join(root, path)).catch(() => undefined);
    if (!stats?.isDirectory() || closed) return;
    debug('watch', 'new folder', { path });
    foldersAppeared = true;
    treeChanged.touch('tree');
  };
  const rootGone = async (): Promise<void> => {
    if (await stat(root).then(() => true, () => false)) return;
    reportError(new WatchError(`${root} was deleted or moved: saves are no longer watched.`, 'ROOT_GONE', 'restart watch in the repository folder.'));
  };
  const onEvents = (events: TreeEvent[]): void => {
    if (closed) return;
    for (const { path, type } of events) {
      if (path === '') {
        if (type === 'delete') void rootGone();
        continue;
      }
      if (EDITOR_SCRATCH.test(path) || isBelowAny(pruned, path)) continue;
      if (type === 'create') void folderMaybeCreated(path);
      if (filter.ignoresFile(path)) continue;
      if (path === '.gitignore' || path.endsWith('/.gitignore')) {
        filter.forgetRules(path.slice(0, -'.gitignore'.length).replace(/\/$/, ''));
        treeChanged.touch('tree');
      }
      git?.workingTreeChanged();
      if (git?.busy) held.add(path);
      else settler.touch(path);
    }
  };

  const [started, dirty] = await Promise.all([
    openTreeSource(root, pruned, { poll: options.poll ?? false, handlers: { onEvents, onError: reportError }, onFallback: reportError }).then((opened) => {
      source = opened.source;
      // Folders that appeared while watching started are read now.
      if (refreshAgain) refresh();
      return opened;
    }),
    listDirty(root).catch(() => [] as string[]),
  ]);
  // After the tree: when the watch limit is reached, the tree's fallback to polling is what the one
  // line about it must say, not the watch of .git that would otherwise race it there.
  await git?.start().catch(reportError);
  // At start, a dirty file's current content is what the first review sees: a touch of it is no save.
  await detector.remember(dirty.filter((path) => !filter.ignoresFile(path)));
  const files = filter.tracked.files + dirty.length;
  if (files > LARGE_TREE_FILES) {
    reportError(new WatchError(`This tree has about ${files.toLocaleString('en-US')} files outside .gitignore: watching them all costs memory and start-up time.`, 'LARGE_TREE', 'add generated, data and vendored folders to .gitignore (or .git/info/exclude), then restart watch.'));
  }
  debug('watch', 'watching', { mode: started.mode, files, pruned: pruned.size });

  return {
    mode: started.mode,
    async close() {
      closed = true;
      settler.clear();
      treeChanged.clear();
      git?.close();
      await refreshing;
      await source?.close();
      held.clear();
    },
  };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}
