import { describe, expect, it } from 'vitest';
import { describeWatchError, WatchError } from '../../src/watch/watcher/watch-error.js';

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
