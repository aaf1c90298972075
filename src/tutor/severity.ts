import { mostImportantFirst, surestFailureFirst, type Concern, type Failure } from '../importance/concern.js';
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

/** The order findings are raised in: what their fault costs, then its severity, then how surely it shows (src/importance). */
export function raisedFirst(a: { concern: Concern; severity: Severity; failure?: Failure }, b: { concern: Concern; severity: Severity; failure?: Failure }): number {
  return mostImportantFirst(a, b) || mostSevereFirst(a, b) || surestFailureFirst(a, b);
}

/** The most severe level among `items` (`info` when there are none). */
export function worstSeverity(items: ReadonlyArray<{ severity: Severity }>): Severity {
  return items.reduce<Severity>((worst, item) => (RANK[item.severity] > RANK[worst] ? item.severity : worst), 'info');
}
