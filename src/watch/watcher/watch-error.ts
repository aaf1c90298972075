/**
 * A problem the watcher could not fix by itself, told for a human: what happened, what it means
 * for the session (some saves go unseen) and what to do. The watcher keeps running after one.
 */
export class WatchError extends Error {
  constructor(
    message: string,
    /** The system error code (ENOSPC, EACCES...), or 'STALE_LOCK'. */
    readonly code: string,
    /** What the user can do about it, in one sentence (also at the end of `message`). */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} Hint: ${hint}`, options);
    this.name = 'WatchError';
  }
}

/** Turns an error from the file system watch into a `WatchError` with a hint. */
export function describeWatchError(error: unknown): WatchError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN';
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  const where = path ? ` (${path})` : '';
  switch (code) {
    case 'ENOSPC':
      return new WatchError(
        `The system limit on file watches is reached${where}: saves in the folders not yet watched will not be reviewed.`,
        code,
        'raise it with `sudo sysctl fs.inotify.max_user_watches=524288` (add it to /etc/sysctl.conf to keep it), or add big generated folders to .gitignore, then restart watch.',
        { cause: error },
      );
    case 'EMFILE':
    case 'ENFILE':
      return new WatchError(
        `Too many open files to watch the whole tree${where}: some saves will not be reviewed.`,
        code,
        'raise the open-file limit (`ulimit -n 65536`) or add big generated folders to .gitignore, then restart watch.',
        { cause: error },
      );
    case 'EACCES':
    case 'EPERM':
      return new WatchError(
        `Permission denied while watching${where}: saves there will not be reviewed.`,
        code,
        'fix the folder permissions, or add the folder to .gitignore if it is not yours.',
        { cause: error },
      );
    default:
      return new WatchError(
        `The file watcher failed${where}: ${error instanceof Error ? error.message : String(error)}.`,
        code,
        'saves may be missed; press r to review the whole diff, or restart watch.',
        { cause: error },
      );
  }
}
