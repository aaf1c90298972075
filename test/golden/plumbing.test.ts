import { chmodSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchangelError } from '../../src/errors/archangel-error.js';
import { commitTime, listTree, readBlobs, resolveCommit } from '../../src/golden/plumbing.js';
import { createRepo, removeTempDirs } from '../helpers/git.js';

afterEach(removeTempDirs);

/** Live `git cat-file` processes reading `dir` (Linux: read from /proc). */
function catFileProcesses(dir: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmdline.includes('cat-file') && cmdline.includes(dir) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
      } catch {
        return false;
      }
    });
}

async function collect(iterable: AsyncIterable<{ sha: string; bytes: Buffer }>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const { sha, bytes } of iterable) out.set(sha, bytes.toString('utf8'));
  return out;
}

describe('listTree', () => {
  it('lists every file with mode, type, sha and size, keeping odd paths intact', async () => {
    const repo = createRepo();
    const odd = ['with space.ts', 'ünïcødé/日本.ts', 'new\nline.ts', 'tab\there.ts', '"quoted".ts'];
    repo.write(Object.fromEntries(odd.map((path) => [path, `// ${path}\n`])));
    repo.write({ 'src/run.sh': '#!/bin/sh\n' });
    chmodSync(join(repo.dir, 'src/run.sh'), 0o755);
    symlinkSync('src/run.sh', join(repo.dir, 'link'));
    const commit = repo.commit('files');
    // A submodule is a gitlink entry (mode 160000) pointing at a commit of another repository.
    repo.git('update-index', '--add', '--cacheinfo', `160000,${commit},vendor/lib`);
    repo.git('commit', '--quiet', '-m', 'submodule');
    const withSubmodule = repo.git('rev-parse', 'HEAD');

    const entries = await listTree(repo.git('rev-parse', '--absolute-git-dir'), withSubmodule);
    const byPath = new Map(entries.map((entry) => [entry.path, entry]));
    expect([...byPath.keys()].sort()).toEqual([...odd, 'link', 'src/run.sh', 'vendor/lib'].sort());
    expect(byPath.get('with space.ts')).toEqual({ path: 'with space.ts', mode: '100644', type: 'blob', sha: repo.git('rev-parse', 'HEAD:with space.ts'), size: 17 });
    expect(byPath.get('src/run.sh')).toMatchObject({ mode: '100755', type: 'blob' });
    expect(byPath.get('link')).toMatchObject({ mode: '120000', type: 'link', size: 'src/run.sh'.length });
    expect(byPath.get('vendor/lib')).toMatchObject({ mode: '160000', type: 'commit', sha: commit, size: 0 });
  });
});

describe('readBlobs', () => {
  it('streams the contents of many blobs through one git process, in order', async () => {
    const repo = createRepo();
    const files = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}.txt`, `file ${i}\n`.repeat(i % 7)]));
    const commit = repo.commit('many', files);
    const entries = await listTree(join(repo.dir, '.git'), commit);
    const seen: string[] = [];
    const contents = new Map<string, string>();
    for await (const { sha, bytes } of readBlobs(join(repo.dir, '.git'), entries.map((e) => e.sha))) {
      seen.push(sha);
      contents.set(sha, bytes.toString('utf8'));
    }
    expect(seen).toEqual(entries.map((e) => e.sha));
    for (const entry of entries) expect(contents.get(entry.sha)).toBe(files[entry.path]);
  });

  it('returns a large binary blob byte for byte', async () => {
    const repo = createRepo();
    const big = Buffer.from(Array.from({ length: 5_000_000 }, (_, i) => (i * 31) % 256));
    repo.commit('big', { 'big.bin': big, 'small.txt': 'small' });
    const shas = [repo.git('rev-parse', 'HEAD:big.bin'), repo.git('rev-parse', 'HEAD:small.txt')];
    const blobs: Buffer[] = [];
    for await (const { bytes } of readBlobs(repo.dir, shas)) blobs.push(bytes);
    expect(blobs[0]?.equals(big)).toBe(true);
    expect(blobs[1]?.toString()).toBe('small');
  });

  it('skips names the repository does not have', async () => {
    const repo = createRepo();
    repo.commit('one', { 'a.txt': 'a' });
    const a = repo.git('rev-parse', 'HEAD:a.txt');
    const contents = await collect(readBlobs(repo.dir, ['0123456789012345678901234567890123456789', a]));
    expect([...contents.entries()]).toEqual([[a, 'a']]);
  });

  it.runIf(process.platform === 'linux')('stops git when the caller stops reading early', async () => {
    const repo = createRepo();
    // 800 KB of blobs, far more than the pipe and the stream buffer hold: git is still writing when
    // the third arrives (tiny blobs all fit in the pipe, and a fast git had exited by then).
    repo.commit('many', Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}`, `${i}\n${'x'.repeat(4096)}`])));
    const shas = (await listTree(repo.dir, 'HEAD')).map((e) => e.sha);
    let read = 0;
    for await (const _blob of readBlobs(repo.dir, shas)) {
      if (++read < 3) continue;
      expect(catFileProcesses(repo.dir)).toHaveLength(1);
      break;
    }
    expect(read).toBe(3);
    await expect.poll(() => catFileProcesses(repo.dir)).toHaveLength(0);
  });

  it('throws INTERRUPTED when aborted', async () => {
    const repo = createRepo();
    repo.commit('many', Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, `${i}`])));
    const shas = (await listTree(repo.dir, 'HEAD')).map((e) => e.sha);
    const controller = new AbortController();
    const read = async (): Promise<void> => {
      for await (const _blob of readBlobs(repo.dir, shas, { signal: controller.signal })) controller.abort();
    };
    await expect(read()).rejects.toMatchObject({ code: 'INTERRUPTED' });
  });

  it('refuses names that are not shas instead of sending them to git', async () => {
    await expect(collect(readBlobs('/nowhere', ['HEAD:a.txt']))).rejects.toBeInstanceOf(ArchangelError);
  });

  it('reports a git directory that is not a repository', async () => {
    await expect(collect(readBlobs('/nonexistent/.git', ['a'.repeat(40)]))).rejects.toMatchObject({ code: 'GOLDEN_UNAVAILABLE' });
  });
});

describe('resolveCommit and commitTime', () => {
  it('resolves refs to full shas and reads the committer date in milliseconds', async () => {
    const repo = createRepo();
    const first = repo.commit('one', { a: '1' });
    repo.git('tag', '-a', 'v1', '-m', 'v1');
    repo.commit('two', { a: '2' });
    expect(await resolveCommit(repo.dir, 'v1')).toBe(first);
    expect(await resolveCommit(repo.dir, first.slice(0, 8))).toBe(first);
    expect(await resolveCommit(repo.dir, 'nope')).toBeUndefined();
    expect(await resolveCommit(repo.dir, 'HEAD:a')).toBeUndefined();
    expect(await commitTime(repo.dir, first)).toBe(Number(repo.git('show', '-s', '--format=%ct', first)) * 1000);
  });
});
