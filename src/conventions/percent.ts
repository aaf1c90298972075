/**
 * A share (0..1) as people read it: `percent(0.8735)` is "87.4%", `percent(0.8735, 0)` is "87%".
 * Findings keep a decimal (a rule at 99.6% is not one at 100%); tables and prose round to whole points.
 */
export function percent(share: number, decimals = 1): string {
  return `${Math.round(share * 10 ** (2 + decimals)) / 10 ** decimals}%`;
}
