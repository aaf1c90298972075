import { existsSync } from 'node:fs';
import { ArchangelError } from '../errors/archangel-error.js';
import { repoFolder } from './cache-folder.js';
import { syncLocal } from './sync-local.js';
import type { GoldenSource } from './types.js';

/**
 * Where a golden repository's git objects are read, without touching the network: a local repo in
 * place, a remote one from the cache clone `archangel index` made (its pinned commit is kept
 * reachable there). For a local repo, `current` is the commit its ref points at now; knowing it for
 * a remote one would need the network.
 */
export async function goldenGitDir(source: GoldenSource, cacheDir: string): Promise<{ gitDir: string; current?: string }> {
  if (source.kind === 'local') {
    const synced = await syncLocal(source);
    return { gitDir: synced.gitDir, current: synced.commit };
  }
  const folder = repoFolder(cacheDir, source.id);
  if (!existsSync(folder)) {
    throw new ArchangelError('GOLDEN_UNAVAILABLE', `The clone of golden repo ${source.name} is missing from the cache.`, {
      hint: 'Run `archangel index` to fetch it again, then try again.',
    });
  }
  return { gitDir: folder };
}
