import type { PairContext } from '../tutor/pair.js';

/**
 * How `archangel watch` learns that it runs in a pair session: `pair start` sets these variables on
 * the watch pane. The navigator's name is what was given to `pair start --navigator` (declared, not
 * checked: every guest of one tmux server types into the same pane).
 */

const VARS = { session: 'ARCHANGEL_PAIR_SESSION', driver: 'ARCHANGEL_PAIR_DRIVER', navigator: 'ARCHANGEL_PAIR_NAVIGATOR' } as const;

export function pairContextFromEnv(env: NodeJS.ProcessEnv = process.env): PairContext | undefined {
  const session = env[VARS.session];
  if (!session) return undefined;
  return { session, driver: env[VARS.driver] || 'driver', navigator: env[VARS.navigator] || 'navigator' };
}

/** The variables that hand `context` to a watch process. */
export function pairEnv(context: PairContext): Record<string, string> {
  return { [VARS.session]: context.session, [VARS.driver]: context.driver, [VARS.navigator]: context.navigator };
}
