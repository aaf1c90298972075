import { spawn } from 'node:child_process';
import { ArchangelError } from '../errors/archangel-error.js';
import { debug } from '../log/logger.js';
import { gitEnv } from './git-env.js';

/** Keep the tail of stderr only: progress output of a big clone would otherwise grow without bound. */
const MAX_STDERR_CHARS = 16_384;

/** A git command that exited non-zero; the `cause` behind the friendly errors of `golden/`. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    /** Why git was stopped: our timeout, or the caller's abort. */
    readonly stoppedBy?: 'timeout' | 'abort',
  ) {
    const firstLine = stderr.split('\n').find((line) => line.trim() !== '') ?? `exit code ${exitCode}`;
    super(`git ${args[0] ?? ''} failed: ${stoppedBy ? `stopped by ${stoppedBy}` : firstLine.trim()}`);
    this.name = 'GitCommandError';
  }
}

export interface RunGitOptions {
  cwd?: string;
  /** Passed to `gitEnv`: the remote URL and a token that may go with it. */
  url?: string;
  token?: string;
  signal?: AbortSignal;
  /**
   * Stop git after this long without output. Network commands run with `--progress`, so a slow but
   * moving clone of a big repository is not cut off, while a stalled one is.
   */
  timeoutMs?: number;
  /** Called with each line git writes to stderr (progress lines end in `\r`). */
  onStderrLine?: (line: string) => void;
  /** Called once if git writes nothing for `afterMs` (a server that accepted the connection and says nothing). */
  onSilence?: { afterMs: number; call: () => void };
}

/** Runs git to completion and returns its stdout; throws `GitCommandError` or GIT_MISSING. */
export function runGit(args: string[], options: RunGitOptions = {}): Promise<Buffer> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) return Promise.reject(new GitCommandError(args, null, '', 'abort'));
  debug('golden', 'git', { args, cwd: options.cwd });
  return new Promise((resolvePromise, reject) => {
    const env = gitEnv({ url: options.url, token: options.token });
    if (timeoutMs !== undefined) {
      // curl's own stall limit, so a transport helper orphaned by a killed ArchAngel gives up too.
      env.GIT_HTTP_LOW_SPEED_LIMIT = '1';
      env.GIT_HTTP_LOW_SPEED_TIME = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
    }
    // Its own process group: `git fetch` runs helpers (git-remote-https, ssh) that keep our pipes
    // open, so stopping git means stopping the whole group.
    const child = spawn('git', args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let stoppedBy: 'timeout' | 'abort' | undefined;
    const stop = (why: 'timeout' | 'abort'): void => {
      stoppedBy ??= why;
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    };
    let timer: NodeJS.Timeout | undefined;
    let silence: NodeJS.Timeout | undefined;
    let silenceTold = false;
    const rearm = (): void => {
      const onSilence = options.onSilence;
      if (onSilence && !silenceTold) {
        clearTimeout(silence);
        silence = setTimeout(() => {
          silenceTold = true;
          onSilence.call();
        }, onSilence.afterMs);
      }
      if (timeoutMs === undefined) return;
      clearTimeout(timer);
      timer = setTimeout(() => stop('timeout'), timeoutMs);
    };
    rearm();
    const onAbort = (): void => stop('abort');
    signal?.addEventListener('abort', onAbort, { once: true });

    const stdout: Buffer[] = [];
    let stderr = '';
    let partialLine = '';
    child.stdout.on('data', (chunk: Buffer) => {
      rearm();
      stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      rearm();
      stderr = (stderr + chunk).slice(-MAX_STDERR_CHARS);
      if (!options.onStderrLine) return;
      const lines = (partialLine + chunk).split(/[\r\n]/);
      partialLine = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') options.onStderrLine(line);
    });

    const finish = (): void => {
      clearTimeout(timer);
      clearTimeout(silence);
      signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      reject(error.code === 'ENOENT' ? gitMissing(error) : error);
    });
    child.on('close', (code) => {
      finish();
      if (code === 0 && !stoppedBy) resolvePromise(Buffer.concat(stdout));
      else reject(new GitCommandError(args, code, stderr, stoppedBy));
    });
  });
}

/** The error for a machine without git: nothing in `golden/` can work without it. */
export function gitMissing(cause: unknown): ArchangelError {
  return new ArchangelError('GIT_MISSING', 'git is not installed or not on the PATH, so golden repos cannot be read.', {
    hint: 'Install git (https://git-scm.com/downloads) and run the command again.',
    cause,
  });
}
