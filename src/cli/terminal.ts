import { SEVERITY_MARK } from '../tutor/severity.js';
import type { Severity } from '../tutor/types.js';

/**
 * How much the terminal can show. Colour follows the conventions users set: NO_COLOR disables it
 * (no-color.org), FORCE_COLOR enables it, TERM=dumb and non-TTY streams get plain text.
 */
export interface TerminalCaps {
  color: boolean;
  /** Live redraws (progress bars) need a TTY that understands carriage returns. */
  interactive: boolean;
  columns: number;
}

export function terminalCaps(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): TerminalCaps {
  const tty = Boolean(stream.isTTY);
  const dumb = env.TERM === 'dumb';
  let color = tty && !dumb;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') color = false;
  else if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') color = true;
  return { color, interactive: tty && !dumb && !inCi(env), columns: stream.columns || 80 };
}

/** The variables that mark a CI run, read as Ink reads them (is-in-ci): set, and not "0" or "false". */
const CI_FLAGS = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return CI_FLAGS.some((key) => env[key] !== undefined && env[key] !== '0' && env[key] !== 'false');
}

/**
 * Drops the CI flags from `env`. Ink decides once, as it loads, that under CI it draws only the
 * last frame: on a terminal a person is watching that is a blank screen, so the interactive view
 * calls this before Ink loads.
 */
export function forgetCi(env: NodeJS.ProcessEnv = process.env): void {
  for (const key of CI_FLAGS) delete env[key];
}

export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

/** A note's severity glyph, in its colour when the palette has colour. */
export function severityMark(p: Palette, severity: Severity): string {
  const paint = severity === 'error' ? p.red : severity === 'warn' ? p.yellow : p.cyan;
  return paint(SEVERITY_MARK[severity]);
}

export function palette(color: boolean): Palette {
  const wrap = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}
