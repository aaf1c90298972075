import { CommanderError } from 'commander';
import { ArchangelError, isArchangelError, messageOf } from '../errors/archangel-error.js';
import { palette, terminalCaps } from './terminal.js';

/**
 * The one place errors become words for a human: `error: <what>` and `hint: <what to do>` on
 * stderr, the cause chain only with ARCHANGEL_DEBUG=1. Returns the exit code.
 */
export function handleError(error: unknown, stderr: NodeJS.WriteStream = process.stderr): number {
  if (error instanceof CommanderError) {
    // Commander already printed its message (unknown option, missing argument, --help...).
    return error.exitCode === 0 ? 0 : 2;
  }
  const p = palette(terminalCaps(stderr).color);
  const known: ArchangelError = isArchangelError(error)
    ? error
    : new ArchangelError('INTERNAL', `Something went wrong inside ArchAngel: ${messageOf(error)}`, {
        hint: 'Run again with ARCHANGEL_DEBUG=1 to see the details, and report them if it keeps happening.',
        cause: error,
      });
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
