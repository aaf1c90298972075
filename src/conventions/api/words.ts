import type { Language } from '../../index/language.js';
import type { CheckForm } from './call-site.js';
import type { ApiCall } from './habits.js';

/**
 * The words of API-usage conventions, as a learner reads them: "`requests.get` calls pass
 * `timeout=`", "`fetch` calls are awaited". One place, so the table, the findings, the style guide
 * and the notes say the same thing.
 */

/** How each check form is named. */
const CHECK_WORDS: Record<CheckForm, string> = {
  raise_for_status: '`.raise_for_status()`',
  check_returncode: '`.check_returncode()`',
  catch: '`.catch()`',
  if: 'an `if` on the result',
  err: '`if err != nil`',
};

/** An option as it is written at the call: `timeout=` in Python, `signal` in an options object. */
export function optionWords(language: Language, option: string): string {
  return language === 'python' ? `\`${option}=\`` : `\`${option}\``;
}

function tryWords(language: Language): string {
  return language === 'python' ? 'try/except' : 'try/catch';
}

function managedWords(language: Language): string {
  if (language === 'python') return 'a `with` statement';
  if (language === 'go') return '`defer ….Close()`';
  return 'try-with-resources';
}

/** How a check form is named: "`.raise_for_status()`", "`if err != nil`". */
export function checkWords(form: CheckForm | undefined): string {
  return CHECK_WORDS[form ?? 'if'];
}

/** The convention as a sentence: "`requests.get` calls pass `timeout=`". */
export function apiStatement(language: Language, call: ApiCall): string {
  const callee = `\`${call.callee}\``;
  switch (call.aspect) {
    case 'option':
      return `${callee} calls pass ${optionWords(language, call.option ?? '')}${language === 'python' ? '' : ' in their options'}`;
    case 'awaited':
      return `${callee} calls are awaited or their promise returned`;
    case 'in-try':
      return `${callee} calls sit inside ${tryWords(language)}`;
    case 'checked':
      // Not in parentheses: a statement ending in ")" ends a sentence where notes add "(13 of 14 …)".
      return `${callee} ${call.form === 'err' ? 'errors' : 'results'} are checked right after the call, with ${checkWords(call.form)}`;
    case 'managed':
      return language === 'go' ? `${callee} results are closed with ${managedWords(language)}` : `${callee} calls sit in ${managedWords(language)}`;
  }
}

/** What the golden calls do, short: the `expected` of a convention and its findings. */
export function apiExpected(language: Language, call: ApiCall): string {
  switch (call.aspect) {
    case 'option':
      return `passes ${optionWords(language, call.option ?? '')}`;
    case 'awaited':
      return 'awaited';
    case 'in-try':
      return `inside ${tryWords(language)}`;
    case 'checked':
      return `checked with ${checkWords(call.form)}`;
    case 'managed':
      return language === 'go' ? `closed with ${managedWords(language)}` : `in ${managedWords(language)}`;
  }
}

/** What a departing call does instead, to follow "is": the `observed` of a finding. */
export function apiObserved(language: Language, call: ApiCall): string {
  switch (call.aspect) {
    case 'option':
      return `called without ${optionWords(language, call.option ?? '')}`;
    case 'awaited':
      return 'not awaited';
    case 'in-try':
      return `called outside any ${tryWords(language)}`;
    case 'checked':
      return 'not checked right after the call';
    case 'managed':
      return language === 'go' ? 'not closed with `defer`' : `called outside ${managedWords(language)}`;
  }
}

/** The habit as a short phrase for a list ("Calls: `requests.get` with `timeout=`; `fetch` awaited"). */
export function apiPhrase(language: Language, call: ApiCall): string {
  const callee = `\`${call.callee}\``;
  return call.aspect === 'option' ? `${callee} with ${optionWords(language, call.option ?? '')}` : `${callee} ${apiExpected(language, call)}`;
}
