/**
 * A problem the watcher could not fix by itself, told for a human: what happened, what it means
 * for the session (some saves go unseen, or are seen later) and what to do. The watcher keeps
 * running after one.
 */
export class WatchError extends Error {
  constructor(
    message: string,
    /** The system error code (ENOSPC, EACCES...), or one of ours ('STALE_LOCK', 'ROOT_GONE'...). */
    readonly code: string,
    /** What the user can do about it, in one sentence (also at the end of `message`). */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} Hint: ${hint}`, options);
    this.name = 'WatchError';
  }
}

/** System error texts (strerror), as native watchers and git print them, back to their codes. */
const ERROR_CODES: Record<string, string> = {
  'No space left on device': 'ENOSPC',
  'Permission denied': 'EACCES',
  'Operation not permitted': 'EPERM',
  'Too many open files': 'EMFILE',
  'Too many open files in system': 'ENFILE',
  'No such file or directory': 'ENOENT',
};

/** The code of a system error told as text ("... failed: No space left on device"), if it names one. */
export function codeOfMessage(message: string): string | undefined {
  const text = Object.keys(ERROR_CODES).find((reason) => message.endsWith(reason));
  return text && ERROR_CODES[text];
}

const RAISE_WATCH_LIMIT = 'raise it with `sudo sysctl fs.inotify.max_user_watches=524288` (add it to /etc/sysctl.conf to keep it), or add big generated folders to .gitignore, then restart watch.';

/** Turns an error from the file system watch into a `WatchError` with a hint. */
export function describeWatchError(error: unknown): WatchError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN';
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  const where = path ? ` (${path})` : '';
  switch (code) {
    case 'ENOSPC':
      return new WatchError(`The system limit on file watches is reached${where}: saves in the folders not yet watched will not be reviewed.`, code, RAISE_WATCH_LIMIT, { cause: error });
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

/**
 * The native watcher could not start: saves are polled for instead. Says why, what polling costs
 * and how to get native events back.
 */
export function pollingInstead(error: unknown): WatchError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'NATIVE_UNAVAILABLE';
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  const polling = 'saves are noticed by polling instead, about a second later.';
  if (code === 'ENOSPC') return new WatchError(`The system limit on file watches is reached${path ? ` (${path})` : ''}: ${polling}`, code, RAISE_WATCH_LIMIT, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new WatchError(
    `The native file watcher could not start (${reason}): ${polling}`,
    code,
    'reinstall ArchAngel with its optional dependencies (`npm ci`, without --omit=optional); set "watch": { "poll": true } in archangel.json to poll on purpose.',
    { cause: error },
  );
}
