import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchangelError } from '../../src/errors/archangel-error.js';
import { SCHEMA_VERSION } from '../../src/session/schema.js';
import { openSessionStore } from '../../src/session/store.js';
import { removeTempDirs } from '../helpers/git.js';
import { REPO, statePath } from './fixtures.js';

/** Calls `open` and returns what it threw. */
function thrown(open: () => unknown): ArchangelError {
  try {
    open();
  } catch (error) {
    if (error instanceof ArchangelError) return error;
    throw error;
  }
  throw new Error('expected an ArchangelError');
}

describe('opening the session store', () => {
  afterEach(removeTempDirs);

  it('creates the file and its folder, in WAL mode at the current schema', () => {
    const path = statePath();
    openSessionStore(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: String(SCHEMA_VERSION) });
    db.close();
  });

  it('names a damaged file with a hint and leaves it where it was', () => {
    const path = statePath();
    mkdirSync(dirname(path), { recursive: true });
    const garbage = Buffer.from('this is not sqlite at all, just some bytes '.repeat(200));
    writeFileSync(path, garbage);

    const error = thrown(() => openSessionStore(path));
    expect(error.code).toBe('STATE_CORRUPT');
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/damaged/);
    expect(error.hint).toMatch(/Nothing was deleted.*mv /);
    expect(error.cause).toBeDefined();
    expect(readFileSync(path)).toEqual(garbage);
  });

  it('reports damage found after opening the same way', () => {
    const path = statePath();
    const store = openSessionStore(path, { learner: 'ada@example.org' });
    for (let i = 0; i < 200; i++) store.appendChat({ repo: REPO, branch: 'main', role: 'user', text: `turn ${i} `.repeat(50) });
    store.close();
    // Overwrite the second half: the schema pages (1-16) still read, the chat pages do not.
    const bytes = readFileSync(path);
    bytes.fill(0xa5, bytes.length / 2);
    writeFileSync(path, bytes);

    const damaged = openSessionStore(path, { learner: 'ada@example.org' });
    const error = thrown(() => damaged.chatHistory({ repo: REPO, branch: 'main' }));
    damaged.close();
    expect(error.code).toBe('STATE_CORRUPT');
    expect(existsSync(path)).toBe(true);
  });

  it('refuses a file from a newer ArchAngel without touching it', () => {
    const path = statePath();
    openSessionStore(path).close();
    const db = new Database(path);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 1));
    db.close();

    const error = thrown(() => openSessionStore(path));
    expect(error.code).toBe('STATE_CORRUPT');
    expect(error.message).toMatch(/newer ArchAngel/);
    expect(error.hint).toMatch(/Upgrade/);
  });
});
