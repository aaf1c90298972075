import { mkdtempSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireIndexLock } from '../../../src/index/store/lock.js';

describe('index lock', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const indexPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-lock-'));
    dirs.push(dir);
    return join(dir, 'index.db');
  };

  it('refuses a second writer with a message naming the first', () => {
    const path = indexPath();
    const first = acquireIndexLock(path);
    expect(() => acquireIndexLock(path)).toThrow(new RegExp(`pid ${process.pid}`));
    first.release();
    acquireIndexLock(path).release();
  });

  it('takes over a lock left by a process that no longer runs (kill -9)', () => {
    const path = indexPath();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: Number(dead.stdout), host: hostname() }));
    const lock = acquireIndexLock(path);
    lock.release();
  });

  it('treats an old, unreadable lock file as stale but a fresh one as held', () => {
    const path = indexPath();
    writeFileSync(`${path}.lock`, '');
    expect(() => acquireIndexLock(path)).toThrow(/is updating/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    acquireIndexLock(path).release();
  });
});
