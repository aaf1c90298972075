import { isDecisiveStyle, styleConforms } from './naming/cases.js';
import type { Category, Finding } from './types.js';

/** What the profile and the checker need to know about one rule key (the rule id minus its language). */
export interface RuleMeta {
  category: Category;
  severity: Finding['severity'];
  /** The convention as a sentence, given the value the golden code uses. */
  statement(expected: string): string;
  /** Whether a value may be the expected one (e.g. "empty catch" is never a convention to enforce). */
  candidate(value: string): boolean;
  /** Whether an observed value follows the expected one. */
  conforms(observed: string, expected: string): boolean;
  /** Learned and stated, but never reported on new code (see the rule's comment). */
  statementOnly?: boolean;
}

const equal = (observed: string, expected: string): boolean => observed === expected;
const any = (): boolean => true;
const only = (...values: string[]) => (value: string): boolean => values.includes(value);

const NAMING_LABEL: Record<string, string> = {
  function: 'Functions',
  method: 'Methods',
  type: 'Classes and types',
  variable: 'Local variables',
  constant: 'Constants',
  parameter: 'Parameters',
  field: 'Fields',
  file: 'File names',
  folder: 'Folder names',
};

function namingRule(label: string, extra: Partial<RuleMeta> = {}): RuleMeta {
  return { category: 'naming', severity: 'warn', statement: (e) => `${label} are ${e}`, candidate: isDecisiveStyle, conforms: styleConforms, ...extra };
}

const RULES: Record<string, RuleMeta> = {
  ...Object.fromEntries(Object.entries(NAMING_LABEL).map(([kind, label]) => [`naming.${kind}`, namingRule(label)])),
  // A folder is created once and lives on; judging it on every save of every file inside it
  // would repeat one old decision forever, so folder naming is described, never reported.
  'naming.folder': namingRule('Folder names', { statementOnly: true }),
  'naming.boolean-function': { category: 'naming', severity: 'info', statement: () => 'Functions returning a boolean are named as questions (is/has/can…)', candidate: only('is/has/can… prefix'), conforms: equal },
  'naming.error-class': { category: 'naming', severity: 'warn', statement: (e) => `Error classes are named with the ${e.replace(' suffix', '')} suffix`, candidate: (v) => !v.startsWith('no '), conforms: equal },
  'naming.interface-prefix': { category: 'naming', severity: 'warn', statement: (e) => (e === 'I prefix' ? 'Interfaces are named IThing' : 'Interfaces have no I prefix'), candidate: any, conforms: equal },
  'naming.test': { category: 'naming', severity: 'info', statement: (e) => `Test titles ${e}`, candidate: any, conforms: equal },
  'errors.empty-catch': { category: 'errors', severity: 'warn', statement: () => 'Catch blocks handle the error or say why they ignore it', candidate: only('handles the error'), conforms: equal },
  'errors.rethrow-cause': { category: 'errors', severity: 'warn', statement: () => 'Errors thrown from a catch keep the caught error (rethrown or as cause)', candidate: only('keeps the cause'), conforms: equal },
  'errors.wrap': { category: 'errors', severity: 'warn', statement: () => 'fmt.Errorf wraps errors with %w', candidate: only('wraps with %w'), conforms: equal },
  'imports.relative-extension': { category: 'imports', severity: 'warn', statement: (e) => `Relative imports are written ${e}`, candidate: any, conforms: equal },
  'imports.module-path': { category: 'imports', severity: 'info', statement: (e) => `Local modules are imported by ${e} path`, candidate: any, conforms: equal },
  'imports.default-export': { category: 'imports', severity: 'info', statement: (e) => `Modules use ${e}`, candidate: any, conforms: equal },
  'docs.exported': { category: 'docs', severity: 'info', statement: () => 'Exported symbols have a doc comment', candidate: only('documented'), conforms: equal },
  'idioms.any': { category: 'idioms', severity: 'info', statement: () => 'Types are precise: `any` is avoided', candidate: only('a precise type'), conforms: equal },
  'idioms.async': { category: 'idioms', severity: 'info', statement: () => 'Asynchronous code uses async/await rather than .then() chains', candidate: only('async/await'), conforms: equal },
  'idioms.var': { category: 'idioms', severity: 'warn', statement: () => 'Variables are declared with let/const, never var', candidate: only('let/const'), conforms: equal },
  'idioms.logging': { category: 'idioms', severity: 'info', statement: () => 'Logging goes through a logger, not straight to the console', candidate: only('logger'), conforms: equal },
  'idioms.type-hints': { category: 'idioms', severity: 'info', statement: () => 'Functions carry type hints', candidate: only('type hints'), conforms: equal },
  'idioms.string-format': { category: 'idioms', severity: 'info', statement: () => 'Strings are formatted with f-strings', candidate: only('f-string'), conforms: equal },
  'layout.test-location': { category: 'layout', severity: 'warn', statement: (e) => `Tests live ${e}`, candidate: any, conforms: equal },
  'layout.test-file-name': { category: 'layout', severity: 'warn', statement: (e) => `Test files are named ${e}`, candidate: any, conforms: equal },
};

/** The metadata of a rule key, or undefined for keys this version does not know. */
export function ruleMeta(key: string): RuleMeta | undefined {
  return RULES[key];
}

/** Sentences for the size rules. */
export const SIZE_STATEMENTS: Record<string, { noun: string; unit: string }> = {
  'size.function-lines': { noun: 'Functions', unit: 'lines' },
  'size.params': { noun: 'Functions', unit: 'parameters' },
  'size.nesting': { noun: 'Functions', unit: 'levels of nesting' },
  'size.file-lines': { noun: 'Files', unit: 'lines' },
};
