/**
 * The one error type ArchangelError carries everything the top-level handler needs to tell a human
 * what went wrong and what to do next: a stable `code`, a plain-sentence `message`, a `hint`, and the
 * original `cause` (never swallowed).
 */
export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'GOLDEN_UNAVAILABLE'
  | 'GOLDEN_PARTIAL'
  | 'NOT_A_GIT_REPO'
  | 'NOT_A_WORKING_TREE'
  | 'GIT_MISSING'
  | 'INDEX_MISSING'
  | 'INDEX_CORRUPT'
  | 'INDEX_LOCKED'
  | 'INDEX_MISMATCH'
  | 'STATE_CORRUPT'
  | 'DB_BUSY'
  | 'READ_ONLY'
  | 'DISK_FULL'
  | 'PROVIDER'
  | 'FILE_UNREADABLE'
  | 'INTERRUPTED'
  | 'TMUX_MISSING'
  | 'TMUX_TOO_OLD'
  | 'TMUX_FAILED'
  | 'PAIR_TAKEN'
  | 'PAIR_GONE'
  | 'PAIR_UNSAFE'
  | 'PAIR_DENIED'
  | 'INTERNAL';

/** Exit codes, documented in the README: scripts may rely on them. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  USAGE: 2,
  CONFIG_NOT_FOUND: 3,
  CONFIG_INVALID: 3,
  GOLDEN_UNAVAILABLE: 4,
  GOLDEN_PARTIAL: 4,
  NOT_A_GIT_REPO: 4,
  NOT_A_WORKING_TREE: 15,
  GIT_MISSING: 4,
  INDEX_MISSING: 5,
  INDEX_CORRUPT: 5,
  INDEX_LOCKED: 5,
  INDEX_MISMATCH: 5,
  STATE_CORRUPT: 5,
  DB_BUSY: 12,
  READ_ONLY: 13,
  DISK_FULL: 14,
  PROVIDER: 6,
  FILE_UNREADABLE: 7,
  INTERRUPTED: 130,
  TMUX_MISSING: 8,
  TMUX_TOO_OLD: 8,
  TMUX_FAILED: 8,
  PAIR_TAKEN: 8,
  PAIR_GONE: 8,
  PAIR_UNSAFE: 8,
  PAIR_DENIED: 8,
  INTERNAL: 1,
};

export interface ArchangelErrorOptions {
  /** What the user can do about it, in one sentence. */
  hint?: string;
  /** The underlying error, kept for `--debug` output and logs. */
  cause?: unknown;
}

export class ArchangelError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: ArchangelErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ArchangelError';
    this.code = code;
    this.hint = options.hint;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

export function isArchangelError(error: unknown): error is ArchangelError {
  return error instanceof ArchangelError;
}

/** The message of any thrown value, for wrapping it as a cause. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
