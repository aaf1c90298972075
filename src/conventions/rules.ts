import { isDecisiveStyle, styleConforms } from './naming/cases.js';
import type { Concern, Failure } from '../importance/concern.js';
import type { Category } from './types.js';


/** What the profile and the checker need to know about one rule key (the rule id minus its language). */
export interface RuleMeta {
  category: Category;
  /** What a departure costs, which sets its severity and its place in the order (src/importance). */
  concern: Concern;
  /** The convention as a sentence, given the value the golden code uses. */
  statement(expected: string): string;
  /** Whether a value can describe the golden code (ambiguous single-word names cannot). */
  candidate(value: string): boolean;
  /** Whether departures from this expected value are reported ("empty catch" is never enforced). */
  enforceable(value: string): boolean;
  /** Whether an observed value follows the expected one. */
  conforms(observed: string, expected: string): boolean;
  /** Learned and stated, but never reported on new code (see the rule's comment). */
  statementOnly?: boolean;
  /** How a departure's fault shows, when it is more than a risk (src/importance). */
  failure?: Failure;
}

const equal = (observed: string, expected: string): boolean => observed === expected;
const any = (): boolean => true;
const only = (...values: string[]) => (value: string): boolean => values.includes(value);

const NAMING_LABEL: Record<string, string> = {
  function: 'Functions',
  component: 'Components (functions returning JSX)',
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
  return { category: 'naming', concern: 'style', statement: (e) => `${label} are ${e}`, candidate: isDecisiveStyle, enforceable: any, conforms: styleConforms, ...extra };
}

/**
 * A two-sided habit where only one side is worth teaching: the golden code may describe either
 * (stated honestly), but only departures from `good` are reported.
 */
function oneSided(category: Category, concern: Concern, good: string, goodSentence: string, otherSentence: string): RuleMeta {
  return { category, concern, statement: (e) => (e === good ? goodSentence : otherSentence), candidate: any, enforceable: only(good), conforms: equal };
}

/** A habit where either side is a legitimate team choice. */
function eitherWay(category: Category, concern: Concern, statement: (expected: string) => string): RuleMeta {
  return { category, concern, statement, candidate: any, enforceable: any, conforms: equal };
}

const RULES: Record<string, RuleMeta> = {
  ...Object.fromEntries(Object.entries(NAMING_LABEL).map(([kind, label]) => [`naming.${kind}`, namingRule(label)])),
  // A folder is created once and lives on; judging it on every save of every file inside it
  // would repeat one old decision forever, so folder naming is described, never reported.
  'naming.folder': namingRule('Folder names', { statementOnly: true }),
  'naming.boolean-function': oneSided('naming', 'style', 'is/has/can… prefix', 'Functions returning a boolean are named as questions (is/has/can…)', 'Functions returning a boolean are not named as questions'),
  'naming.error-class': { category: 'naming', concern: 'style', statement: (e) => (e.startsWith('no ') ? 'Error classes have no Error/Exception suffix' : `Error classes are named with the ${e.replace(' suffix', '')} suffix`), candidate: any, enforceable: (v) => !v.startsWith('no '), conforms: equal },
  'naming.interface-prefix': eitherWay('naming', 'style', (e) => (e === 'I prefix' ? 'Interfaces are named IThing' : 'Interfaces have no I prefix')),
  'naming.test': eitherWay('naming', 'style', (e) => `Test titles ${e}`),
  'errors.empty-catch': { ...oneSided('errors', 'correctness', 'handles the error', 'Catch blocks handle the error or say why they ignore it', 'Catch blocks are often left empty'), failure: 'hidden' },
  'errors.rethrow-cause': oneSided('errors', 'correctness', 'keeps the cause', 'Errors thrown from a catch keep the caught error (rethrown or as cause)', 'Errors thrown from a catch often drop the caught error'),
  'errors.wrap': oneSided('errors', 'correctness', 'wraps with %w', 'fmt.Errorf wraps errors with %w', 'fmt.Errorf formats errors without %w'),
  'imports.relative-extension': eitherWay('imports', 'style', (e) => `Relative imports are written ${e}`),
  'imports.module-path': eitherWay('imports', 'style', (e) => `Local modules are imported by ${e} path`),
  'imports.default-export': eitherWay('imports', 'style', (e) => `Modules use ${e}`),
  'docs.exported': oneSided('docs', 'style', 'documented', 'Exported symbols have a doc comment', 'Exported symbols mostly have no doc comment'),
  // `any` switches the type checker off for everything the value touches: a weaker contract
  // between this code and its callers (design), a bug only when the value is misused.
  'idioms.any': oneSided('idioms', 'design', 'a precise type', 'Types are precise: `any` is avoided', '`any` is the common type annotation'),
  'idioms.async': oneSided('idioms', 'style', 'async/await', 'Asynchronous code uses async/await rather than .then() chains', 'Asynchronous code uses .then() chains'),
  // `var` is function-scoped and hoisted; a bug only in the rare closure-in-a-loop, so mostly a
  // habit of the language's past: style.
  'idioms.var': oneSided('idioms', 'style', 'let/const', 'Variables are declared with let/const, never var', 'Variables are declared with var'),
  // Output that bypasses the logger cannot be levelled, silenced or shipped: a design choice.
  'idioms.logging': oneSided('idioms', 'design', 'logger', 'Logging goes through a logger, not straight to the console', 'Output goes straight to the console (print/console), not a logger'),
  'idioms.type-hints': oneSided('idioms', 'style', 'type hints', 'Functions carry type hints', 'Functions carry no type hints'),
  'idioms.string-format': { category: 'idioms', concern: 'style', statement: (e) => `Strings are formatted with ${e}`, candidate: any, enforceable: only('f-string'), conforms: equal },
  'layout.test-location': eitherWay('layout', 'design', (e) => `Tests live ${e}`),
  'layout.test-file-name': eitherWay('layout', 'style', (e) => `Test files are named ${e}`),
};

/** The metadata of a rule key, or undefined for keys this version does not know. */
export function ruleMeta(key: string): RuleMeta | undefined {
  return RULES[key];
}

/** Words for the size rules: what is measured, and its unit in the plural and the singular. */
export interface SizeWords {
  noun: string;
  unit: string;
  one: string;
}

export const SIZE_STATEMENTS: Record<string, SizeWords> = {
  'size.function-lines': { noun: 'Functions', unit: 'lines', one: 'line' },
  'size.params': { noun: 'Functions', unit: 'parameters', one: 'parameter' },
  'size.nesting': { noun: 'Functions', unit: 'levels of nesting', one: 'level of nesting' },
  'size.file-lines': { noun: 'Files', unit: 'lines', one: 'line' },
};

/** `n` in a size rule's unit, singular or plural: "1 level of nesting", "52 lines". */
export function sizeAmount(words: Pick<SizeWords, 'unit' | 'one'>, n: number): string {
  return `${n} ${n === 1 ? words.one : words.unit}`;
}
