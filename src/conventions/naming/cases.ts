/**
 * Identifier case styles. A single lowercase word (`parse`) is at once camelCase, snake_case and
 * kebab-case, so it is classified as `lower` and conforms to all of them; it never decides a
 * convention and is never reported.
 */
export type CaseStyle =
  | 'camelCase'
  | 'PascalCase'
  | 'snake_case'
  | 'UPPER_SNAKE'
  | 'kebab-case'
  | 'lower'
  | 'UPPER'
  | 'mixedCaps'
  | 'mixed';

/** Styles that are compatible with every style in the value list (ambiguous single words). */
const AMBIGUOUS: Record<string, readonly CaseStyle[]> = {
  lower: ['camelCase', 'snake_case', 'kebab-case', 'mixedCaps', 'lower'],
  // `URL`, `ID`: an acronym reads as a constant or a type name.
  UPPER: ['UPPER_SNAKE', 'PascalCase', 'mixedCaps', 'UPPER'],
};

/** Whether a style can be a convention (ambiguous and unclassifiable styles cannot). */
export function isDecisiveStyle(style: string): boolean {
  return !(style in AMBIGUOUS) && style !== 'mixed';
}

/** Whether an identifier in `observed` style follows a convention of `expected` style. */
export function styleConforms(observed: string, expected: string): boolean {
  if (observed === expected) return true;
  return AMBIGUOUS[observed]?.includes(expected as CaseStyle) ?? false;
}

/**
 * The case style of an identifier. Leading/trailing underscores and `$` (privacy markers) and
 * digits are ignored. `undefined` for names with nothing to classify (`_`, `$`, `__init__`).
 * With `mixedCaps` (Go, where the first letter's case is visibility, not style), camelCase,
 * PascalCase and single words all count as `mixedCaps`.
 */
export function classifyCase(name: string, options: { mixedCaps?: boolean } = {}): CaseStyle | undefined {
  if (/^__\w+__$/.test(name)) return undefined;
  const core = name.replace(/^[_$]+|[_$]+$/g, '').replace(/\d/g, '');
  if (core === '' || /[^A-Za-z_\-$]/.test(core)) return undefined;
  const style = rawStyle(core);
  if (options.mixedCaps && (style === 'camelCase' || style === 'PascalCase' || style === 'lower')) return 'mixedCaps';
  return style;
}

function rawStyle(core: string): CaseStyle {
  const hasLower = /[a-z]/.test(core);
  const hasUpper = /[A-Z]/.test(core);
  const hasUnderscore = core.includes('_');
  const hasDash = core.includes('-');
  if (hasDash) return !hasUpper && !hasUnderscore ? 'kebab-case' : 'mixed';
  if (!hasLower) return hasUnderscore ? 'UPPER_SNAKE' : 'UPPER';
  if (hasUnderscore) return hasUpper ? 'mixed' : 'snake_case';
  if (!hasUpper) return 'lower';
  return /^[A-Z]/.test(core) ? 'PascalCase' : 'camelCase';
}
