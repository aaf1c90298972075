import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ArchangelError } from '../errors/archangel-error.js';
import { debug } from '../log/logger.js';
import { CatFileParser } from './cat-file-parser.js';
import { gitEnv } from './git-env.js';
import { GitCommandError, gitMissing } from './run-git.js';

/** The content of one blob. */
export interface BlobContent {
  sha: string;
  bytes: Buffer;
}

/** Object names sent to git are written as lines: anything but hex would break the protocol. */
const OBJECT_NAME = /^[0-9a-f]{4,64}$/i;
/** Names are written to git's stdin in batches of about this many bytes. */
const WRITE_BATCH_BYTES = 64 * 1024;
const MAX_STDERR_CHARS = 4096;

/**
 * Streams the contents of `shas`, in order, through ONE long-lived `git cat-file --batch` process
 * (one process per file would cost a few milliseconds each). Consumption drives the pace: git is
 * only read as fast as the caller iterates. Names git does not have are skipped (logged with
 * `debug`). Breaking out of the loop or aborting `signal` kills git.
 */
export async function* readBlobs(gitDir: string, shas: Iterable<string>, options: { signal?: AbortSignal } = {}): AsyncGenerator<BlobContent> {
  const names = [...shas];
  const invalid = names.find((name) => !OBJECT_NAME.test(name));
  if (invalid !== undefined) throw new ArchangelError('INTERNAL', `readBlobs was given ${JSON.stringify(invalid)}, which is not an object sha.`);
  if (names.length === 0) return;

  const args = ['-C', gitDir, 'cat-file', '--batch', '--buffer'];
  const child = spawn('git', args, { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal });
  let spawnError: NodeJS.ErrnoException | undefined;
  child.on('error', (error) => (spawnError = error));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-MAX_STDERR_CHARS)));
  child.stdin.on('error', () => {
    // EPIPE when git exits early; the exit code and stderr below tell the real story.
  });
  const stopWriting = new AbortController();
  void writeNames(child.stdin, names, stopWriting.signal);

  const parser = new CatFileParser();
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      for (const frame of parser.push(chunk)) {
        if ('missing' in frame) debug('golden', 'blob missing from repository', { gitDir, sha: frame.sha });
        else yield { sha: frame.sha, bytes: frame.bytes };
      }
    }
    const code = await exited;
    if (options.signal?.aborted) throw new ArchangelError('INTERRUPTED', 'reading golden files was cancelled.', { cause: options.signal.reason });
    if (spawnError?.code === 'ENOENT') throw gitMissing(spawnError);
    if (spawnError || code !== 0 || !parser.idle) {
      throw new ArchangelError('GOLDEN_UNAVAILABLE', `could not read files from the golden repository at ${gitDir}.`, {
        hint: 'Run `archangel index` again; if it keeps failing, delete that folder from the cache.',
        cause: spawnError ?? new GitCommandError(args, code, stderr),
      });
    }
  } finally {
    stopWriting.abort();
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

/** Feeds names to git's stdin in batches, waiting for 'drain' so a huge list never piles up in memory. */
async function writeNames(stdin: NodeJS.WritableStream, names: string[], signal: AbortSignal): Promise<void> {
  try {
    let batch = '';
    for (const name of names) {
      batch += `${name}\n`;
      if (batch.length < WRITE_BATCH_BYTES) continue;
      if (signal.aborted) return;
      if (!stdin.write(batch)) await once(stdin, 'drain', { signal });
      batch = '';
    }
    if (!signal.aborted) stdin.end(batch);
  } catch {
    // Aborted, or git went away: the reader reports what happened.
  }
}
