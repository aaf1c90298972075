import { ArchangelError, isArchangelError, messageOf } from './archangel-error.js';
import { environmentError } from './environment.js';

/**
 * Any thrown value as the error a person is shown: an ArchangelError as it is; a locked database,
 * a read-only folder or a full disk that reached here unnamed as what it is; only what is left is
 * "inside ArchAngel", a bug to report.
 */
export function explainError(error: unknown): ArchangelError {
  if (isArchangelError(error)) return error;
  return (
    environmentError(error) ??
    new ArchangelError('INTERNAL', `Something went wrong inside ArchAngel: ${messageOf(error)}`, {
      hint: 'Run again with ARCHANGEL_DEBUG=1 to see the details, and report them if it keeps happening.',
      cause: error,
    })
  );
}
