import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enableWal } from '../../src/sqlite/wal.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';

afterAll(removeTempDirs);

/**
 * The race itself (two processes switching one new file) is timing: test/session/concurrency.test.ts
 * runs it for real. Here, a connection whose switch is refused as SQLite refuses the loser of that
 * race, at once with SQLITE_BUSY, a given number of times.
 */
function refusedTimes(times: number, code = 'SQLITE_BUSY'): { pragma: (source: string) => unknown; calls: number } {
  const db = new Database(join(tempDir(), 'state.db'));
  const fake = {
    calls: 0,
    pragma(source: string): unknown {
      fake.calls += 1;
      if (fake.calls <= times) throw Object.assign(new Error('database is locked'), { code });
      return db.pragma(source);
    },
  };
  return fake;
}

describe('switching to WAL', () => {
  it('tries again while another process holds the switch, then finds the file in WAL', () => {
    const db = refusedTimes(3);
    enableWal(db, 1_000);
    expect(db.calls).toBe(4);
    expect(db.pragma('journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('gives up after the timeout, and never retries another error', () => {
    const busy = refusedTimes(1_000);
    expect(() => enableWal(busy, 50)).toThrow('database is locked');
    expect(busy.calls).toBeGreaterThan(1);
    const readOnly = refusedTimes(1, 'SQLITE_READONLY');
    expect(() => enableWal(readOnly, 1_000)).toThrow('database is locked');
    expect(readOnly.calls).toBe(1);
  });
});
