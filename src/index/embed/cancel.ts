import { ArchangelError } from '../../errors/archangel-error.js';

/** The error every provider throws once its signal is aborted. */
export function cancelled(signal: AbortSignal | undefined): ArchangelError {
  return new ArchangelError('INTERRUPTED', 'Embedding was cancelled.', { cause: signal?.reason });
}

/** Throws `cancelled(signal)` if the signal has been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled(signal);
}
