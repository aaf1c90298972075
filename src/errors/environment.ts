import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { ArchangelError, messageOf } from './archangel-error.js';

/**
 * Faults of the machine around ArchAngel rather than bugs in it: a database another process keeps
 * locked, a folder it may not write, a full disk. Each has its own sentence and exit code (README),
 * naming the file when the caller knows it, so "Something went wrong inside ArchAngel" is left for
 * real bugs. Damaged databases are told by their owners (`corruptIndex`, `corruptState`), who know
 * what to do about them.
 */

type EnvironmentFault = 'busy' | 'read-only' | 'full';

/** A file ArchAngel was using when the fault struck, as a person would name it. */
export interface FaultPlace {
  path: string;
  /** What the file is, lower case: "the golden index", "the learner record". */
  what: string;
  /** What to do when the file cannot be written where it is (default: make its folder writable). */
  elsewhere?: string;
}

/** The errno and SQLite codes of each fault; SQLite codes also match their extended forms (SQLITE_BUSY_SNAPSHOT). */
const CODES: Record<EnvironmentFault, { errno: readonly string[]; sqlite: readonly string[] }> = {
  busy: { errno: [], sqlite: ['SQLITE_BUSY', 'SQLITE_LOCKED'] },
  'read-only': { errno: ['EROFS', 'EACCES', 'EPERM'], sqlite: ['SQLITE_READONLY'] },
  full: { errno: ['ENOSPC', 'EDQUOT'], sqlite: ['SQLITE_FULL'] },
};

/** How child processes (git) word the same faults: they reach us only as text. */
const WORDS: ReadonlyArray<[RegExp, EnvironmentFault]> = [
  [/No space left on device|Disk quota exceeded/i, 'full'],
  [/Read-only file system/i, 'read-only'],
];

/** The fault an error, or any error in its cause chain, reports; undefined for anything else. */
function environmentFault(error: unknown): { fault: EnvironmentFault; code: string } | undefined {
  for (let cause: unknown = error; cause !== undefined && cause !== null; cause = cause instanceof Error ? cause.cause : undefined) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    for (const [fault, codes] of Object.entries(CODES) as Array<[EnvironmentFault, (typeof CODES)[EnvironmentFault]]>) {
      if (codes.errno.includes(code) || codes.sqlite.some((base) => code === base || code.startsWith(`${base}_`))) return { fault, code };
    }
  }
  const text = messageOf(error);
  const worded = WORDS.find(([pattern]) => pattern.test(text));
  return worded ? { fault: worded[1], code: 'message' } : undefined;
}

/**
 * The error a person can act on for an environment fault at `place` (or at the path a system error
 * names); undefined when `error` is no such fault. SQLite's "unable to open database file" in a
 * folder that cannot be written counts as read-only: reading a WAL database needs its `-shm` file.
 */
export function environmentError(error: unknown, place?: FaultPlace): ArchangelError | undefined {
  const found = environmentFault(error) ?? cannotOpenInReadOnlyFolder(error, place);
  if (!found) return undefined;
  const path = place?.path ?? (error as { path?: unknown }).path;
  const where = typeof path === 'string' ? path : undefined;
  const subject = place ? `${capitalise(place.what)} at ${place.path}` : where ? where : 'A database ArchAngel uses';
  switch (found.fault) {
    case 'busy':
      return new ArchangelError('DB_BUSY', `${subject} is busy: another process kept it locked longer than ArchAngel waits.`, {
        hint: 'Another ArchAngel (watch, the pre-commit hook, an index run) or a tool such as sqlite3 holds it: let it finish or close it, then run the command again.',
        cause: error,
      });
    case 'read-only':
      return new ArchangelError('READ_ONLY', `${subject} cannot be written: ${readOnlyReason(found.code, where)}.`, {
        hint: place?.elsewhere ?? (where ? `Make ${dirname(where)} writable, then run the command again.` : 'Run ArchAngel where it may write, or make the folder writable.'),
        cause: error,
      });
    case 'full':
      return new ArchangelError('DISK_FULL', `The disk is full: ${place ? `${place.what} at ${place.path}` : (where ?? 'a file ArchAngel writes')} could not be written.`, {
        hint: `Free some space${where ? ` (\`df -h ${dirname(where)}\` shows what is left)` : ''} and run the command again; what was saved before is intact.`,
        cause: error,
      });
    default: {
      const unreachable: never = found.fault;
      return unreachable;
    }
  }
}

function cannotOpenInReadOnlyFolder(error: unknown, place: FaultPlace | undefined): { fault: EnvironmentFault; code: string } | undefined {
  if (!place || (error as { code?: unknown }).code !== 'SQLITE_CANTOPEN') return undefined;
  const code = folderWriteError(place.path);
  return code ? { fault: 'read-only', code } : undefined;
}

/** Why the folder of `path` cannot be written (EROFS, EACCES), or undefined when it can. */
function folderWriteError(path: string): string | undefined {
  try {
    accessSync(dirname(path), constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? code : undefined;
  }
}

/** A read-only file system and a permission are fixed differently, so they are told apart (SQLite says neither). */
function readOnlyReason(code: string, path: string | undefined): string {
  const actual = code.startsWith('SQLITE') && path ? (folderWriteError(path) ?? code) : code;
  return actual === 'EROFS' ? 'its file system is mounted read-only' : actual === 'message' ? 'the file system is read-only' : 'permission denied';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
