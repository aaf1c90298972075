import { statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { debug } from '../../log/logger.js';
import { gitSnapshot } from './git.js';
import { WatchError } from './watch-error.js';

/**
 * Names in the git dir that only a history-changing operation writes (checkout, reset, merge,
 * rebase, cherry-pick, revert, bisect, stash's reset). Seeing one confirms an operation.
 */
const OPERATION_NAMES = new Set(['HEAD', 'ORIG_HEAD', 'MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'AUTO_MERGE', 'BISECT_LOG', 'rebase-merge', 'rebase-apply']);

/**
 * Git's rebase spawns one step after another with gaps of a few milliseconds; an operation is
 * over only once the git dir has been quiet this long (or the caller's settle time, if longer).
 */
const MIN_GIT_QUIET_MS = 250;

/**
 * A lock older than this with nothing else moving is taken as stale (a crashed git, or a commit
 * message still being edited): holding saves back for longer would make the tutor look dead.
 */
const STALE_LOCK_MS = 60_000;

export interface GitActivityHandlers {
  /** A git operation is rewriting the working tree: saves are being held. */
  onStart: () => void;
  /** That operation is over (called once per `onStart`). */
  onEnd: () => void;
  /** The git dir moved (a `git status` refreshing the index, a `git add`) but nothing changed: release held saves. */
  onNothing: () => void;
  onError: (error: Error) => void;
}

/**
 * Watches the git dir (one watch, not recursive) to tell when a git operation is running. An
 * `index.lock` opens an episode; the episode is an operation when a name only operations write
 * appears, when the working tree changes under the lock, or when HEAD, its commit or the stash
 * differ afterwards. While an episode is open, `busy` is true and the watcher holds saves back.
 */
export class GitActivity {
  private state: 'idle' | 'episode' | 'operation' = 'idle';
  private quietTimer: NodeJS.Timeout | undefined;
  /** Bumped on every event, so a snapshot taken while git moved again is not trusted. */
  private generation = 0;
  private snapshot = '';
  private staleLockReported = 0;
  private fsWatcher: FSWatcher | undefined;
  private readonly quietMs: number;

  constructor(
    private readonly root: string,
    private readonly gitDir: string,
    settleMs: number,
    private readonly handlers: GitActivityHandlers,
  ) {
    this.quietMs = Math.max(settleMs, MIN_GIT_QUIET_MS);
  }

  /** Whether saves should be held back now. */
  get busy(): boolean {
    return this.state !== 'idle';
  }

  /** Takes the starting snapshot and starts watching the git dir. */
  async start(): Promise<void> {
    this.snapshot = await gitSnapshot(this.root, this.gitDir);
    this.fsWatcher = watch(this.gitDir, { persistent: true }, (_event, name) => {
      if (name) this.gitDirChanged(name.toString());
    });
    this.fsWatcher.on('error', (error) => this.handlers.onError(new WatchError('Lost the watch on the git folder: git operations may trigger one review per file.', 'EGITDIR', 'restart watch.', { cause: error })));
  }

  /** The watcher saw a working-tree change: under a lock, that is git writing files. */
  workingTreeChanged(): void {
    if (this.state === 'idle') return;
    if (this.lockHeld()) this.confirm();
    this.restartQuiet();
  }

  /** Stops watching; no handler is called afterwards. */
  close(): void {
    clearTimeout(this.quietTimer);
    this.fsWatcher?.close();
    this.state = 'idle';
    this.generation++;
  }

  private gitDirChanged(name: string): void {
    const base = name.endsWith('.lock') ? name.slice(0, -'.lock'.length) : name;
    const operation = OPERATION_NAMES.has(base);
    if (!operation && !base.startsWith('index')) return;
    debug('watch', 'git dir changed', { name });
    if (this.state === 'idle') this.state = 'episode';
    if (operation) this.confirm();
    this.restartQuiet();
  }

  private confirm(): void {
    if (this.state === 'operation') return;
    this.state = 'operation';
    this.handlers.onStart();
  }

  private restartQuiet(): void {
    this.generation++;
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => void this.settle(), this.quietMs);
  }

  private async settle(): Promise<void> {
    if (this.lockHeld()) return this.restartQuiet();
    const generation = this.generation;
    const snapshot = await gitSnapshot(this.root, this.gitDir).catch(() => this.snapshot);
    if (generation !== this.generation || this.state === 'idle') return;
    const changed = snapshot !== this.snapshot;
    this.snapshot = snapshot;
    if (changed) this.confirm();
    const wasOperation = this.state === 'operation';
    this.state = 'idle';
    if (wasOperation) this.handlers.onEnd();
    else this.handlers.onNothing();
  }

  /** Whether git holds the index lock, unless that lock has sat still for too long (reported once). */
  private lockHeld(): boolean {
    let modified: number;
    try {
      modified = statSync(join(this.gitDir, 'index.lock')).mtimeMs;
    } catch {
      return false;
    }
    if (Date.now() - modified < STALE_LOCK_MS) return true;
    if (this.staleLockReported !== modified) {
      this.staleLockReported = modified;
      this.handlers.onError(new WatchError(`${join(this.gitDir, 'index.lock')} has been there for over a minute; saves are reviewed again.`, 'STALE_LOCK', 'if no git command is running, delete that file (git left it behind when it stopped).'));
    }
    return false;
  }
}
