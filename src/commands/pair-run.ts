import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { relative } from 'node:path';
import { palette, terminalCaps } from '../cli/terminal.js';
import { openProject } from '../config/project.js';
import { ArchangelError } from '../errors/archangel-error.js';
import { ownerNamed, readSharedMeta, requireJoinable, sharedWithMe, type SharedSession } from '../pair/guest.js';
import { listMeta, readMeta, type PairMeta } from '../pair/metadata.js';
import { pairBaseDir } from '../pair/pair-dir.js';
import { startPair } from '../pair/start.js';
import { isAlive, joinInstructions } from '../pair/status.js';
import { stopPair } from '../pair/stop.js';
import { requireTmux, tmuxOn } from '../pair/tmux.js';
import type { PairStartFlags } from './pair.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

export async function pairStartCommand(flags: PairStartFlags): Promise<number> {
  const project = await openProject();
  const columns = process.stdout.columns;
  const rows = process.stdout.rows;
  const meta = await startPair({
    project,
    base: pairBaseDir(),
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    ...(flags.editor !== undefined ? { editor: flags.editor } : {}),
    ...(flags.group !== undefined ? { group: flags.group } : {}),
    ...(flags.writer ? { writers: flags.writer } : {}),
    ...(flags.navigator !== undefined ? { navigator: flags.navigator } : {}),
    ...(columns && rows ? { size: { columns, rows } } : {}),
  });
  for (const line of joinInstructions(meta, { name: userInfo().username, uid: process.getuid?.() ?? 0, base: pairBaseDir() })) out(line);
  out(`Stop it with \`archangel pair stop ${meta.name}\`: that writes the session's summary to .archangel/sessions/.`);
  const attach = meta.kind === 'session' && !flags.detach && process.stdin.isTTY && process.stdout.isTTY;
  return attach ? attachTo(meta, false) : 0;
}

export async function pairJoinCommand(target: string | undefined, flags: { readOnly?: boolean }): Promise<number> {
  requireTmux();
  return attachTo(joinable(target), flags.readOnly ?? false);
}

/**
 * The session `target` names: `OWNER/NAME` (another user's, or yours), `NAME` (yours, else the one
 * session of that name another user shares with you), or nothing (your only one).
 */
function joinable(target: string | undefined): PairMeta {
  const slash = target?.indexOf('/') ?? -1;
  if (target !== undefined && slash >= 0) {
    const owner = ownerNamed(target.slice(0, slash));
    const name = target.slice(slash + 1);
    if (owner.uid === process.getuid?.()) return running(pick(name));
    return requireJoinable(owner.name, readSharedMeta(owner, name));
  }
  const base = pairBaseDir();
  if (target === undefined || (ownedByMe(base) && readMeta(base, target))) return running(pick(target));
  const shared = sharedWithMe().filter((session) => session.meta.name === target);
  if (shared.length === 1) return requireJoinable(shared[0]!.owner, shared[0]!.meta);
  if (shared.length > 1) {
    throw new ArchangelError('USAGE', `Several users share a pair session named "${target}": ${shared.map((session) => `${session.owner}/${target}`).join(', ')}.`, { hint: `Say whose, e.g. \`archangel pair join ${shared[0]!.owner}/${target}\`.` });
  }
  throw new ArchangelError('PAIR_GONE', `There is no pair session named "${target}", of yours or shared with you.`, { hint: '`archangel pair list` shows them; for another user\'s, give OWNER/NAME.' });
}

const joinCommand = (session: SharedSession) => `archangel pair join ${session.owner}/${session.meta.name}`;

export async function pairListCommand(flags: { json?: boolean }): Promise<number> {
  const base = pairBaseDir();
  const me = userInfo().username;
  // With ARCHANGEL_PAIR_DIR set to another user's folder, its sessions are theirs, shared with you.
  const mine = ownedByMe(base) ? listMeta(base).map((meta) => ({ owner: me, ...meta, running: isAlive(meta) })) : [];
  const shared = sharedWithMe();
  if (flags.json) {
    const others = shared.map((session) => ({ owner: session.owner, ...session.meta, running: session.state === 'running', ...(session.state === 'refused' ? { refused: true } : {}), join: joinCommand(session) }));
    out(JSON.stringify([...mine, ...others], null, 2));
    return 0;
  }
  if (mine.length === 0 && shared.length === 0) {
    out('No pair sessions, of yours or shared with you. Start one with `archangel pair`.');
    return 0;
  }
  const p = palette(terminalCaps(process.stdout).color);
  for (const session of mine) {
    out(`${p.bold(session.name)}  ${session.running ? p.green('running') : p.yellow('ended (run `archangel pair stop` for its summary)')}  ${session.repo}`);
    out(`  driver ${session.driver} · navigator ${session.navigator} · since ${new Date(session.startedAt).toLocaleString()}${session.group ? ` · group ${session.group}` : ''}`);
    if (session.running) out(`  join: archangel pair join ${session.name}`);
  }
  if (shared.length === 0) return 0;
  if (mine.length > 0) out();
  out(p.bold('Shared with you'));
  for (const { owner, meta, state } of shared) {
    const status = state === 'running' ? p.green('running') : state === 'ended' ? p.yellow('ended') : p.yellow(`tmux refuses you (ask ${owner} to add you)`);
    out(`${p.bold(`${owner}/${meta.name}`)}  ${status}  ${meta.repo}`);
    out(`  driver ${meta.driver} · navigator ${meta.navigator} · since ${new Date(meta.startedAt).toLocaleString()} · group ${meta.group ?? '?'}`);
    if (state === 'running') out(`  join: ${joinCommand({ owner, meta, state })} --read-only`);
  }
  return 0;
}

function ownedByMe(base: string): boolean {
  try {
    return statSync(base).uid === process.getuid?.();
  } catch {
    return false;
  }
}

export async function pairStopCommand(name: string | undefined): Promise<number> {
  requireTmux();
  const stopped = stopPair(pairBaseDir(), pick(name));
  if (!stopped.wasRunning) out(`The pair session "${stopped.meta.name}" had already ended; its summary was still written.`);
  out(`Stopped "${stopped.meta.name}". Summary: ${relative(process.cwd(), stopped.summaryPath) || stopped.summaryPath}`);
  return 0;
}

/** The session named, or the only one there is. */
function pick(name: string | undefined): PairMeta {
  const base = pairBaseDir();
  if (name !== undefined) {
    const meta = readMeta(base, name);
    if (meta) return meta;
    throw new ArchangelError('PAIR_GONE', `There is no pair session named "${name}".`, { hint: '`archangel pair list` shows yours; it may have been stopped already.' });
  }
  const all = listMeta(base);
  if (all.length === 1) return all[0]!;
  if (all.length === 0) throw new ArchangelError('PAIR_GONE', 'There is no pair session to use.', { hint: 'Start one with `archangel pair`.' });
  throw new ArchangelError('USAGE', `There are ${all.length} pair sessions (${all.map((meta) => meta.name).join(', ')}): which one?`, { hint: 'Name it, e.g. `archangel pair join NAME`.' });
}

function running(meta: PairMeta): PairMeta {
  if (isAlive(meta)) return meta;
  throw new ArchangelError('PAIR_GONE', `The pair session "${meta.name}" has already ended (its last pane was closed).`, { hint: `\`archangel pair stop ${meta.name}\` writes its summary and clears it away.` });
}

/** Attaches this terminal (read-only if asked); inside the same tmux server, switches to it instead of nesting. */
function attachTo(meta: PairMeta, readOnly: boolean): number {
  const target = meta.kind === 'window' ? (meta.window ?? meta.name) : `=${meta.name}`;
  const env = { ...process.env };
  const sameServer = env.TMUX?.split(',')[0] === meta.socket;
  // Joining from inside another tmux nests one in the other: allowed here, the user asked for it.
  delete env.TMUX;
  const tmux = tmuxOn(meta.socket, env);
  return sameServer ? tmux.interactive('switch-client', '-t', target) : tmux.interactive('attach-session', '-t', target, ...(readOnly ? ['-r'] : []));
}
