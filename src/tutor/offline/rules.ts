import { habitOfKey, type ApiAspect } from '../../conventions/api/habits.js';
import type { Category } from '../../conventions/types.js';
import { awaitCall, checkResult, manageResource, passOption, wrapInTry } from './changes/api.js';
import { fillEmptyCatch, keepCause, wrapWithW } from './changes/errors.js';
import { addDocComment, fixImportExtension, moveTest, renameTest, restateConvention } from './changes/files.js';
import { addTypeHints, awaitThen, replaceAny, replaceVar, useFString, useLogger } from './changes/idioms.js';
import { followRule, resolveConflict } from './changes/pitfalls.js';
import { ignoreSecretFile, readFromEnvironment } from './changes/secrets.js';
import { renameBoolean, renameCase, renameErrorClass, renameFile, renameInterface, renameTestTitle } from './changes/naming.js';
import { flattenNesting, groupParams, splitFile, splitFunction } from './changes/size.js';
import type { ChangeBuilder } from './types.js';

/**
 * The offline mentor's one table: for each convention rule (its id without the language prefix),
 * the markdown template that words its ladder (`prompts/offline/<template>.md`, overridable in
 * `.archangel/prompts/`), a short title, and the builder of its last rung. A rule missing here
 * falls back to its category's row, then to the generic template; adding a rule is adding a row.
 */
export interface RuleEntry {
  template: string;
  title: string;
  change: ChangeBuilder;
  /** The rule judges a whole file (its name, place or length): notes name the file, not line 1. */
  wholeFile?: true;
}

/** The template every rule template falls back to, section by section. */
export const DEFAULT_TEMPLATE = 'offline-default';

const CASE: RuleEntry = { template: 'offline-naming-case', title: 'naming', change: renameCase };

const RULES: Record<string, RuleEntry> = {
  // A category row: every `secrets.<kind>` rule falls back to it.
  secrets: { template: 'offline-secret', title: 'credential', change: readFromEnvironment },
  'secrets.secret-file': { template: 'offline-secret-file', title: 'file of secrets', change: ignoreSecretFile, wholeFile: true },
  'merge.conflict': { template: 'offline-merge-conflict', title: 'unresolved merge conflict', change: resolveConflict },
  // A category row: every `pitfalls.<engine>.<rule>` falls back to it; the note is titled by the pitfall.
  pitfalls: { template: 'offline-pitfall', title: 'pitfall', change: followRule },
  'naming.function': CASE,
  'naming.component': CASE,
  'naming.method': CASE,
  'naming.type': CASE,
  'naming.variable': CASE,
  'naming.constant': CASE,
  'naming.parameter': CASE,
  'naming.field': CASE,
  'naming.file': { template: 'offline-naming-file', title: 'file naming', change: renameFile, wholeFile: true },
  'naming.boolean-function': { template: 'offline-naming-boolean', title: 'boolean naming', change: renameBoolean },
  'naming.error-class': { template: 'offline-naming-error-class', title: 'error class naming', change: renameErrorClass },
  'naming.interface-prefix': { template: DEFAULT_TEMPLATE, title: 'interface naming', change: renameInterface },
  'naming.test': { template: 'offline-naming-test', title: 'test titles', change: renameTestTitle },
  'errors.empty-catch': { template: 'offline-errors-empty-catch', title: 'error handling', change: fillEmptyCatch },
  'errors.rethrow-cause': { template: 'offline-errors-cause', title: 'error cause', change: keepCause },
  'errors.wrap': { template: 'offline-errors-cause', title: 'error wrapping', change: wrapWithW },
  'size.function-lines': { template: 'offline-size-function', title: 'function size', change: splitFunction },
  'size.params': { template: 'offline-size-params', title: 'parameters', change: groupParams },
  'size.nesting': { template: 'offline-size-nesting', title: 'nesting', change: flattenNesting },
  'size.file-lines': { template: 'offline-size-file', title: 'file size', change: splitFile, wholeFile: true },
  'docs.exported': { template: 'offline-docs-exported', title: 'doc comment', change: addDocComment },
  'imports.relative-extension': { template: 'offline-imports', title: 'imports', change: fixImportExtension },
  'imports.module-path': { template: 'offline-imports', title: 'imports', change: restateConvention },
  'imports.default-export': { template: 'offline-imports', title: 'exports', change: restateConvention },
  'idioms.any': { template: 'offline-idioms-any', title: 'types', change: replaceAny },
  'idioms.async': { template: 'offline-idioms-async', title: 'async style', change: awaitThen },
  'idioms.var': { template: 'offline-idioms-var', title: 'declarations', change: replaceVar },
  'idioms.logging': { template: 'offline-idioms-logging', title: 'logging', change: useLogger },
  'idioms.type-hints': { template: 'offline-idioms-type-hints', title: 'type hints', change: addTypeHints },
  'idioms.string-format': { template: DEFAULT_TEMPLATE, title: 'string formatting', change: useFString },
  'layout.test-location': { template: 'offline-layout-test', title: 'test location', change: moveTest, wholeFile: true },
  'layout.test-file-name': { template: 'offline-layout-test', title: 'test file name', change: renameTest, wholeFile: true },
};

/**
 * API-usage rules are keyed by their callee (`api.requests.get.timeout`, `api.fetch.awaited`), so
 * their rows are chosen by the habit the key names.
 */
const API_RULES: Record<ApiAspect, RuleEntry> = {
  option: { template: 'offline-api-option', title: 'call options', change: passOption },
  awaited: { template: 'offline-api-awaited', title: 'awaiting', change: awaitCall },
  'in-try': { template: 'offline-api-try', title: 'call errors', change: wrapInTry },
  checked: { template: 'offline-api-checked', title: 'result check', change: checkResult },
  managed: { template: 'offline-api-managed', title: 'resource cleanup', change: manageResource },
};

/** A rule this version has no row for: the generic template, and the convention restated as the move. */
const FALLBACK: RuleEntry = { template: DEFAULT_TEMPLATE, title: 'convention', change: restateConvention };

/**
 * The row for a rule key (`naming.function`), else, for an API habit (`api.requests.get.timeout`),
 * the row of the habit it names, else its category's row (`secrets`), else the generic one.
 */
export function ruleEntry(key: string): RuleEntry {
  const category = key.split('.')[0] ?? '';
  const habit = habitOfKey(key);
  return RULES[key] ?? (habit ? API_RULES[habit.aspect] : undefined) ?? RULES[category] ?? { ...FALLBACK, title: category || FALLBACK.title };
}

/**
 * Which kind of departure to raise first when severities tie. A swallowed error hides a bug from
 * everyone downstream, so it comes first; an oversized function makes every later change harder;
 * a misleading name misleads each reader; a missing doc comment costs each caller a read of the
 * body; imports and idioms are local style; layout is decided once per file and cheapest to fix
 * later. MENTOR.md principle 1: the most important first.
 */
export const CATEGORY_PRIORITY: readonly string[] = ['secrets', 'merge', 'pitfalls', 'errors', 'api', 'size', 'naming', 'docs', 'imports', 'idioms', 'layout'];

/**
 * Categories whose `info` findings are nits: worth a note only when nothing real (a `warn` or
 * `error`) is open on the same save ("no nits while something real is open", MENTOR.md).
 */
export const NIT_CATEGORIES: ReadonlySet<string> = new Set<Category>(['naming', 'docs', 'imports', 'idioms', 'layout']);
