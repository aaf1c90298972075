import { describe, expect, it } from 'vitest';
import { codeOfMessage, describeWatchError, pollingInstead, WatchError } from '../../src/watch/watcher/watch-error.js';

function systemError(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, watch '${path}'`), { code, path });
}

describe('describeWatchError', () => {
  it('tells how to raise the inotify limit when the system runs out of watches', () => {
    const cause = systemError('ENOSPC', '/repo/src');
    const error = describeWatchError(cause);
    expect(error).toBeInstanceOf(WatchError);
    expect(error.code).toBe('ENOSPC');
    expect(error.message).toContain('/repo/src');
    expect(error.message).toContain('fs.inotify.max_user_watches');
    expect(error.cause).toBe(cause);
  });

  it('names the folder on a permission error and says what is lost', () => {
    const error = describeWatchError(systemError('EACCES', '/repo/secret'));
    expect(error.message).toMatch(/Permission denied.*\/repo\/secret.*not be reviewed/);
    expect(error.hint).toContain('permissions');
  });

  it('keeps the original message of an unexpected error', () => {
    const error = describeWatchError(new Error('something odd'));
    expect(error.code).toBe('UNKNOWN');
    expect(error.message).toContain('something odd');
  });
});

describe('pollingInstead', () => {
  it('says why native events could not be had, that saves are polled for, and how to get them back', () => {
    const cause = new Error("Cannot find module '@parcel/watcher-linux-x64-glibc'");
    const error = pollingInstead(cause);
    expect(error.message).toMatch(/^The native file watcher could not start \(Cannot find module .*\): saves are noticed by polling instead, about a second later\. Hint: reinstall ArchAngel with its optional dependencies/);
    expect(error.cause).toBe(cause);
  });

  it('tells how to raise the inotify limit when that is why', () => {
    const error = pollingInstead(systemError('ENOSPC', '/repo/src'));
    expect(error.code).toBe('ENOSPC');
    expect(error.message).toContain('polling instead');
    expect(error.hint).toContain('fs.inotify.max_user_watches');
  });
});

describe('codeOfMessage', () => {
  it("reads the system error code at the end of a native watcher's or git's message", () => {
    expect(codeOfMessage("inotify_add_watch on '/repo/src' failed: No space left on device")).toBe('ENOSPC');
    expect(codeOfMessage('Permission denied')).toBe('EACCES');
    expect(codeOfMessage('Too many open files in system')).toBe('ENFILE');
    expect(codeOfMessage('something else')).toBeUndefined();
  });
});
