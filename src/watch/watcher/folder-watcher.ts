import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { debug } from '../../log/logger.js';

/** What `FolderWatcher` asks and tells its owner. */
export interface FolderWatcherHandlers {
  /** Whether to stay out of a folder (repo-relative, `/`-separated) and everything below it. */
  ignoresDir: (dir: string) => boolean;
  /** Something happened to this entry of a watched folder (a file written, renamed, removed...). */
  onEntry: (path: string) => void;
  /** A folder could not be watched or read; the rest goes on. */
  onError: (error: unknown) => void;
}

interface Watched {
  watcher: FSWatcher;
  /** The inode watched: a folder deleted and made again under the same name is a new folder. */
  ino: number;
}

/**
 * Watches every folder of a tree that is not ignored, one `fs.watch` (one inotify watch) per
 * folder and none per file: a change to a file arrives as an event of its folder's watch.
 * Chokidar lstat()s every file of every folder it reads, which on 20,000 files cost about 90 MB
 * of RSS and a second before ready; a folder walk over `readdir` file types costs ~15 MB and
 * under 100 ms (bench/watch-rss.ts). New folders are walked when they appear, removed or
 * renamed ones are let go, and ignored folders are never entered.
 */
export class FolderWatcher {
  private readonly watched = new Map<string, Watched>();
  /** Top-most folders left out, checked again by `recheckPruned` when the rules change. */
  private readonly pruned = new Set<string>();
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly handlers: FolderWatcherHandlers,
  ) {}

  /** Walks and watches the whole tree; resolves when every folder is watched. */
  start(): Promise<void> {
    return this.walk('', false);
  }

  /** How many folders are watched (for benchmarks and tests). */
  get size(): number {
    return this.watched.size;
  }

  /** Walks the pruned folders that the rules no longer ignore (a .gitignore edited, a folder now tracked). */
  async recheckPruned(): Promise<void> {
    const now = [...this.pruned].filter((dir) => !this.handlers.ignoresDir(dir));
    for (const dir of now) this.pruned.delete(dir);
    await Promise.all(now.map((dir) => this.walk(dir, true)));
  }

  /** Closes every watch. */
  close(): void {
    this.closed = true;
    for (const { watcher } of this.watched.values()) watcher.close();
    this.watched.clear();
  }

  /** Watches `dir` and the folders below it; `announce` reports the files found (a folder that appeared after the start). */
  private async walk(dir: string, announce: boolean): Promise<void> {
    if (this.closed || this.watched.has(dir)) return;
    if (dir !== '' && this.handlers.ignoresDir(dir)) {
      this.pruned.add(dir);
      return;
    }
    const absolute = join(this.root, dir);
    try {
      const { ino } = await stat(absolute);
      if (this.closed || this.watched.has(dir)) return;
      const watcher = watch(absolute, { persistent: true }, (event, name) => {
        if (name) this.entryChanged(dir, name.toString(), event);
      });
      watcher.on('error', (error) => {
        this.unwatch(dir);
        this.handlers.onError(error);
      });
      this.watched.set(dir, { watcher, ino });
    } catch (error) {
      // Gone already (a temp folder), or unwatchable (ENOSPC, EACCES): say so, and still walk below.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      this.handlers.onError(Object.assign(error as Error, { path: absolute }));
    }
    let entries;
    try {
      entries = await readdir(absolute, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.handlers.onError(error);
      return;
    }
    const below: Promise<void>[] = [];
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) below.push(this.walk(path, announce));
      else if (announce && entry.isFile()) this.handlers.onEntry(path);
    }
    await Promise.all(below);
  }

  private entryChanged(dir: string, name: string, event: string): void {
    if (this.closed) return;
    const path = dir === '' ? name : `${dir}/${name}`;
    this.handlers.onEntry(path);
    // Folders appear, disappear and move with 'rename' events; a write to a file is a 'change'.
    if (event === 'rename') void this.folderMaybeMoved(path);
  }

  private async folderMaybeMoved(path: string): Promise<void> {
    const now = await stat(join(this.root, path)).catch(() => undefined);
    const known = this.watched.get(path);
    if (known && (!now || !now.isDirectory() || now.ino !== known.ino)) this.unwatch(path);
    if (now?.isDirectory() && !this.watched.has(path)) {
      debug('watch', 'new folder', { path });
      await this.walk(path, true);
    }
  }

  /** Stops watching a folder and everything below it. */
  private unwatch(dir: string): void {
    for (const [path, { watcher }] of this.watched) {
      if (path === dir || path.startsWith(`${dir}/`)) {
        watcher.close();
        this.watched.delete(path);
      }
    }
    for (const path of this.pruned) if (path === dir || path.startsWith(`${dir}/`)) this.pruned.delete(path);
  }
}
