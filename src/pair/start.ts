import { existsSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Project } from '../config/project.js';
import { ArchangelError } from '../errors/archangel-error.js';
import { tryLockFile } from '../fs/lock-file.js';
import { currentBranch } from '../review/branch.js';
import { currentLearner } from '../session/learner.js';
import { pairEnv } from './context.js';
import { isValidName, defaultName, readMeta, writeMeta, type PairMeta } from './metadata.js';
import { createSessionDir, ensureBaseDir, groupId, groupMembers, protectSocket, requireReachable, sessionPaths } from './pair-dir.js';
import { publishShared, unpublishShared } from './shared-index.js';
import { isAlive } from './status.js';
import { requireTmux, shellQuote, tmuxOn, type Tmux } from './tmux.js';

export interface StartOptions {
  project: Project;
  base: string;
  name?: string;
  /** The editor command; `$EDITOR` when absent. */
  editor?: string;
  /** Share with this group: its members may join, read-only unless named in `writers`. */
  group?: string;
  writers?: string[];
  navigator?: string;
  /** Terminal size for the new session (the first client to attach resizes it anyway). */
  size?: { columns: number; rows: number };
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

/** The built CLI (`bin/archangel.js`), two folders above this module both in `src/` and `dist/`. */
const BIN = fileURLToPath(new URL('../../bin/archangel.js', import.meta.url));

/** The editor command to run: `--editor`, else `$EDITOR`; no guess (a surprise `vi` helps nobody). */
export function editorCommand(editor: string | undefined, env: NodeJS.ProcessEnv): string {
  const command = (editor ?? env.EDITOR ?? '').trim();
  if (command) return command;
  throw new ArchangelError('USAGE', 'No editor to open: $EDITOR is not set and --editor was not given.', { hint: 'Pass one, e.g. `archangel pair --editor vim`, or `export EDITOR=nvim` in your shell profile.' });
}

/**
 * Opens a pair session: the editor in one pane, `archangel watch` (told it is a pair session) in the
 * other. Outside tmux, a tmux server of its own on a socket in the session's private folder; inside
 * tmux (`$TMUX`), a new window in the current server. On any failure, whatever was made is removed.
 * One start per name at a time (see `claimName`).
 */
export async function startPair(options: StartOptions): Promise<PairMeta> {
  const env = options.env ?? process.env;
  const { project, base } = options;
  requireTmux(env);
  const editor = editorCommand(options.editor, env);
  const name = options.name ?? defaultName(project.root);
  if (!isValidName(name)) throw new ArchangelError('USAGE', `"${name}" cannot name a pair session: use letters, digits, "-" and "_" (at most 40).`, { hint: 'Pick another with --name.' });
  const inTmux = env.TMUX ? env.TMUX.split(',')[0] : undefined;
  if (options.writers?.length && options.group === undefined) {
    throw new ArchangelError('USAGE', '--writer names a guest who may type, and guests come in only with --group.', { hint: 'Add --group GROUP (a group the writer belongs to), or drop --writer.' });
  }
  if (inTmux && options.group !== undefined) {
    throw new ArchangelError('USAGE', '--group shares a tmux server of its own, and you are inside tmux, where the session would be a window of your own server.', {
      hint: 'Run it from a terminal outside tmux, or `env -u TMUX archangel pair --group ...` to start the shared server from here.',
    });
  }
  const gid = options.group === undefined ? undefined : groupId(options.group);
  if (gid !== undefined) requireReachable(base, gid);
  ensureBaseDir(base);
  const claim = claimName(base, name);
  try {
    return await startClaimed(options, { name, editor, inTmux, gid, env });
  } finally {
    claim.release();
  }
}

/**
 * Three `pair start` of one name at once each removed the others' folder (and with it the socket of
 * a tmux server just started, which then ran on where nothing could reach it), and each failure's
 * clean-up killed another's server. A start now holds `<base>/.<name>.starting` (no session name
 * starts with a dot) until its session is recorded; the others are refused at once.
 */
function claimName(base: string, name: string): { release(): void } {
  const claim = tryLockFile(join(base, `.${name}.starting`));
  if (!('heldBy' in claim)) return claim;
  throw new ArchangelError('PAIR_TAKEN', `A pair session named "${name}" is being started by another command (pid ${claim.heldBy.pid > 0 ? claim.heldBy.pid : '?'}).`, {
    hint: `Join it with \`archangel pair join ${name}\` once it has started, or pick another name with --name.`,
  });
}

async function startClaimed(options: StartOptions, chosen: { name: string; editor: string; inTmux: string | undefined; gid: number | undefined; env: NodeJS.ProcessEnv }): Promise<PairMeta> {
  const { project, base } = options;
  const { name, editor, inTmux, gid, env } = chosen;
  const paths = sessionPaths(base, name);
  const existing = readMeta(base, name);
  if (existing && isAlive(existing, env)) {
    throw new ArchangelError('PAIR_TAKEN', `A pair session named "${name}" is already running (${existing.repo}).`, { hint: `Join it with \`archangel pair join ${name}\`, stop it with \`archangel pair stop ${name}\`, or pick another name with --name.` });
  }
  // A session that ended without `pair stop` left its folder: it is replaced. A start killed before
  // recording its session may have left a tmux server on the socket: stopped first, or it would run
  // on unreachable once the socket is gone.
  if (existsSync(paths.socket)) tmuxOn(paths.socket, env).succeeds('kill-server');
  rmSync(paths.dir, { recursive: true, force: true });
  unpublishShared(base, name);
  const driver = currentLearner(project.root, env);
  const meta: PairMeta = {
    name,
    kind: inTmux ? 'window' : 'session',
    socket: inTmux ?? paths.socket,
    repo: project.root,
    stateDir: project.stateDir,
    branch: await currentBranch(project.root),
    driver,
    navigator: options.navigator?.trim() || 'navigator',
    editor,
    ...(options.group ? { group: options.group } : {}),
    startedAt: (options.now ?? Date.now)(),
  };
  createSessionDir(paths.dir, gid);
  const tmux = tmuxOn(meta.socket, env);
  try {
    const watch = [process.execPath, BIN, 'watch'].map(shellQuote).join(' ');
    const watchEnv = Object.entries(pairEnv({ session: name, driver, navigator: meta.navigator })).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    const { columns, rows } = options.size ?? { columns: 160, rows: 45 };
    const [window = '', editorPane = '', tmuxSession = ''] = (
      inTmux
        ? tmux.run('new-window', '-P', '-F', '#{window_id} #{pane_id} #{session_name}', '-n', name, '-c', project.root, editor)
        : tmux.run('new-session', '-d', '-P', '-F', '#{window_id} #{pane_id} #{session_name}', '-s', name, '-n', name, '-x', String(columns), '-y', String(rows), '-c', project.root, editor)
    ).split(' ');
    if (inTmux) Object.assign(meta, { window, tmuxSession });
    tmux.run('split-window', '-h', '-d', '-t', editorPane, '-c', project.root, ...watchEnv, watch);
    if (!inTmux) {
      protectSocket(paths.socket, gid);
      if (options.group && gid !== undefined) grantAccess(tmux, groupMembers(options.group, gid), options.writers ?? []);
    }
    writeMeta(base, meta);
    if (gid !== undefined) publishShared(base, name, gid);
    return meta;
  } catch (error) {
    undo(tmux, meta);
    rmSync(paths.dir, { recursive: true, force: true });
    unpublishShared(base, name);
    throw error;
  }
}

/** Guests need a tmux ACL entry as well as the socket's group: read-only, unless named a writer. */
function grantAccess(tmux: Tmux, members: string[], writers: string[]): void {
  const self = userInfo().username;
  for (const user of new Set([...members, ...writers])) {
    // tmux refuses entries for the server's owner and for root, who always have full access.
    if (user === self || user === 'root') continue;
    tmux.run('server-access', '-a', writers.includes(user) ? '-w' : '-r', user);
  }
}

/** Removes what a failed start made in tmux: the window, or the whole server of its own. */
function undo(tmux: Tmux, meta: PairMeta): void {
  if (meta.kind === 'window') {
    if (meta.window) tmux.succeeds('kill-window', '-t', meta.window);
    return;
  }
  tmux.succeeds('kill-server');
}
