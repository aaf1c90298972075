import { languageName, type Language } from '../index/language.js';
import { percent } from './percent.js';
import type { Convention } from './types.js';

/**
 * A finding's evidence as it ends its message: "13 of 14 golden calls (92.9%)", and where a
 * sibling language lent the habit, whose golden code it was learned from.
 */
export function evidencePhrase(convention: Convention, language: Language, cases = 'cases'): string {
  const counted = `${Math.round(convention.support * convention.confidence)} of ${convention.support} golden ${cases} (${percent(convention.confidence)})`;
  const lent = convention.language !== language ? ` (the golden ${languageName(convention.language)}: too little ${languageName(language)} there to learn from)` : '';
  return counted + lent;
}
