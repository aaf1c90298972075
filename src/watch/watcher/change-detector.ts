import { join } from 'node:path';
import { debug } from '../../log/logger.js';
import { readContent } from './content.js';
import { indexBlobs } from './git.js';

/**
 * Re-reading this many files after a git operation (or at start) is cheap; a checkout that
 * rewrote more is better served by forgetting them and comparing with the index on their next save.
 */
const MAX_FILES_TO_REMEMBER = 2_000;

/**
 * Tells real edits from events that change nothing: editors touch files on focus, write the same
 * bytes again, or save through a temp file that is gone a moment later. Each path's content (git
 * blob id) is remembered when reported; a path never seen before is compared with the index, so
 * the first focus-touch of a clean tracked file is not a save either.
 */
export class ChangeDetector {
  /** Last known content per repo-relative path; null: known to be missing. */
  private readonly known = new Map<string, string | null>();

  constructor(
    private readonly root: string,
    private readonly maxFileBytes: number,
  ) {}

  /** The paths whose content differs from what was last known, which becomes what is known. */
  async changed(paths: string[]): Promise<string[]> {
    const unknown = paths.filter((path) => !this.known.has(path));
    const index = await indexBlobs(this.root, unknown).catch((error: unknown) => {
      debug('watch', 'cannot read index blobs', { error: String(error) });
      return new Map<string, string>();
    });
    const changed: string[] = [];
    for (const path of paths) {
      const content = await readContent(join(this.root, path), this.maxFileBytes);
      if (content.kind === 'skipped') {
        debug('watch', 'save skipped', { path, reason: content.reason });
        continue;
      }
      const now = content.kind === 'text' ? content.blob : null;
      const before = this.known.has(path) ? this.known.get(path) : (index.get(path) ?? null);
      if (now !== before) changed.push(path);
      if (now === null && !index.has(path) && !this.known.get(path)) this.known.delete(path);
      else this.known.set(path, now);
    }
    return changed;
  }

  /** The paths whose content is known (reported, or remembered). */
  knownPaths(): string[] {
    return [...this.known.keys()];
  }

  /** Takes the current content of `paths` as known (dirty files at start, files a git operation rewrote). */
  async remember(paths: string[]): Promise<void> {
    if (paths.length > MAX_FILES_TO_REMEMBER) {
      for (const path of paths) this.known.delete(path);
      return;
    }
    for (const path of paths) {
      const content = await readContent(join(this.root, path), this.maxFileBytes);
      if (content.kind === 'text') this.known.set(path, content.blob);
      else this.known.delete(path);
    }
  }
}
