import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchangelError } from '../../src/errors/archangel-error.js';
import { listTree } from '../../src/golden/plumbing.js';
import { resolveSources } from '../../src/golden/sources.js';
import { syncSource } from '../../src/golden/sync.js';
import type { GoldenSource, SyncedRepo } from '../../src/golden/types.js';
import { createRepo, removeTempDirs, tempDir } from '../helpers/git.js';

afterEach(removeTempDirs);

function local(path: string, root: string, ref?: string): GoldenSource {
  const [source] = resolveSources([{ path, ...(ref && { ref }) }], root);
  if (!source) throw new Error('no source');
  return source;
}

async function sync(source: GoldenSource): Promise<SyncedRepo> {
  return syncSource(source, { cacheDir: tempDir() });
}

async function failure(source: GoldenSource): Promise<ArchangelError> {
  const error = await sync(source).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ArchangelError)) throw new Error(`expected an ArchangelError, got ${String(error)}`);
  return error;
}

describe('syncSource (local)', () => {
  it('pins HEAD of a repository in place, reporting its branch', async () => {
    const repo = createRepo();
    const head = repo.commit('one', { 'a.ts': 'export const a = 1;\n' });
    const synced = await sync(local(repo.dir, '/'));
    expect(synced).toMatchObject({ commit: head, ref: 'main', gitDir: join(repo.dir, '.git') });
    expect((await listTree(synced.gitDir, synced.commit)).map((e) => e.path)).toEqual(['a.ts']);
  });

  it('reads committed code only, whatever the working tree holds', async () => {
    const repo = createRepo();
    const head = repo.commit('one', { 'a.ts': 'committed' });
    repo.write({ 'a.ts': 'edited', 'new.ts': 'untracked' });
    const synced = await sync(local(repo.dir, '/'));
    expect((await listTree(synced.gitDir, head)).map((e) => e.path)).toEqual(['a.ts']);
  });

  it('resolves a branch, a tag and an abbreviated sha', async () => {
    const repo = createRepo();
    const first = repo.commit('one', { a: '1' });
    repo.git('tag', 'v1');
    repo.git('branch', 'old');
    repo.commit('two', { a: '2' });
    for (const ref of ['old', 'v1', first.slice(0, 10)]) {
      expect(await sync(local(repo.dir, '/', ref))).toMatchObject({ commit: first, ref });
    }
  });

  it('works when the golden path is the project it runs in (".")', async () => {
    const repo = createRepo();
    const head = repo.commit('one', { 'archangel.json': '{}' });
    expect((await sync(local('.', repo.dir))).commit).toBe(head);
  });

  it('handles paths with spaces and unicode', async () => {
    const repo = createRepo({ dir: tempDir('golden répo ✓') });
    const head = repo.commit('one', { 'a b.ts': 'x' });
    expect((await sync(local('golden répo ✓', join(repo.dir, '..')))).commit).toBe(head);
  });

  it('reads a bare repository', async () => {
    const repo = createRepo();
    const head = repo.commit('one', { a: '1' });
    const bare = join(tempDir(), 'bare.git');
    repo.git('clone', '--quiet', '--bare', repo.dir, bare);
    expect(await sync(local(bare, '/'))).toMatchObject({ commit: head, gitDir: bare });
  });

  it('says when the path does not exist, naming it as written in archangel.json', async () => {
    // From a folder of its own, so `../x` is a sibling that cannot exist (not /tmp/x).
    const error = await failure(local('../x', tempDir('golden-root')));
    expect(error).toMatchObject({ code: 'GOLDEN_UNAVAILABLE', message: 'golden path ../x does not exist.' });
    expect(error.hint).toContain('relative to the folder of archangel.json');
  });

  it('says when the path is a file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    expect(await failure(local('file', dir))).toMatchObject({ code: 'GOLDEN_UNAVAILABLE', message: expect.stringContaining('is a file') });
  });

  it('says when the path is not a git repository, hinting git init', async () => {
    const error = await failure(local(tempDir(), '/'));
    expect(error.code).toBe('NOT_A_GIT_REPO');
    expect(error.hint).toContain('git init');
  });

  it('refuses a subfolder of a repository and suggests include instead', async () => {
    const repo = createRepo();
    repo.commit('one', { 'packages/ui/a.ts': 'x' });
    const error = await failure(local('packages/ui', repo.dir));
    expect(error.code).toBe('NOT_A_GIT_REPO');
    expect(error.hint).toContain('"include": ["packages/ui/**"]');
  });

  it('says when the repository has no commits', async () => {
    const repo = createRepo();
    expect(await failure(local(repo.dir, '/'))).toMatchObject({ code: 'GOLDEN_UNAVAILABLE', message: expect.stringContaining('has no commits yet') });
  });

  it('names a bad ref and the repository', async () => {
    const repo = createRepo();
    repo.commit('one', { a: '1' });
    const source = { ...local(repo.dir, '/', 'nope'), name: 'design-system' };
    expect(await failure(source)).toMatchObject({ code: 'GOLDEN_UNAVAILABLE', message: 'ref nope not found in golden repo design-system.' });
  });
});
