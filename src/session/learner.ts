import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** A learner whose git config has no email must still get an answer quickly. */
const GIT_TIMEOUT_MS = 5_000;

/**
 * Who is learning in `repoDir`: git's `user.email` there (repository config first, then global),
 * lower-cased so `Ada@X.org` and `ada@x.org` share one record; `$USER@local` when git or the email
 * is missing. Two people on one machine stay apart as long as their git identities differ.
 * Synchronous: it runs once when a session opens, and one `git config` takes milliseconds.
 */
export function currentLearner(repoDir: string, env: NodeJS.ProcessEnv = process.env): string {
  let email = '';
  try {
    email = execFileSync('git', ['config', 'user.email'], { cwd: repoDir, env, timeout: GIT_TIMEOUT_MS, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    // No git, no such folder, or no email configured (git exits 1): fall back below.
  }
  email = email.trim().toLowerCase();
  return email === '' ? fallbackLearner(env) : email;
}

/** The identity used when git names nobody: `$USER@local`. */
export function fallbackLearner(env: NodeJS.ProcessEnv = process.env): string {
  const user = env.USER || env.USERNAME || safeUsername() || 'learner';
  return `${user}@local`.toLowerCase();
}

function safeUsername(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the caller uses a fixed name.
    return undefined;
  }
}
