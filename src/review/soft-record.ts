import { isArchangelError, type ArchangelError } from '../errors/archangel-error.js';
import type { SessionStore } from '../session/store.js';

/**
 * The learner record as one review uses it, kept off the path that decides which notes are shown:
 * the first failure (a lock held too long, a read-only folder, a full disk, a damaged page) stops
 * every later use of it in this review and is kept, to be told once the notes are out. Until then,
 * and without a record, reads answer as if nothing had been recorded. Only the record's own
 * errors (ArchangelErrors: the store names its file) are caught; anything else is a bug.
 */
export interface SoftRecord {
  /** `use(session)`, or `fallback` without a record or once it has failed; a use that awaits is awaited. */
  use<T>(use: (session: SessionStore) => T, fallback: Awaited<T>): T;
  /** A write beside the record (the audit log): made even after the record failed, its own failure kept the same way. */
  keep(write: () => void): void;
  /** Why the record stopped being written, if it did. */
  readonly fault: ArchangelError | undefined;
}

export function softRecord(session: SessionStore | undefined): SoftRecord {
  let fault: ArchangelError | undefined;
  const failed = <T>(error: unknown, fallback: T): T => {
    if (!isArchangelError(error)) throw error;
    fault ??= error;
    return fallback;
  };
  const attempt = <T>(run: () => T, fallback: Awaited<T>): T => {
    try {
      const result = run();
      // A use that awaits (reads the record around other work) fails later: caught the same way.
      return (result instanceof Promise ? result.catch((error: unknown) => failed(error, fallback)) : result) as T;
    } catch (error) {
      return failed(error, fallback as T);
    }
  };
  return {
    use: (use, fallback) => (!session || fault ? fallback : attempt(() => use(session), fallback)),
    keep: (write) => attempt(write, undefined),
    get fault() {
      return fault;
    },
  };
}
