/** What the golden repos' own linter configurations turned off, so a learner is not taught against it. */
export interface GoldenLinterConfig {
  /**
   * Rule ids as `Pitfall.ruleId` spells them (`oxlint/no-console`, `ruff/B006`). A Ruff entry may be
   * a code prefix (`ruff/B`, `ruff/S1`), as Ruff's own `ignore` lists allow.
   */
  off: string[];
}

/** Whether a golden repo turned `ruleId` off. */
export function isTurnedOff(ruleId: string, config: GoldenLinterConfig | undefined): boolean {
  if (!config) return false;
  return config.off.some((off) => off === ruleId || (off.startsWith('ruff/') && ruleId.startsWith(off)));
}
