import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBaseDir, groupMembers } from '../../src/pair/pair-dir.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';

const id = (...flags: string[]) => execFileSync('id', flags, { encoding: 'utf8' }).trim();

describe('pair folders and groups', () => {
  afterAll(() => removeTempDirs());

  it('counts the users whose primary group it is as members, though `getent group` does not list them', () => {
    expect(groupMembers(id('-gn'), Number(id('-g')))).toContain(id('-un'));
  });

  it('an unknown group has no members', () => {
    expect(groupMembers('no-such-group-x', 2 ** 31 - 3)).toEqual([]);
  });

  it('makes the base folder and the folders above it 0711 even under umask 077', () => {
    const base = join(tempDir(), 'a', 'b');
    const previous = process.umask(0o077);
    try {
      ensureBaseDir(base);
    } finally {
      process.umask(previous);
    }
    expect(statSync(base).mode & 0o777).toBe(0o711);
    expect(statSync(join(base, '..')).mode & 0o777).toBe(0o711);
  });
});
