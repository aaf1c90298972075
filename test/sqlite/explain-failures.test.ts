import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { explainFailures } from '../../src/sqlite/explain-failures.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';

/** Real SQLite files: every way a query can fail goes through `explain`; results are untouched. */
afterEach(removeTempDirs);

class Explained extends Error {}
const explain = (error: unknown) => new Explained(String((error as { code?: string }).code), { cause: error });

function open(): { path: string; db: Database.Database } {
  const path = join(tempDir(), 'test.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  db.prepare('INSERT INTO t (n) VALUES (1), (2), (3)').run();
  return { path, db: explainFailures(db, explain) };
}

describe('explainFailures', () => {
  it('leaves results alone: run, get, all, iterate, pragma and transactions', () => {
    const { db } = open();
    db.transaction((n: number) => db.prepare('INSERT INTO t (n) VALUES (?)').run(n)).immediate(4);
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 4 });
    expect(db.prepare('SELECT n FROM t ORDER BY n').all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect([...db.prepare('SELECT n FROM t ORDER BY n').pluck().iterate()]).toEqual([1, 2, 3, 4]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('releases a statement left early, so the next query on it runs', () => {
    const { db } = open();
    const rows = db.prepare('SELECT n FROM t ORDER BY n').pluck();
    for (const n of rows.iterate()) if (n === 2) break;
    expect(rows.all()).toEqual([1, 2, 3]);
    db.close();
  });

  it('explains a failing statement, exec and pragma', () => {
    const { db } = open();
    expect(() => db.prepare('INSERT INTO t (n) VALUES (1)').run()).toThrow(Explained);
    expect(() => db.exec('INSERT INTO t (n) VALUES (1)')).toThrow(Explained);
    expect(() => db.prepare('SELECT nope FROM t')).toThrow(Explained);
    db.close();
  });

  it('explains a commit that waits out another process holding the write lock', () => {
    const { path, db } = open();
    db.pragma('busy_timeout = 50');
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const insert = db.transaction(() => db.prepare('INSERT INTO t (n) VALUES (9)').run());
      expect(() => insert.immediate()).toThrow(/SQLITE_BUSY/);
      expect(() => insert.immediate()).toThrow(Explained);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      db.close();
    }
  });
});
