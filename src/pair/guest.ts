import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { ArchangelError } from '../errors/archangel-error.js';
import { isValidName, type PairMeta } from './metadata.js';
import { getent, guestBaseDir, sessionPaths } from './pair-dir.js';
import { sharedNames } from './shared-index.js';
import { tmuxOn } from './tmux.js';

/**
 * The guest's side of a shared session: finding another user's session, reading its metadata, and
 * telling why it cannot be joined (no such user or session, not in its group, tmux refusing, ended).
 */

export interface Owner {
  name: string;
  uid: number;
}

/** A session of another user that this user can read. */
export interface SharedSession {
  owner: string;
  meta: PairMeta;
  /** `refused`: the socket is reachable but tmux has no entry for this user (they joined the group later). */
  state: 'running' | 'ended' | 'refused';
}

/** The user named `name`; a USAGE error when there is none. */
export function ownerNamed(name: string): Owner {
  const fields = /^[A-Za-z0-9._][A-Za-z0-9._-]*\$?$/.test(name) ? getent('passwd', name)[0]?.split(':') : undefined;
  if (fields?.[2]) return { name: fields[0] ?? name, uid: Number(fields[2]) };
  throw new ArchangelError('USAGE', `There is no user named "${name}" on this machine.`, { hint: 'Give the session owner\'s login name, as in `archangel pair join ana/my-app`.' });
}

function userName(uid: number): string {
  return getent('passwd', String(uid))[0]?.split(':')[0] ?? String(uid);
}

function groupName(gid: number): string {
  return getent('group', String(gid))[0]?.split(':')[0] ?? String(gid);
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Reads `owner`'s session `name` as a guest, or says plainly why it cannot. */
export function readSharedMeta(owner: Owner, name: string, env: NodeJS.ProcessEnv = process.env): PairMeta {
  const label = `${owner.name}/${name}`;
  const gone = () => new ArchangelError('PAIR_GONE', `${owner.name} has no pair session named "${name}".`, { hint: '`archangel pair list` shows the sessions shared with you; it may have been stopped.' });
  if (!isValidName(name)) throw gone();
  const base = guestBaseDir(owner.uid, env);
  let baseStat: Stats;
  try {
    baseStat = statSync(base);
  } catch (error) {
    if (errno(error) !== 'ENOENT') throw error;
    throw new ArchangelError('PAIR_GONE', `${owner.name} has no pair sessions in ${base}.`, {
      hint: 'If they moved theirs (ARCHANGEL_PAIR_DIR or TMUX_TMPDIR), set ARCHANGEL_PAIR_DIR to the folder their `pair start` printed.',
    });
  }
  if (baseStat.uid !== owner.uid) {
    throw new ArchangelError('PAIR_UNSAFE', `${base} belongs to ${userName(baseStat.uid)}, not ${owner.name}, so it does not hold their sessions.`, { hint: 'Unset ARCHANGEL_PAIR_DIR, or set it to the folder their `pair start` printed.' });
  }
  const paths = sessionPaths(base, name);
  let dirStat: Stats;
  try {
    dirStat = statSync(paths.dir);
  } catch (error) {
    if (errno(error) === 'ENOENT') throw gone();
    if (errno(error) === 'EACCES') throw new ArchangelError('PAIR_DENIED', `You cannot reach ${owner.name}'s pair sessions: ${base} does not let you pass.`, { hint: `Ask ${owner.name} to share the session from a folder others can pass through (the default /tmp/archangel-<uid>).` });
    throw error;
  }
  try {
    return JSON.parse(readFileSync(paths.meta, 'utf8')) as PairMeta;
  } catch (error) {
    if (errno(error) === 'ENOENT') throw gone();
    if (errno(error) !== 'EACCES') throw error;
    const shared = (dirStat.mode & 0o050) === 0o050 ? groupName(dirStat.gid) : undefined;
    throw new ArchangelError(
      'PAIR_DENIED',
      shared ? `The pair session ${label} is shared with group ${shared}, and you are not in it.` : `The pair session ${label} is private to ${owner.name}.`,
      {
        hint: shared
          ? `Ask ${owner.name} to add you to ${shared} (then log in again) and restart the session, or to share it with a group you are in.`
          : `Ask ${owner.name} to start it with --group GROUP, a group you are in.`,
      },
    );
  }
}

/** Whether a guest can attach: tmux answers, refuses this user (no `server-access` entry), or is gone. */
export function sharedState(meta: PairMeta, env: NodeJS.ProcessEnv = process.env): SharedSession['state'] {
  const complaint = tmuxOn(meta.socket, env).complaint('has-session', '-t', `=${meta.name}`);
  if (complaint === undefined) return 'running';
  if (/access not allowed/.test(complaint)) return 'refused';
  // A read-only guest may be refused the command itself: the server is there.
  if (/read-only/.test(complaint)) return 'running';
  return 'ended';
}

/** The running session a guest joins, or the reason they cannot. */
export function requireJoinable(owner: string, meta: PairMeta, env: NodeJS.ProcessEnv = process.env): PairMeta {
  const state = sharedState(meta, env);
  if (state === 'running') return meta;
  if (state === 'ended') {
    throw new ArchangelError('PAIR_GONE', `The pair session ${owner}/${meta.name} has ended.`, { hint: `Ask ${owner} to start it again.` });
  }
  throw new ArchangelError('PAIR_DENIED', `tmux refuses you in ${owner}/${meta.name}: you were not in group ${meta.group ?? '?'} when the session started.`, {
    hint: `Ask ${owner} to run \`tmux -S ${meta.socket} server-access -a ${userInfo().username}\` (add -r to watch only).`,
  });
}

/**
 * The sessions of other users shared with one of this user's groups: under `ARCHANGEL_PAIR_DIR`
 * when set, else in every `/tmp/archangel-<uid>` of another user.
 */
export function sharedWithMe(env: NodeJS.ProcessEnv = process.env): SharedSession[] {
  const me = process.getuid?.();
  const gids = process.getgroups?.() ?? [];
  const bases = env.ARCHANGEL_PAIR_DIR
    ? [env.ARCHANGEL_PAIR_DIR]
    : readdirSync('/tmp')
        .filter((entry) => /^archangel-\d+$/.test(entry))
        .map((entry) => join('/tmp', entry));
  const found: SharedSession[] = [];
  for (const base of bases) {
    let stat: Stats;
    try {
      stat = lstatSync(base);
    } catch {
      continue;
    }
    if (!stat.isDirectory() || stat.uid === me) continue;
    const owner = userName(stat.uid);
    for (const name of sharedNames(base, gids)) {
      let meta: PairMeta;
      try {
        meta = JSON.parse(readFileSync(sessionPaths(base, name).meta, 'utf8')) as PairMeta;
      } catch {
        continue;
      }
      found.push({ owner, meta, state: sharedState(meta, env) });
    }
  }
  return found.sort((a, b) => a.owner.localeCompare(b.owner) || a.meta.name.localeCompare(b.meta.name));
}
