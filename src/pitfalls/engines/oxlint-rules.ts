import type { Failure } from '../../importance/concern.js';
import type { Concern } from '../types.js';

/**
 * What oxlint runs, and how each rule it reports is taught. oxlint's own curation does most of the
 * work: its `correctness` category is "code that is outright wrong or useless" and `suspicious`
 * "code that is most likely wrong or useless"; both are on, so a new oxlint brings its new rules.
 * Every rule reported therefore comes from one row below: a category, a rule turned on by name, or
 * a rule with its own concern or question. Rule names are oxlint's config keys: `no-eval` for
 * ESLint's core rules, `<plugin>/<rule>` for the others (`typescript/...`, `react-hooks/...`).
 */

/** Plugins on: the language itself and the libraries most learners' code uses. `import` needs the other files on disk and `jsx-a11y` is style. */
export const OXLINT_PLUGINS = ['eslint', 'typescript', 'unicorn', 'oxc', 'promise', 'node', 'react'] as const;

/** The categories on. */
export const OXLINT_CATEGORIES = ['correctness', 'suspicious'] as const;

/** The concern of a rule without a row below: both categories are about bugs. */
export const OXLINT_DEFAULT_CONCERN: Concern = 'correctness';

/** One rule with something of its own: turned on outside the categories, a concern, a title or a question. */
export interface OxlintRule {
  concern: Concern;
  /** How the fault shows, when it is more than a risk (src/importance). */
  failure?: Failure;
  title: string;
  /** Why it is here: for a rule turned on by name, what it catches. */
  why: string;
  question?: string;
  /** Turned on by name: it sits in a category that is off (pedantic, restriction, style). */
  enable?: boolean;
}

const SHELL_OF_CODE = 'What could a string that reaches this line make the program run?';

export const OXLINT_RULES: Readonly<Record<string, OxlintRule>> = {
  'no-eval': { concern: 'security', title: 'eval() on a string', why: 'runs any code the string holds', question: SHELL_OF_CODE },
  'no-implied-eval': { concern: 'security', title: 'code in a string', why: 'setTimeout("...") is eval', question: SHELL_OF_CODE },
  'no-new-func': { concern: 'security', title: 'new Function() on a string', why: 'eval under another name (style category, so on by name)', question: SHELL_OF_CODE, enable: true },
  'react/no-danger': { concern: 'security', title: 'dangerouslySetInnerHTML', why: 'cross-site scripting through raw HTML (restriction category, so on by name)', question: 'Where does this HTML come from, and what if it holds a <script>?', enable: true },
  'react/jsx-no-target-blank': { concern: 'security', title: 'target=_blank without rel', why: 'the opened page can navigate this one (pedantic category, so on by name)', enable: true },
  'react/jsx-no-script-url': { concern: 'security', title: 'javascript: URL', why: 'script injection through a link' },
  'react/iframe-missing-sandbox': { concern: 'security', title: 'iframe without sandbox', why: 'the framed page gets full rights' },
  'no-empty': { concern: 'correctness', failure: 'hidden', title: 'empty block', why: 'an empty catch swallows the error; a comment inside marks it as meant (restriction category, so on by name)', question: 'When this fails, how will anyone find out?', enable: true },
  'react-hooks/rules-of-hooks': { concern: 'correctness', title: 'hook called conditionally', why: "React matches hooks by call order (pedantic category in oxlint, so on by name)", question: 'What does React see on the render where this condition is false?', enable: true },
  'react-hooks/exhaustive-deps': { concern: 'correctness', title: 'effect with missing dependencies', why: 'the effect reads stale values', question: 'Which value does this effect see after the prop changes?' },
  'no-unsafe-finally': { concern: 'correctness', failure: 'hidden', title: 'return in finally', why: 'overrides the try block’s return or throw', question: 'What happens to an error thrown in the try block when finally returns?' },
  'use-isnan': { concern: 'correctness', failure: 'certain', title: 'comparison with NaN', why: 'always false', question: 'What does NaN === NaN evaluate to?' },
  'valid-typeof': { concern: 'correctness', failure: 'certain', title: 'typeof compared with a typo', why: 'always false' },
  'oxc/bad-comparison-sequence': { concern: 'correctness', failure: 'certain', title: 'comparison chained as in maths', why: '`a <= b <= c` compares the boolean `a <= b` with c: the same answer whatever b is', question: 'What does the first comparison give, and what is that value compared with next?' },
  'oxc/const-comparisons': { concern: 'correctness', failure: 'certain', title: 'comparison that cannot change', why: 'two bounds on one value that can never both hold (or always do)' },
  'no-async-promise-executor': { concern: 'correctness', failure: 'hidden', title: 'async Promise executor', why: 'its errors never reject the promise', question: 'Where does an error thrown inside this executor go?' },
  'no-constant-binary-expression': { concern: 'correctness', title: 'condition that cannot change', why: 'usually an operator-precedence slip' },
  'no-unsafe-optional-chaining': { concern: 'correctness', title: 'optional chain used unsafely', why: 'short-circuits to undefined where a value is required' },
  'no-cond-assign': { concern: 'correctness', title: 'assignment in a condition', why: 'usually == meant' },
  'no-unmodified-loop-condition': { concern: 'correctness', title: 'loop condition never changes', why: 'an endless loop' },
  'promise/no-multiple-resolved': { concern: 'correctness', title: 'promise settled twice', why: 'the second settle is silently ignored' },
  'preserve-caught-error': { concern: 'design', title: 'error rethrown without its cause', why: 'the original stack is lost', question: 'When this new error reaches the log, what will the reader know about the first one?' },
  'no-new': { concern: 'design', title: 'object made for its side effect', why: 'a constructor doing work nobody keeps' },
  'react/no-unstable-nested-components': { concern: 'design', title: 'component defined inside a component', why: 'remounted on every render: its state is lost' },
  'typescript/no-wrapper-object-types': { concern: 'style', title: 'wrapper type (`String`, not `string`)', why: 'a type annotation that admits String objects too: it seldom changes what runs, so it waits behind the faults', question: 'What is the difference between the type `String` and the type `string`, and which one does this value have?' },
};

/**
 * Rules of the two categories turned off, with the reason: each fires on sound code (measured on
 * zod, the Anthropic SDK, commander, ink and this repository: see bench/pitfalls.ts), is a matter
 * of style (the conventions learned from golden code own style), or repeats another rule.
 */
export const OXLINT_OFF: Readonly<Record<string, string>> = {
  'no-useless-rename': 'style: 5,772 hits on generated SDK code',
  'no-underscore-dangle': 'naming, which the conventions own',
  'no-shadow': 'style; fires on sound code',
  'no-unused-vars': 'the editor and tsc already mark it, on every half-written function',
  'block-scoped-var': 'fires on working `var` code',
  'no-useless-escape': 'style',
  'no-useless-constructor': 'style',
  'no-useless-concat': 'style',
  'no-extra-boolean-cast': 'style',
  'typescript/no-extraneous-class': 'a design preference',
  'typescript/no-this-alias': 'style',
  'unicorn/consistent-function-scoping': 'a design preference; fires on sound code',
  'unicorn/no-array-sort': 'prefers toSorted(): style',
  'unicorn/no-array-reverse': 'prefers toReversed(): style',
  'unicorn/require-module-specifiers': 'style',
  'unicorn/no-useless-fallback-in-spread': 'style',
  'unicorn/no-new-array': 'style',
  'unicorn/no-useless-spread': 'style',
  'unicorn/no-useless-length-check': 'style',
  'unicorn/prefer-string-starts-ends-with': 'style',
  'unicorn/prefer-add-event-listener': 'style',
  'unicorn/no-useless-error-capture-stack-trace': 'style',
  'unicorn/no-empty-file': 'a new file is saved empty before it is written',
  'promise/valid-params': "fires on any two-argument .catch(), such as zod's z.catch(schema, fallback)",
  'promise/no-callback-in-promise': "fires on any .catch(callback) that is not a promise's",
  'promise/always-return': 'a then() callback that only has side effects is sound code',
  'no-control-regex': 'fires on every ANSI escape pattern of terminal code, where control characters are the point',
  'unicorn/require-post-message-target-origin': "fires on worker_threads' postMessage, which has no origin (4 of 4 hits, all in Node code)",
  'react/react-in-jsx-scope': 'wrong since the React 17 JSX transform',
  'react/hooks': 'repeats react-hooks/rules-of-hooks',
  'react/exhaustive-effect-dependencies': 'repeats react-hooks/exhaustive-deps',
};

/** The oxlint configuration these tables make (the `.oxlintrc.json` the language server reads). */
export function oxlintConfig(): Record<string, unknown> {
  const rules: Record<string, string> = {};
  for (const [name, rule] of Object.entries(OXLINT_RULES)) if (rule.enable) rules[name] = 'error';
  for (const name of Object.keys(OXLINT_OFF)) rules[name] = 'off';
  const categories = Object.fromEntries(OXLINT_CATEGORIES.map((category) => [category, 'error']));
  return { plugins: [...OXLINT_PLUGINS], categories, rules };
}
