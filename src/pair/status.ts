import type { PairMeta } from './metadata.js';
import { guestBaseDir } from './pair-dir.js';
import { tmuxOn } from './tmux.js';

/** Whether the session's tmux session (or window) still exists. */
export function isAlive(meta: PairMeta, env: NodeJS.ProcessEnv = process.env): boolean {
  const tmux = tmuxOn(meta.socket, env);
  if (meta.kind === 'session') return tmux.succeeds('has-session', '-t', `=${meta.name}`);
  if (!meta.window) return false;
  try {
    return tmux.run('list-windows', '-a', '-F', '#{window_id}').split('\n').includes(meta.window);
  } catch {
    return false;
  }
}

/**
 * How to join, for this user and for guests: the exact commands, and who can use them. Guests look
 * for `owner`'s sessions in the default `/tmp/archangel-<uid>`, so a session elsewhere (`base`) tells
 * them to set `ARCHANGEL_PAIR_DIR`; the raw tmux command is for guests without ArchAngel.
 */
export function joinInstructions(meta: PairMeta, owner: { name: string; uid: number; base: string }): string[] {
  const target = meta.kind === 'window' ? (meta.tmuxSession ?? meta.name) : meta.name;
  const raw = `tmux -S ${meta.socket} attach -t ${target}`;
  if (meta.kind === 'window') {
    return [
      `Pair session "${meta.name}" is window ${meta.window ?? ''} of the tmux you were already in.`,
      `You: switch to it, or from another terminal \`archangel pair join ${meta.name}\`.`,
      `Others join your whole tmux server (every window, not only this one) with \`${raw} -r\` to watch, or without -r to type; only users you allowed with \`tmux server-access -a USER\` can, and only if they can reach ${meta.socket}.`,
    ];
  }
  const lines = [`Pair session "${meta.name}" started: editor on the left, archangel watch on the right.`, `You: \`archangel pair join ${meta.name}\` (add --read-only to watch only).`];
  if (meta.group) {
    const moved = owner.base === guestBaseDir(owner.uid, {}) ? '' : `ARCHANGEL_PAIR_DIR=${owner.base} `;
    lines.push(
      `Members of group ${meta.group} watch with \`${moved}archangel pair join ${owner.name}/${meta.name} --read-only\` (tmux refuses their keys unless they were named with --writer, who join without --read-only).`,
      `Without ArchAngel they run \`${raw} -r\` (writers without -r).`,
    );
  } else {
    lines.push(`Nobody else can join: the socket is private to you. Start with --group GROUP to let a group in.`);
  }
  return lines;
}
