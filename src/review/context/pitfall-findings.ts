import { rulePrefix } from '../../conventions/specs/index.js';
import type { Finding } from '../../conventions/types.js';
import { CONCERN_SEVERITY } from '../../importance/concern.js';
import type { Language } from '../../index/language.js';
import type { Pitfall } from '../../pitfalls/types.js';

/** The category of linter findings: `py.pitfalls.ruff.B006`, `ts.pitfalls.oxlint.no-unsafe-finally`. */
const PITFALLS = 'pitfalls';

/**
 * Linter rules that teach what a learned convention already teaches: when the golden code enforces
 * the habit on the same lines, its note (with the team's numbers and a golden example) is the one
 * to give, and the linter's would be the same lesson twice.
 */
const SAME_LESSON: Record<string, (convention: Finding) => boolean> = {
  'oxlint/no-empty': byKey('errors.empty-catch'),
  'ruff/S110': byKey('errors.empty-catch'),
  'tree-sitter/java/empty-catch': byKey('errors.empty-catch'),
  'tree-sitter/java/swallowed-catch-all': byKey('errors.empty-catch'),
  'tree-sitter/go/empty-error-check': byKey('errors.empty-catch'),
  'oxlint/preserve-caught-error': byKey('errors.rethrow-cause'),
  'ruff/S113': (f) => f.call?.aspect === 'option' && f.call.option === 'timeout',
  'tree-sitter/go/http-without-timeout': (f) => f.call?.aspect === 'option' && /timeout/i.test(f.call.option ?? ''),
  'tree-sitter/js/fetch-without-timeout': (f) => f.call?.aspect === 'option' && f.call.option === 'signal',
  'tree-sitter/java/http-request-without-timeout': (f) => f.call?.aspect === 'option' && /timeout/i.test(f.call.option ?? ''),
  'tree-sitter/js/floating-async-call': (f) => f.call?.aspect === 'awaited',
  'ruff/SIM115': (f) => f.call?.aspect === 'managed',
  'tree-sitter/java/resource-outside-try': (f) => f.call?.aspect === 'managed',
  'tree-sitter/go/missing-defer-close': (f) => f.call?.aspect === 'managed',
  'tree-sitter/go/unchecked-error': (f) => f.call?.aspect === 'checked',
  'tree-sitter/go/ignored-error': (f) => f.call?.aspect === 'checked',
};

function byKey(key: string): (convention: Finding) => boolean {
  return (f) => f.ruleId.endsWith(`.${key}`);
}

/** Whether a rule id names a linter finding. */
export function isPitfallRule(ruleId: string): boolean {
  return ruleId.split('.')[1] === PITFALLS;
}

/**
 * The pitfalls a linter found on the changed lines, as findings the mentors teach in the one order
 * of importance: the rule, its documentation and the engine's own question and advice travel with
 * each. One per line (the first, most important, is what that line teaches), and none that only
 * repeats a convention finding on the same lines.
 */
export function pitfallFindings(path: string, language: Language, pitfalls: readonly Pitfall[], conventions: readonly Finding[]): Finding[] {
  const prefix = rulePrefix(language);
  const lines = new Set<number>();
  const findings: Finding[] = [];
  for (const pitfall of pitfalls) {
    const sameLesson = SAME_LESSON[pitfall.ruleId];
    const repeated = sameLesson !== undefined && conventions.some((f) => sameLesson(f) && f.startLine <= pitfall.endLine && pitfall.startLine <= f.endLine);
    if (repeated || lines.has(pitfall.startLine)) continue;
    lines.add(pitfall.startLine);
    findings.push({
      ruleId: `${prefix}.${PITFALLS}.${pitfall.ruleId.replaceAll('/', '.')}`,
      concern: pitfall.concern,
      severity: CONCERN_SEVERITY[pitfall.concern],
      ...(pitfall.failure ? { failure: pitfall.failure } : {}),
      path,
      startLine: pitfall.startLine,
      endLine: pitfall.endLine,
      observed: pitfall.title,
      expected: pitfall.message,
      message: `Line ${pitfall.startLine}: ${pitfall.message}`,
      support: 0,
      confidence: 0,
      examples: [],
      rule: { source: pitfall.engine, name: pitfall.ruleId.slice(pitfall.ruleId.indexOf('/') + 1), docsUrl: pitfall.docsUrl, title: pitfall.title, question: pitfall.question, ...(pitfall.fix ? { fix: pitfall.fix } : {}) },
    });
  }
  return findings;
}
