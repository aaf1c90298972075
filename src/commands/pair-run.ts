import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { palette, terminalCaps } from '../cli/terminal.js';
import { openProject } from '../config/project.js';
import { ArchangelError } from '../errors/archangel-error.js';
import { listMeta, readMeta, type PairMeta } from '../pair/metadata.js';
import { pairBaseDir } from '../pair/pair-dir.js';
import { startPair } from '../pair/start.js';
import { isAlive, joinInstructions } from '../pair/status.js';
import { stopPair } from '../pair/stop.js';
import { requireTmux } from '../pair/tmux.js';
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
  for (const line of joinInstructions(meta)) out(line);
  out(`Stop it with \`archangel pair stop ${meta.name}\`: that writes the session's summary to .archangel/sessions/.`);
  const attach = meta.kind === 'session' && !flags.detach && process.stdin.isTTY && process.stdout.isTTY;
  return attach ? attachTo(meta, false) : 0;
}

export async function pairJoinCommand(name: string | undefined, flags: { readOnly?: boolean }): Promise<number> {
  requireTmux();
  const meta = running(pick(name));
  return attachTo(meta, flags.readOnly ?? false);
}

export async function pairListCommand(flags: { json?: boolean }): Promise<number> {
  const sessions = listMeta(pairBaseDir()).map((meta) => ({ ...meta, running: isAlive(meta) }));
  if (flags.json) {
    out(JSON.stringify(sessions, null, 2));
    return 0;
  }
  if (sessions.length === 0) {
    out('No pair sessions. Start one with `archangel pair`.');
    return 0;
  }
  const p = palette(terminalCaps(process.stdout).color);
  for (const session of sessions) {
    out(`${p.bold(session.name)}  ${session.running ? p.green('running') : p.yellow('ended (run `archangel pair stop` for its summary)')}  ${session.repo}`);
    out(`  driver ${session.driver} · navigator ${session.navigator} · since ${new Date(session.startedAt).toLocaleString()}${session.group ? ` · group ${session.group}` : ''}`);
    if (session.running) out(`  join: archangel pair join ${session.name}`);
  }
  return 0;
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
  const args = sameServer ? ['switch-client', '-t', target] : ['attach-session', '-t', target, ...(readOnly ? ['-r'] : [])];
  const result = spawnSync('tmux', ['-S', meta.socket, ...args], { stdio: 'inherit', env });
  return result.status ?? 1;
}
