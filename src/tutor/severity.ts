import type { Severity } from './types.js';

/** Distinct glyphs, so severity reads without colour too (NO_COLOR, plain lines, the TUI). */
export const SEVERITY_MARK: Readonly<Record<Severity, string>> = { error: '✖', warn: '●', info: '○' };

/** How severe each level is, least first: the one order every list and threshold uses. */
const RANK: Readonly<Record<Severity, number>> = { info: 0, warn: 1, error: 2 };

/** Whether `item` is at least as severe as `threshold`. */
export function atLeast(item: { severity: Severity }, threshold: Severity): boolean {
  return RANK[item.severity] >= RANK[threshold];
}

/** Sort order, most severe first. */
export function mostSevereFirst(a: { severity: Severity }, b: { severity: Severity }): number {
  return RANK[b.severity] - RANK[a.severity];
}

/** The most severe level among `items` (`info` when there are none). */
export function worstSeverity(items: ReadonlyArray<{ severity: Severity }>): Severity {
  return items.reduce<Severity>((worst, item) => (RANK[item.severity] > RANK[worst] ? item.severity : worst), 'info');
}
