import type { FileChange } from '../../review/types.js';

/**
 * The files the Changes pane lists once a review has read its diff. A review of the whole diff
 * (start, `r`, after a git operation) lists what it read. A review of saved files reads only
 * those (the watcher asks git about the paths it saw change, not the 20,000 it did not): their
 * entries are replaced, or dropped when the save undid the change, and every other changed file
 * stays listed as the last review that read it found it.
 */
export function filesAfterReview(listed: readonly FileChange[], reviewed: readonly string[], read: readonly FileChange[]): FileChange[] {
  if (reviewed.length === 0) return [...read];
  const replaced = new Set([...reviewed, ...read.flatMap((file) => (file.oldPath === undefined ? [file.path] : [file.path, file.oldPath]))]);
  return [...listed.filter((file) => !replaced.has(file.path)), ...read].sort(byPath);
}

/** The order `readDiff` lists files in. */
function byPath(a: FileChange, b: FileChange): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
