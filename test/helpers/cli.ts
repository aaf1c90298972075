import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tempDir } from './git.js';

/** The built `archangel` executable (npm test builds before running the tests). */
export const BIN = new URL('../../bin/archangel.js', import.meta.url).pathname;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion in `cwd`, offline: no API keys reach it. */
export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: cliEnv(env), encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI to completion without blocking this process, so a loopback server in the test
 * (a fake Messages API) can answer it; `input` is written to its stdin.
 */
export function runCliAsync(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, input = ''): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cliEnv(env), stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Starts the CLI without waiting, for tests that interrupt it. */
export function startCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** One cache folder per test file (golden clones, validated configs), never the user's ~/.cache. */
let cacheDir: string | undefined;

function cliEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // The machine's keys never reach the CLI; a test's own (`extra`) do.
  cacheDir ??= tempDir('cache');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ARCHANGEL_CACHE_DIR: cacheDir };
  for (const name of ['ANTHROPIC_API_KEY', 'VOYAGE_API_KEY', 'GITHUB_TOKEN', 'GH_TOKEN', 'ARCHANGEL_INDEX_PATH']) delete env[name];
  return { ...env, ...extra };
}
