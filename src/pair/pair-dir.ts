import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
 * Where a guest looks for the sessions of the user with id `uid`: `ARCHANGEL_PAIR_DIR` when set (the
 * owner's own base, which they moved), else the default `/tmp/archangel-<uid>`. A guest cannot know
 * the owner's `$TMUX_TMPDIR`, so an owner who set one gives guests their base to set as
 * `ARCHANGEL_PAIR_DIR`; `pair start` prints it.
 */
export function guestBaseDir(uid: number, env: NodeJS.ProcessEnv = process.env): string {
  return env.ARCHANGEL_PAIR_DIR || join('/tmp', `archangel-${uid}`);
}

/**
 * Creates the base folder when missing and checks one that exists: a folder (not a link), ours, and
 * writable by nobody else, or someone could swap a session's socket under us. The folders it makes
 * are chmod-ed after creating them, as a umask of 077 would otherwise leave them 0700 and shut
 * guests out.
 */
export function ensureBaseDir(base: string): void {
  const first = mkdirSync(base, { recursive: true, mode: BASE_DIR_MODE });
  for (let dir = resolve(base); first !== undefined; dir = dirname(dir)) {
    chmodSync(dir, BASE_DIR_MODE);
    if (dir === resolve(first)) break;
  }
  const stat = lstatSync(base);
  const uid = process.getuid?.();
  const unsafe = !stat.isDirectory() ? 'is not a folder' : uid !== undefined && stat.uid !== uid ? 'belongs to another user' : (stat.mode & 0o022) !== 0 ? 'is writable by other users' : undefined;
  if (unsafe) {
    throw new ArchangelError('PAIR_UNSAFE', `The pair session folder ${base} ${unsafe}, so sessions there could be tampered with.`, {
      hint: `Remove it (or set ARCHANGEL_PAIR_DIR to a folder of your own) and start again.`,
    });
  }
}

/**
 * Checks that members of group `gid` can reach a socket under `base`: every folder from `/` to
 * `base` must let them pass (`x` for others, or for `gid`). Called before anything is made: a
 * private `$TMUX_TMPDIR` such as `/run/user/<uid>` (0700) would otherwise give a group socket that
 * no guest can ever reach.
 */
export function requireReachable(base: string, gid: number): void {
  for (let dir = resolve(base); ; dir = dirname(dir)) {
    // Folders still to be made get BASE_DIR_MODE.
    const stat = existsSync(dir) ? statSync(dir) : undefined;
    if (stat && (stat.mode & 0o001) === 0 && !(stat.gid === gid && (stat.mode & 0o010) !== 0)) {
      throw new ArchangelError('USAGE', `Guests could not reach the session: ${dir} does not let other users pass through it.`, {
        hint: `Run \`chmod o+x ${dir}\`, or set ARCHANGEL_PAIR_DIR (or TMUX_TMPDIR) to a folder under /tmp.`,
      });
    }
    if (dir === dirname(dir)) return;
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
  const [line] = getent('group', name);
  if (line) return Number(line.split(':')[2]);
  throw new ArchangelError('USAGE', `There is no group named "${name}" on this machine.`, { hint: 'Pick a group both of you belong to (`id -Gn` lists yours), or ask an administrator to create one.' });
}

/**
 * Everyone in group `name` (id `gid`): the members `getent group` lists, and the users whose primary
 * group it is, which `getent group` leaves out (they are found by their gid in `getent passwd`).
 */
export function groupMembers(name: string, gid: number): string[] {
  const listed = getent('group', name)
    .flatMap((line) => (line.split(':')[3] ?? '').split(','))
    .filter(Boolean);
  const primary = getent('passwd')
    .map((line) => line.split(':'))
    .filter((fields) => fields[3] === String(gid))
    .map((fields) => fields[0] ?? '');
  return [...new Set([...listed, ...primary])].filter(Boolean);
}

/** The lines `getent` prints for a database (and key); none when it fails. */
export function getent(...args: string[]): string[] {
  try {
    return execFileSync('getent', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 }).split('\n').filter(Boolean);
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
