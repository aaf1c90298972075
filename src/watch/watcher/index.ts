/** Saves in the working tree, filtered and settled; git operations reported as one event. */
export { DEFAULT_SETTLE_MS, watchWorkingTree, type WatchOptions, type WorkingTreeWatch } from './watch-working-tree.js';
export type { WatchMode } from './open-tree-source.js';
export { WatchError } from './watch-error.js';
