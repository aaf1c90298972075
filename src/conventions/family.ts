import { siblingLanguages, type Language } from '../index/language.js';
import { rulePrefix } from './specs/index.js';
import { MIN_SUPPORT } from './thresholds.js';
import type { Convention } from './types.js';

/**
 * A sibling language (siblingLanguages: JavaScript or TSX in a team whose golden code is
 * TypeScript) may lend a habit the language has too little evidence for. Only facts the file's own
 * parser reports are judged, so a TypeScript-only habit (`any`) never reaches JavaScript.
 *
 * The convention new `language` code is held to for rule `key`: the language's own when the golden
 * code has enough of it (enforced or not: a team split on it is a team that accepts both), else
 * an enforced one of a sibling language whose habit the few own cases do not contradict. Sizes are
 * never lent: a React component runs longer than a TypeScript helper.
 */
export function conventionFor(conventions: ReadonlyMap<string, Convention>, language: Language, key: string): Convention | undefined {
  const own = conventions.get(`${rulePrefix(language)}.${key}`);
  if ((own && own.support >= MIN_SUPPORT) || key.startsWith('size.')) return own;
  for (const sibling of siblingLanguages(language)) {
    const lent = conventions.get(`${rulePrefix(sibling)}.${key}`);
    if (lent?.enforced && (!own || own.expected === lent.expected)) return lent;
  }
  return own;
}

/** Whether `language` code is held to any convention: its own enforced ones or one a sibling lends. */
export function isTaught(conventions: readonly Convention[], language: Language): boolean {
  return conventions.some((c) => c.enforced && (c.language === language || (siblingLanguages(language).includes(c.language as Language) && c.category !== 'size')));
}
