import { createRepo, type TestRepo } from './git.js';
import { treeFromNodeModules } from './corpus.js';

/** What the learner's `src/users.ts` holds before a test's change is saved into it. */
export const USERS_START = 'export const users = new Map<string, string>();\n';

/**
 * A change saved after USERS_START: a snake_case name and a catch that swallows the error. Its
 * fetch has a deadline, so that those two are all there is to notice.
 */
export const SWALLOWED_ERROR = `
export async function load_user_profile(id: string) {
  try {
    const response = await fetch(\`/api/users/\${id}\`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return await response.json();
  } catch (error) {}
}
`;

/** A golden repo of zod's v4 core sources: real TypeScript, with conventions firm enough to enforce. */
export function zodGolden(): TestRepo {
  const golden = createRepo();
  golden.commit('golden', treeFromNodeModules('zod/src/v4/core', /\.ts$/));
  return golden;
}

/**
 * A learner's repo whose archangel.json names `golden` (none when absent), ignoring `.archangel/`,
 * with `src/users.ts` at USERS_START; `email` becomes the learner's git identity.
 */
export function learnerRepo(golden?: TestRepo, email?: string): TestRepo {
  const learner = createRepo();
  learner.commit('start', {
    'archangel.json': JSON.stringify({ golden: golden ? [{ path: golden.dir, name: 'zod' }] : [] }),
    '.gitignore': '.archangel/\n',
    'src/users.ts': USERS_START,
  });
  if (email) learner.git('config', 'user.email', email);
  return learner;
}
