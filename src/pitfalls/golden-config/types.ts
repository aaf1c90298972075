/** What the golden repos' own linter configurations turned off, so a learner is not taught against it. */
export interface GoldenLinterConfig {
  /**
   * Rule ids as `Pitfall.ruleId` spells them (`oxlint/no-console`, `ruff/B006`). A Ruff entry may be
   * a code prefix (`ruff/B`, `ruff/S1`), as Ruff's own `ignore` lists allow.
   */
  off: string[];
}

/**
 * Our own syntax checks that a linter a golden repo may configure has under its own name: a team
 * that turned that rule off does not want ours either. Only rules that catch the same thing: a
 * broader rule turned off for its noise (eslint-plugin-security's detect-child-process flags every
 * non-literal exec) says nothing about the narrower pitfall.
 */
const SAME_PITFALL: Readonly<Record<string, readonly string[]>> = {
  'tree-sitter/js/floating-async-call': ['oxlint/typescript/no-floating-promises'],
};

/** Whether a golden repo turned `ruleId` off, by its name or by the name a linter gives the same pitfall. */
export function isTurnedOff(ruleId: string, config: GoldenLinterConfig | undefined): boolean {
  if (!config) return false;
  const names = [ruleId, ...(SAME_PITFALL[ruleId] ?? [])];
  return config.off.some((off) => names.includes(off) || (off.startsWith('ruff/') && ruleId.startsWith(off)));
}
