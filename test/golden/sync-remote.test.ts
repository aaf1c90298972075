import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArchangelError } from '../../src/errors/archangel-error.js';
import { repoFolder } from '../../src/golden/cache-folder.js';
import { listTree, readBlobs } from '../../src/golden/plumbing.js';
import { resolveSources } from '../../src/golden/sources.js';
import { syncSource } from '../../src/golden/sync.js';
import type { GoldenSource, SyncOptions, SyncProgress, SyncedRepo } from '../../src/golden/types.js';
import { bareRemoteOf, createRepo, git, removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';

afterEach(() => {
  vi.unstubAllEnvs();
  removeTempDirs();
});

interface Fixture {
  upstream: TestRepo;
  remote: { dir: string; url: string };
  cacheDir: string;
  first: string;
}

/** An upstream repository with a tag `v1` on its first commit, served as a bare file:// remote. */
function fixture(): Fixture {
  const upstream = createRepo();
  const first = upstream.commit('one', { 'src/a.ts': 'export const a = 1;\n' });
  upstream.git('tag', '-a', 'v1', '-m', 'release 1');
  upstream.commit('two', { 'src/b.ts': 'export const b = 2;\n' });
  return { upstream, remote: bareRemoteOf(upstream), cacheDir: tempDir(), first };
}

function remote(url: string, ref?: string): GoldenSource {
  const [source] = resolveSources([{ url, ...(ref && { ref }) }], '/');
  if (!source) throw new Error('no source');
  return source;
}

async function failure(promise: Promise<SyncedRepo>): Promise<ArchangelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ArchangelError)) throw new Error(`expected an ArchangelError, got ${String(error)}`);
  return error;
}

describe('syncSource (remote)', () => {
  it('clones shallow and bare into <cacheDir>/repos and pins the default branch', async () => {
    const { upstream, remote: origin, cacheDir } = fixture();
    const source = remote(origin.url);
    const synced = await syncSource(source, { cacheDir });
    expect(synced).toMatchObject({ commit: upstream.git('rev-parse', 'HEAD'), ref: 'HEAD', gitDir: repoFolder(cacheDir, source.id) });
    expect(synced.gitDir.startsWith(join(cacheDir, 'repos'))).toBe(true);
    expect(git(synced.gitDir, 'rev-parse', '--is-bare-repository', '--is-shallow-repository')).toBe('true\ntrue');
    expect(git(synced.gitDir, 'rev-list', '--count', '--all')).toBe('1');
    expect(git(synced.gitDir, 'rev-parse', 'refs/archangel/pinned')).toBe(synced.commit);
    const entries = await listTree(synced.gitDir, synced.commit);
    expect(entries.map((e) => e.path)).toEqual(['src/a.ts', 'src/b.ts']);
    for await (const blob of readBlobs(synced.gitDir, [entries[0]?.sha ?? ''])) expect(blob.bytes.toString()).toBe('export const a = 1;\n');
  });

  it('fetches the new commit on a later sync and pins it', async () => {
    const { upstream, remote: origin, cacheDir } = fixture();
    const source = remote(origin.url, 'main');
    const before = await syncSource(source, { cacheDir });
    const next = upstream.commit('three', { 'src/c.ts': 'c' });
    upstream.git('push', '--quiet', origin.dir, 'main');
    const after = await syncSource(source, { cacheDir });
    expect(after.commit).toBe(next);
    expect(after.commit).not.toBe(before.commit);
    expect(after.gitDir).toBe(before.gitDir);
    expect(git(after.gitDir, 'rev-parse', 'refs/archangel/pinned')).toBe(next);
  });

  it('resolves a tag to its commit', async () => {
    const { remote: origin, cacheDir, first } = fixture();
    expect(await syncSource(remote(origin.url, 'v1'), { cacheDir })).toMatchObject({ commit: first, ref: 'v1' });
  });

  it('fetches a full sha that is not a branch tip, and needs no network once it has it', async () => {
    const { remote: origin, cacheDir, first } = fixture();
    const source = remote(origin.url, first);
    expect((await syncSource(source, { cacheDir })).commit).toBe(first);
    const unreachable = { ...source, url: 'https://127.0.0.1:9/moved.git' };
    expect((await syncSource(unreachable, { cacheDir })).commit).toBe(first);
  });

  it('falls back to a full fetch for an abbreviated sha', async () => {
    const { remote: origin, cacheDir, first } = fixture();
    expect((await syncSource(remote(origin.url, first.slice(0, 10)), { cacheDir })).commit).toBe(first);
  });

  it('names a ref the remote does not have, and leaves no folder behind', async () => {
    const { remote: origin, cacheDir } = fixture();
    const error = await failure(syncSource(remote(origin.url, 'no-such-branch'), { cacheDir }));
    expect(error).toMatchObject({ code: 'GOLDEN_UNAVAILABLE', message: 'ref no-such-branch not found in golden repo remote.' });
    expect(readdirSync(join(cacheDir, 'repos'))).toEqual([]);
  });

  it('says a refused connection could not reach the URL, and that the other repos are still indexed', async () => {
    const error = await failure(syncSource(remote('https://127.0.0.1:9/x.git'), { cacheDir: tempDir() }));
    expect(error).toMatchObject({ code: 'GOLDEN_UNAVAILABLE', message: 'could not reach https://127.0.0.1:9/x.git.' });
    expect(error.hint).toBe('Check the URL and your network; the other golden repos are still indexed.');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('says what it waits for, then gives up on a server that stops answering after the timeout', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const waiting: string[] = [];
      const error = await failure(syncSource(remote(`http://127.0.0.1:${port}/x.git`), { cacheDir: tempDir(), timeoutMs: 300, onWaiting: (message) => waiting.push(message) }));
      expect(error).toMatchObject({ code: 'GOLDEN_UNAVAILABLE', message: `timed out fetching http://127.0.0.1:${port}/x.git.` });
      expect(waiting).toEqual([`Waiting for http://127.0.0.1:${port}/x.git to answer (fetching x); giving up after 0.3 s of silence. Check the URL and your network, or press Ctrl-C to stop.`]);
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });

  it('says when there is no repository at the URL', async () => {
    const url = `file://${join(tempDir(), 'missing.git')}`;
    expect(await failure(syncSource(remote(url), { cacheDir: tempDir() }))).toMatchObject({ message: `there is no git repository at ${url}.` });
  });

  it('never writes the token to the clone or anywhere in the cache', async () => {
    const { remote: origin, cacheDir } = fixture();
    const token = 'ghp_do_not_store_me';
    const synced = await syncSource(remote(origin.url), { cacheDir, token });
    expect(readFileSync(join(synced.gitDir, 'config'), 'utf8')).not.toContain(token);
    const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
    for (const file of filesUnder(cacheDir)) {
      const text = readFileSync(file, 'latin1');
      expect(text.includes(token) || text.includes(encoded), file).toBe(false);
    }
  });

  it('removes a half-made clone left by a killed run and clones cleanly', async () => {
    const { remote: origin, cacheDir } = fixture();
    const source = remote(origin.url);
    const leftover = `${repoFolder(cacheDir, source.id)}.tmp-999999999-deadbeef`;
    mkdirSync(join(leftover, 'objects'), { recursive: true });
    writeFileSync(join(leftover, 'HEAD'), 'garbage');
    const synced = await syncSource(source, { cacheDir });
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(join(cacheDir, 'repos'))).toEqual([synced.gitDir.slice(join(cacheDir, 'repos').length + 1)]);
  });

  it('deletes a broken cache folder and clones again', async () => {
    const { upstream, remote: origin, cacheDir } = fixture();
    const source = remote(origin.url);
    const folder = repoFolder(cacheDir, source.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'HEAD'), 'not a ref');
    const synced = await syncSource(source, { cacheDir });
    expect(synced.commit).toBe(upstream.git('rev-parse', 'HEAD'));
    expect(statSync(join(folder, 'objects')).isDirectory()).toBe(true);
  });

  it('reports progress', async () => {
    const { remote: origin, cacheDir } = fixture();
    const events: SyncProgress[] = [];
    await syncSource(remote(origin.url), { cacheDir, onProgress: (event) => events.push(event) });
    expect(events[0]).toMatchObject({ stage: 'Cloning remote' });
  });

  it('throws INTERRUPTED when aborted, leaving no folder behind', async () => {
    const { remote: origin, cacheDir } = fixture();
    const options: SyncOptions = { cacheDir, signal: AbortSignal.abort() };
    expect(await failure(syncSource(remote(origin.url), options))).toMatchObject({ code: 'INTERRUPTED' });
    expect(readdirSync(join(cacheDir, 'repos'))).toEqual([]);
  });

  it('says git is missing when it cannot be spawned', async () => {
    vi.stubEnv('PATH', tempDir());
    const error = await failure(syncSource(remote('https://127.0.0.1:9/x.git'), { cacheDir: tempDir() }));
    expect(error.code).toBe('GIT_MISSING');
    expect(error.hint).toContain('Install git');
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
