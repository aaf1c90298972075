import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PairMeta } from '../../src/pair/metadata.js';
import { indexDir, publishShared, sharedNames, unpublishShared } from '../../src/pair/shared-index.js';
import { joinInstructions } from '../../src/pair/status.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';

const gid = Number(execFileSync('id', ['-g'], { encoding: 'utf8' }).trim());

describe('the group index of shared sessions', () => {
  afterAll(() => removeTempDirs());

  it('lists a shared session in a 2750 folder of its group, even under umask 077, and forgets it on unpublish', () => {
    const base = tempDir();
    const previous = process.umask(0o077);
    try {
      publishShared(base, 'alpha', gid);
      publishShared(base, 'beta', gid);
    } finally {
      process.umask(previous);
    }
    const dir = statSync(indexDir(base, gid));
    expect([dir.mode & 0o7777, dir.gid]).toEqual([0o2750, gid]);
    expect(statSync(join(indexDir(base, gid), 'alpha')).mode & 0o777).toBe(0o640);
    expect(sharedNames(base, [gid, gid + 1])).toEqual(['alpha', 'beta']);
    unpublishShared(base, 'alpha');
    expect(readdirSync(indexDir(base, gid))).toEqual(['beta']);
  });

  it('ignores groups without a folder and names that could not be sessions', () => {
    const base = tempDir();
    mkdirSync(join(indexDir(base, gid), '.hidden'), { recursive: true });
    expect(sharedNames(base, [gid, 12345])).toEqual([]);
  });
});

describe('join instructions for guests', () => {
  const meta: PairMeta = { name: 'app', kind: 'session', socket: '/s/app/tmux.sock', repo: '/r', stateDir: '/r/.archangel', branch: 'main', driver: 'ana@x', navigator: 'ada', editor: 'vim', group: 'devs', startedAt: 0 };

  it('names archangel pair join OWNER/NAME, with the raw tmux command as a fallback', () => {
    const lines = joinInstructions(meta, { name: 'ana', uid: 1001, base: '/tmp/archangel-1001' }).join('\n');
    expect(lines).toContain('Members of group devs watch with `archangel pair join ana/app --read-only`');
    expect(lines).toContain('Without ArchAngel they run `tmux -S /s/app/tmux.sock attach -t app -r`');
  });

  it('tells guests where to look when the base is not the default /tmp/archangel-<uid>', () => {
    const lines = joinInstructions(meta, { name: 'ana', uid: 1001, base: '/run/user/1001/archangel-1001' }).join('\n');
    expect(lines).toContain('`ARCHANGEL_PAIR_DIR=/run/user/1001/archangel-1001 archangel pair join ana/app --read-only`');
  });
});
