import { syncLocal } from './sync-local.js';
import { syncRemote } from './sync-remote.js';
import type { GoldenSource, SyncOptions, SyncedRepo } from './types.js';

/**
 * Makes one golden source readable at a pinned commit: a local repository is checked and read in
 * place; a remote one is cloned or fetched into `<cacheDir>/repos/`. Throws an ArchangelError
 * (GOLDEN_UNAVAILABLE, NOT_A_GIT_REPO, GIT_MISSING, INTERRUPTED) whose message names the repository;
 * callers index the other sources and report this one.
 */
export function syncSource(source: GoldenSource, options: SyncOptions): Promise<SyncedRepo> {
  return source.kind === 'local' ? syncLocal(source) : syncRemote(source, options);
}
