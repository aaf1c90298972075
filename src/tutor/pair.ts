/**
 * Who the mentor speaks to in a pair session (`archangel pair`): the tutors put their questions to
 * both people. `src/pair/context.ts` hands this to a watch process; the tutor only reads it.
 */
export interface PairContext {
  session: string;
  /** The learner at the keyboard (their git identity). */
  driver: string;
  /** The person guiding, as named at start (declared, not checked). */
  navigator: string;
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
