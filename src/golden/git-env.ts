/**
 * The environment every git command of `golden/` runs with: never prompts, speaks English (so its
 * errors can be classified), ignores a repository that a parent git process (a hook) points at, and
 * carries a GitHub token only where it belongs.
 */

/** Variables that make git use another repository than the one we name (set inside git hooks). */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_GRAFT_FILE',
  'GIT_SHALLOW_FILE',
  'GIT_REPLACE_REF_BASE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
];

/** The only URLs a token is ever sent to. */
const GITHUB_HTTPS = 'https://github.com/';

/** True when `url` is fetched over https from github.com, the one place a GitHub token is for. */
function isGitHubHttps(url: string): boolean {
  return url.startsWith(GITHUB_HTTPS);
}

/**
 * The environment for one git command. A token for `url` is passed as `GIT_CONFIG_KEY_n`/`VALUE_n`
 * (git ≥ 2.31): unlike `-c` it is not visible in the process list, and unlike a credential in the
 * URL or `.git/config` it is never written to disk. The key is scoped to https://github.com/ so a
 * user's `insteadOf` rewrite to another host cannot carry it elsewhere.
 */
export function gitEnv(options: { url?: string; token?: string } = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  env.GIT_TERMINAL_PROMPT = '0';
  // An empty GIT_ASKPASS stops git from falling back to core.askPass or SSH_ASKPASS (an editor's GUI).
  env.GIT_ASKPASS = '';
  env.GCM_INTERACTIVE = 'never';
  env.GIT_SSH_COMMAND = `${base.GIT_SSH_COMMAND || 'ssh'} -oBatchMode=yes`;
  env.LC_ALL = 'C';
  if (options.token && options.url && isGitHubHttps(options.url)) {
    // Keep whatever -c style settings the user already passes through the environment.
    const count = Number.parseInt(base.GIT_CONFIG_COUNT ?? '0', 10) || 0;
    env[`GIT_CONFIG_KEY_${count}`] = `http.${GITHUB_HTTPS}.extraHeader`;
    env[`GIT_CONFIG_VALUE_${count}`] = `Authorization: Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`;
    env.GIT_CONFIG_COUNT = String(count + 1);
  }
  return env;
}
