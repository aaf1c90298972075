import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ArchangelError } from '../errors/archangel-error.js';
import { openSessionStore } from '../session/store.js';
import type { PairMeta } from './metadata.js';
import { sessionPaths } from './pair-dir.js';
import { unpublishShared } from './shared-index.js';
import { isAlive } from './status.js';
import { writeSummary } from './summary.js';
import { tmuxOn } from './tmux.js';

export interface StoppedPair {
  meta: PairMeta;
  /** False when the session had already ended (its last pane closed) before `stop`. */
  wasRunning: boolean;
  summaryPath: string;
}

/**
 * Ends a pair session: closes its tmux session (or window), writes the summary from the driver's
 * record for the session's time, then removes its folder. A session that already ended still gets
 * its summary: the record is in state.db whatever happened to tmux.
 */
export function stopPair(base: string, meta: PairMeta, options: { env?: NodeJS.ProcessEnv; now?: () => number } = {}): StoppedPair {
  const env = options.env ?? process.env;
  requireOwner(base, meta);
  const wasRunning = isAlive(meta, env);
  if (wasRunning) {
    const tmux = tmuxOn(meta.socket, env);
    if (meta.kind === 'window') tmux.run('kill-window', '-t', meta.window ?? '');
    else tmux.run('kill-server');
  }
  const stoppedAt = (options.now ?? Date.now)();
  const store = openSessionStore(join(meta.stateDir, 'state.db'), { learner: meta.driver });
  let summaryPath: string;
  try {
    const window = { repo: meta.repo, since: meta.startedAt, until: stoppedAt };
    summaryPath = writeSummary(meta, { activity: store.activity(window), pairNotes: store.pairNotes(window), stoppedAt });
  } finally {
    store.close();
  }
  rmSync(sessionPaths(base, meta.name).dir, { recursive: true, force: true });
  unpublishShared(base, meta.name);
  return { meta, wasRunning, summaryPath };
}

/** A guest (a group member pointed at the owner's folder) may leave a session, not end it. */
function requireOwner(base: string, meta: PairMeta): void {
  const me = process.getuid?.();
  if (me === undefined || me === 0 || statSync(sessionPaths(base, meta.name).dir).uid === me) return;
  throw new ArchangelError('PAIR_DENIED', `Only the owner of the pair session "${meta.name}" can stop it.`, { hint: 'To leave it, detach from tmux (Ctrl-b d); its owner runs `archangel pair stop`.' });
}
