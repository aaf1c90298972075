/**
 * How `archangel watch` learns that it runs in a pair session: `pair start` sets these variables on
 * the watch pane. The navigator's name is what was given to `pair start --navigator` (declared, not
 * checked: every guest of one tmux server types into the same pane).
 */
export interface PairContext {
  session: string;
  /** The learner at the keyboard (their git identity). */
  driver: string;
  /** The person guiding, as named at start. */
  navigator: string;
}

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

/** The driver as people call them: the name part of their git identity (`ana` for `ana@example.org`). */
export function driverName(context: PairContext): string {
  return context.driver.split('@')[0] ?? context.driver;
}

/** One line for the mentor's prompts, so it speaks to two people. */
export function describePair(context: PairContext | undefined): string {
  if (!context) return '';
  return `This is a pair session: ${context.driver} is at the keyboard (the driver) and ${context.navigator} is guiding (the navigator). Speak to both; a question the navigator could help the driver answer is welcome.`;
}
