import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchangelError } from '../errors/archangel-error.js';
import { isValidName } from './metadata.js';

/**
 * The base folder is 0711: other users may pass through it to a session whose name they know, not
 * list it. So that the members of a group can find the sessions shared with them, `pair start
 * --group` also leaves an empty file named after the session in `<base>/.group-<gid>/` (2750, in
 * that group): its members can list that folder, nobody else can. `pair stop` takes the file away.
 */

const INDEX_DIR_MODE = 0o2750;
const ENTRY_MODE = 0o640;

export function indexDir(base: string, gid: number): string {
  return join(base, `.group-${gid}`);
}

/** Lists session `name` for the members of group `gid`. */
export function publishShared(base: string, name: string, gid: number): void {
  const dir = indexDir(base, gid);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== process.getuid?.()) {
    throw new ArchangelError('PAIR_UNSAFE', `${dir} is not a folder of yours, so the sessions listed there could be forged.`, { hint: `Remove it and start again.` });
  }
  chownSync(dir, -1, gid);
  chmodSync(dir, INDEX_DIR_MODE);
  const entry = join(dir, name);
  writeFileSync(entry, '', { mode: ENTRY_MODE });
  chmodSync(entry, ENTRY_MODE);
}

/** Takes session `name` off every group's list (a name can be reused later with another group, or none). */
export function unpublishShared(base: string, name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(base);
  } catch {
    return;
  }
  for (const entry of entries.filter((entry) => entry.startsWith('.group-'))) rmSync(join(base, entry, name), { force: true });
}

/** The names of the sessions under `base` listed for any of `gids` (those this user cannot list are skipped). */
export function sharedNames(base: string, gids: readonly number[]): string[] {
  const names = gids.flatMap((gid) => {
    try {
      return readdirSync(indexDir(base, gid));
    } catch {
      return [];
    }
  });
  return [...new Set(names.filter(isValidName))].sort();
}
