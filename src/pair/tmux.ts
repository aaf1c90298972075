import { spawnSync } from 'node:child_process';
import { ArchangelError } from '../errors/archangel-error.js';

/**
 * The one way ArchAngel runs tmux: always against an explicit socket (`-S`), never the user's default
 * server by accident, with failures as typed errors.
 */

/** tmux 3.3 added `server-access`, which makes a guest's client read-only on the server's side. */
export const MIN_TMUX_VERSION = { major: 3, minor: 3 } as const;

/** What to do when a tmux command fails: tmux's own words are in the message. */
const FAILED_HINT = 'Check that tmux runs in this terminal (`tmux -V`); run again with ARCHANGEL_DEBUG=1 for the command that failed.';

/** A tmux command that exited non-zero, as the typed error the top-level handler prints (exit 8). */
export class TmuxError extends ArchangelError {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    const said = stderr.trim().replace(/\.$/, '');
    // The whole command (long: environment, paths) is the cause, shown with ARCHANGEL_DEBUG=1.
    super('TMUX_FAILED', `tmux ${args[0] ?? ''} failed: ${said || 'it exited without a message'}.`, { hint: FAILED_HINT, cause: new Error(`tmux ${args.join(' ')}`) });
    this.name = 'TmuxError';
  }
}

export interface Tmux {
  readonly socket: string;
  /** Runs a tmux command on this socket and returns its stdout; throws TmuxError on failure. */
  run(...args: string[]): string;
  /** Whether a tmux command succeeds (e.g. `has-session`), for questions rather than actions. */
  succeeds(...args: string[]): boolean;
  /** What tmux printed on stderr, whatever its exit status (it exits 0 after `access not allowed`). */
  complaint(...args: string[]): string | undefined;
  /** Runs a tmux command in this terminal (`attach-session`, `switch-client`) until it ends; returns its exit status. */
  interactive(...args: string[]): number;
}

const INSTALL_HINT = 'Install it with your package manager, e.g. `sudo apt-get install tmux`, `sudo dnf install tmux` or `brew install tmux`.';

function spawnTmux(args: string[], env: NodeJS.ProcessEnv, inTerminal = false) {
  const result = spawnSync('tmux', args, { encoding: 'utf8', env, stdio: inTerminal ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new ArchangelError('TMUX_MISSING', 'tmux is not installed (or not on PATH), and pair sessions run in tmux.', { hint: INSTALL_HINT, cause: result.error });
  }
  if (result.error) throw new ArchangelError('TMUX_FAILED', `tmux could not be run: ${result.error.message}.`, { hint: FAILED_HINT, cause: result.error });
  return result;
}

/** A driver for the tmux server listening on `socket`. */
export function tmuxOn(socket: string, env: NodeJS.ProcessEnv = process.env): Tmux {
  return {
    socket,
    run(...args) {
      const result = spawnTmux(['-S', socket, ...args], env);
      if (result.status !== 0) throw new TmuxError(args, result.stderr);
      return result.stdout.trim();
    },
    succeeds(...args) {
      return spawnTmux(['-S', socket, ...args], env).status === 0;
    },
    complaint(...args) {
      const result = spawnTmux(['-S', socket, ...args], env);
      return result.status === 0 && !result.stderr.trim() ? undefined : result.stderr.trim() || `tmux exited with ${result.status ?? 'a signal'}`;
    },
    interactive(...args) {
      return spawnTmux(['-S', socket, ...args], env, true).status ?? 1;
    },
  };
}

/**
 * `tmux -V` as numbers. Builds that do not say a number (`tmux master`, `tmux openbsd-7.5`) are taken
 * as new enough: they are development or OS builds, newer than any release we could name.
 */
export function parseTmuxVersion(text: string): { major: number; minor: number } | undefined {
  const match = /(\d+)\.(\d+)/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** Checks that tmux is installed and at least MIN_TMUX_VERSION; returns what `tmux -V` printed. */
export function requireTmux(env: NodeJS.ProcessEnv = process.env): string {
  const text = spawnTmux(['-V'], env).stdout.trim();
  const version = parseTmuxVersion(text);
  const { major, minor } = MIN_TMUX_VERSION;
  if (version && (version.major < major || (version.major === major && version.minor < minor))) {
    throw new ArchangelError('TMUX_TOO_OLD', `This is ${text}, and pair sessions need tmux ${major}.${minor} or newer (for read-only guests).`, { hint: INSTALL_HINT.replace('Install it', 'Upgrade it') });
  }
  return text;
}

/** A string the shell reads back as exactly itself (tmux runs pane commands with `sh -c`). */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
