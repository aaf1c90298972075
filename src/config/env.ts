import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Secrets and machine paths come from the environment, never from archangel.json. */

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ARCHANGEL_CACHE_DIR) return env.ARCHANGEL_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'archangel');
}

let ghTokenMemo: string | null | undefined;

/** GITHUB_TOKEN, else GH_TOKEN, else what `gh auth token` prints when gh is installed and logged in. */
export function githubToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (fromEnv) return fromEnv;
  if (ghTokenMemo === undefined) {
    try {
      ghTokenMemo = execFileSync('gh', ['auth', 'token'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 }).trim() || null;
    } catch {
      ghTokenMemo = null;
    }
  }
  return ghTokenMemo ?? undefined;
}
