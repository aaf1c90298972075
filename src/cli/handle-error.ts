import { CommanderError } from 'commander';
import { explainError } from '../errors/explain.js';
import { palette, terminalCaps } from './terminal.js';

/**
 * The one place errors become words for a human: `error: <what>` and `hint: <what to do>` on
 * stderr, the cause chain only with ARCHANGEL_DEBUG=1 (see `explainError`). Returns the exit code.
 */
export function handleError(error: unknown, stderr: NodeJS.WriteStream = process.stderr): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (unknown option, missing argument, --help...).
    return error.exitCode === 0 ? 0 : 2;
  }
  const p = palette(terminalCaps(stderr).color);
  const known = explainError(error);
  stderr.write(`${p.red(p.bold('error:'))} ${known.message}\n`);
  if (known.hint) stderr.write(`${p.yellow('hint:')} ${known.hint}\n`);
  if (process.env.ARCHANGEL_DEBUG) {
    let cause: unknown = known.cause ?? (known === error ? undefined : error);
    while (cause) {
      stderr.write(p.dim(`cause: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return known.exitCode;
}
