import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { debug } from '../log/logger.js';
import { repoFolder, removeStaleTempFolders, tempFolderFor } from './cache-folder.js';
import { resolveCommit } from './plumbing.js';
import { classifyRemoteFailure, isMissingRef, refNotFound } from './errors.js';
import { GitCommandError, runGit } from './run-git.js';
import type { RemoteGoldenSource, SyncOptions, SyncedRepo } from './types.js';

/**
 * How long a clone or fetch may stay silent before it is given up (see `RunGitOptions.timeoutMs`).
 * Git reports progress every second or so while a server works, even on a huge repository, so a
 * minute of silence is a server that will not answer.
 */
export const DEFAULT_NETWORK_TIMEOUT_MS = 60_000;

/** Silence after which the user is told what is being waited for: past a slow handshake, long before the bound. */
const SILENCE_NOTICE_MS = 5_000;

/** Keeps the pinned commit reachable, so `git gc` in the cache never prunes what the index cites. */
const PINNED_REF = 'refs/archangel/pinned';

const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;
const MAYBE_SHA = /^[0-9a-f]{4,64}$/i;

/** What git prints when the objects in a cache repository are damaged rather than unreachable. */
const CORRUPT = [/bad object/i, /corrupt/i, /unable to read/i, /did not send all necessary objects/i, /missing (blob|tree|commit)/i, /index-pack failed/i];

/**
 * Clones (first run) or fetches (later runs) a remote golden repository into the cache, shallow and
 * bare: the indexer reads blobs from git objects, so a working tree would only double the disk used.
 * The first clone is made in a temp folder and renamed into place, so a killed clone never leaves a
 * half repository that a later run would trust.
 */
export async function syncRemote(source: RemoteGoldenSource, options: SyncOptions): Promise<SyncedRepo> {
  const folder = repoFolder(options.cacheDir, source.id);
  await mkdir(dirname(folder), { recursive: true });
  await removeStaleTempFolders(folder);
  if (await exists(folder)) {
    if (await isBareRepository(folder)) {
      try {
        return await pin(folder, source, options, 'Fetching');
      } catch (error) {
        if (!isCorruption(error)) throw classifyRemoteFailure(source, error, source.ref);
        debug('golden', 'cached clone is damaged; cloning again', { id: source.id, error: String(error) });
      }
    } else {
      debug('golden', 'cache folder is not a git repository; cloning again', { id: source.id, folder });
    }
    await rm(folder, { recursive: true, force: true });
  }
  return clone(folder, source, options);
}

async function clone(folder: string, source: RemoteGoldenSource, options: SyncOptions): Promise<SyncedRepo> {
  const temp = tempFolderFor(folder);
  try {
    await runGit(['init', '--quiet', '--bare', temp]);
    const synced = await pin(temp, source, options, 'Cloning');
    try {
      await rename(temp, folder);
    } catch (error) {
      // Another ArchAngel process cloned the same repository meanwhile: use its clone.
      if (!(await isBareRepository(folder))) throw error;
      return await pin(folder, source, options, 'Fetching');
    }
    return { ...synced, gitDir: folder };
  } catch (error) {
    throw classifyRemoteFailure(source, error, source.ref);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Fetches the configured ref (shallow) into `gitDir` and records the commit it resolves to. */
async function pin(gitDir: string, source: RemoteGoldenSource, options: SyncOptions, stage: string): Promise<SyncedRepo> {
  const ref = source.ref ?? 'HEAD';
  const known = source.ref !== undefined && FULL_SHA.test(source.ref) ? await resolveCommit(gitDir, source.ref) : undefined;
  if (known !== undefined) return pinned(gitDir, source, known, ref); // a commit never moves: no network needed
  options.onProgress?.({ source, stage: `${stage} ${source.name}` });
  let commit: string | undefined;
  try {
    await fetch(gitDir, source, options, ['--depth=1', '--end-of-options', source.url, ref]);
    commit = await resolveCommit(gitDir, 'FETCH_HEAD');
  } catch (error) {
    // Servers may refuse a sha they do not advertise, and nobody can fetch an abbreviated one:
    // fetch every branch and tag with full history, then look the commit up locally.
    if (!(source.ref !== undefined && MAYBE_SHA.test(source.ref) && isMissingRef(error))) throw error;
    debug('golden', 'ref is not fetchable by name; fetching full history', { id: source.id, ref });
    await fetchEverything(gitDir, source, options);
    commit = await resolveCommit(gitDir, source.ref);
  }
  if (commit === undefined) throw refNotFound(source, ref);
  return pinned(gitDir, source, commit, ref);
}

async function pinned(gitDir: string, source: RemoteGoldenSource, commit: string, ref: string): Promise<SyncedRepo> {
  await runGit([`--git-dir=${gitDir}`, 'update-ref', '--no-deref', PINNED_REF, commit]);
  return { source, gitDir, commit, ref };
}

async function fetchEverything(gitDir: string, source: RemoteGoldenSource, options: SyncOptions): Promise<void> {
  const shallow = (await runGit([`--git-dir=${gitDir}`, 'rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
  const refspecs = ['+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'];
  await fetch(gitDir, source, options, [...(shallow ? ['--unshallow'] : []), '--end-of-options', source.url, ...refspecs]);
}

function fetch(gitDir: string, source: RemoteGoldenSource, options: SyncOptions, args: string[]): Promise<Buffer> {
  const onProgress = options.onProgress;
  const onWaiting = options.onWaiting;
  const timeoutMs = options.timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS;
  return runGit([`--git-dir=${gitDir}`, 'fetch', '--no-tags', '--progress', ...args], {
    url: source.url,
    token: options.token,
    signal: options.signal,
    timeoutMs,
    onSilence: onWaiting && {
      afterMs: Math.min(SILENCE_NOTICE_MS, timeoutMs / 2),
      call: () => onWaiting(`Waiting for ${source.url} to answer (fetching ${source.name}); giving up after ${timeoutMs / 1000} s of silence. Check the URL and your network, or press Ctrl-C to stop.`),
    },
    onStderrLine: onProgress && ((line) => {
      const match = /^(?:remote: )?([A-Za-z ]+):\s+(\d+)%/.exec(line);
      if (match?.[1] && match[2]) onProgress({ source, stage: match[1], percent: Number(match[2]) });
    }),
  });
}

function isCorruption(error: unknown): boolean {
  return error instanceof GitCommandError && !error.stoppedBy && CORRUPT.some((pattern) => pattern.test(error.stderr));
}

async function isBareRepository(folder: string): Promise<boolean> {
  try {
    const out = await runGit([`--git-dir=${folder}`, 'rev-parse', '--is-bare-repository']);
    return out.toString('utf8').trim() === 'true';
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
