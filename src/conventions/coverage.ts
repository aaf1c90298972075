import { isParsedLanguage, languageName, type Language } from '../index/language.js';
import { isTaught } from './family.js';
import type { Profile } from './types.js';

/**
 * The code languages among `languages` that the profile enforces no convention for: new code in
 * them is held to nothing, however it is written, because the golden repositories hold too little
 * of it. Empty without a profile or with an empty one: no index, or nothing indexed, is reported on
 * its own and is not about any language.
 */
export function languagesWithoutRules(profile: Profile | undefined, languages: Iterable<Language | undefined>): Language[] {
  if (!hasConventions(profile)) return [];
  return [...new Set(languages)].filter((l): l is Language => l !== undefined && isParsedLanguage(l) && !isTaught(profile.conventions, l)).sort();
}

/** Whether anything was learned at all: no index and an empty one both answer no. */
export function hasConventions(profile: Profile | undefined): profile is Profile {
  return profile !== undefined && profile.conventions.length > 0;
}

/** One sentence saying so, for review's output, the Mentor pane and the plain view. */
export function withoutRulesSentence(languages: Language[]): string {
  const names = languages.map(languageName);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}` : (names[0] ?? '');
  return `The golden repositories teach no ${list} conventions yet: ${list} changes are checked only for pitfalls and credentials (see \`archangel conventions\`).`;
}
