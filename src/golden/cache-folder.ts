import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { debug } from '../log/logger.js';
import { isProcessAlive } from '../fs/process-alive.js';

/** Where remote golden repos live in the cache, and how half-made clones are cleared away. */

const TEMP_MARK = '.tmp-';

/** `<cacheDir>/repos/<readable id>-<hash>`: readable for humans, the hash keeps similar ids apart. */
export function repoFolder(cacheDir: string, id: string): string {
  const readable = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80);
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 10);
  return join(cacheDir, 'repos', `${readable}-${hash}`);
}

/** A fresh folder name beside `folder` to clone into before renaming it into place. */
export function tempFolderFor(folder: string): string {
  return `${folder}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Deletes temp clones of `folder` left by processes that no longer run (killed mid-clone). A temp
 * folder of a live process is left alone: that clone may still finish.
 */
export async function removeStaleTempFolders(folder: string): Promise<void> {
  const parent = join(folder, '..');
  const prefix = `${folder.slice(parent.length + 1)}${TEMP_MARK}`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && isProcessAlive(pid)) continue;
    debug('golden', 'removing a half-made clone left by an interrupted run', { folder: join(parent, name) });
    await rm(join(parent, name), { recursive: true, force: true });
  }
}
