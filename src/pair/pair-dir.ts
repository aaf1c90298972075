import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ArchangelError } from '../errors/archangel-error.js';

/**
 * Where pair sessions live: one folder per session under a base folder owned by the user. The base
 * is `$TMUX_TMPDIR` or `/tmp`, in `archangel-<uid>` (like tmux's own `tmux-<uid>`), so a guest from
 * another account can reach a shared session; `ARCHANGEL_PAIR_DIR` replaces it (tests use a temp dir).
 * The base is 0711 (others may pass through, not list); a session folder is 0700, or 2750 with the
 * `--group` group so its members can reach the socket and read the session's metadata. Nothing here
 * is ever group- or world-writable.
 */

export const PRIVATE_DIR_MODE = 0o700;
export const GROUP_DIR_MODE = 0o2750;
export const BASE_DIR_MODE = 0o711;
export const PRIVATE_SOCKET_MODE = 0o600;
export const GROUP_SOCKET_MODE = 0o660;

export function pairBaseDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ARCHANGEL_PAIR_DIR) return env.ARCHANGEL_PAIR_DIR;
  return join(env.TMUX_TMPDIR || '/tmp', `archangel-${process.getuid?.() ?? 0}`);
}

/**
 * Creates the base folder when missing and checks one that exists: a folder (not a link), ours, and
 * writable by nobody else, or someone could swap a session's socket under us.
 */
export function ensureBaseDir(base: string): void {
  mkdirSync(base, { recursive: true, mode: BASE_DIR_MODE });
  const stat = lstatSync(base);
  const uid = process.getuid?.();
  const unsafe = !stat.isDirectory() ? 'is not a folder' : uid !== undefined && stat.uid !== uid ? 'belongs to another user' : (stat.mode & 0o022) !== 0 ? 'is writable by other users' : undefined;
  if (unsafe) {
    throw new ArchangelError('PAIR_UNSAFE', `The pair session folder ${base} ${unsafe}, so sessions there could be tampered with.`, {
      hint: `Remove it (or set ARCHANGEL_PAIR_DIR to a folder of your own) and start again.`,
    });
  }
}

/** The folder of session `name`, its tmux socket and its metadata file. */
export function sessionPaths(base: string, name: string) {
  const dir = join(base, name);
  return { dir, socket: join(dir, 'tmux.sock'), meta: join(dir, 'session.json') };
}

/** The numeric id of group `name` (or a number given as is); a USAGE error naming it when unknown. */
export function groupId(name: string): number {
  if (/^\d+$/.test(name)) return Number(name);
  try {
    const line = execFileSync('getent', ['group', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return Number(line.split(':')[2]);
  } catch (error) {
    throw new ArchangelError('USAGE', `There is no group named "${name}" on this machine.`, { hint: 'Pick a group both of you belong to (`id -Gn` lists yours), or ask an administrator to create one.', cause: error });
  }
}

/** The members `getent group` lists (supplementary members; those whose primary group it is are not listed). */
export function groupMembers(name: string): string[] {
  try {
    const line = execFileSync('getent', ['group', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return (line.split(':')[3] ?? '').split(',').filter(Boolean);
  } catch {
    return [];
  }
}

/** Makes the session folder: private, or shared read/traverse with `gid` (setgid, so the socket inherits it). */
export function createSessionDir(dir: string, gid?: number): void {
  mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  if (gid === undefined) return chmodSync(dir, PRIVATE_DIR_MODE);
  try {
    chownSync(dir, -1, gid);
  } catch (error) {
    throw new ArchangelError('USAGE', `You cannot share with group ${gid}: you are not one of its members.`, { hint: 'Pick one of the groups `id -Gn` lists.', cause: error });
  }
  chmodSync(dir, GROUP_DIR_MODE);
}

/** The socket tmux made: readable and writable by the owner only, or by the group too when shared. */
export function protectSocket(socket: string, gid?: number): void {
  if (gid !== undefined) chownSync(socket, -1, gid);
  chmodSync(socket, gid === undefined ? PRIVATE_SOCKET_MODE : GROUP_SOCKET_MODE);
}
