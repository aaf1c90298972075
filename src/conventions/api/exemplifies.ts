import type { Language } from '../../index/language.js';
import { collectFacts } from '../observe.js';
import { API_KEY_PREFIX, decodeSite } from './call-site.js';
import { judge, type ApiCall } from './habits.js';

/**
 * Import lines that name a callee's module as the file it was cut from would: a golden chunk (one
 * function) has lost its file's imports, and without them `requests.get` or `fs.promises.readFile`
 * in it is nobody's call. Only the callee's own module is named, so no other call is mistaken for it.
 */
function preamble(language: Language, callee: string): string[] {
  const [head = '', ...rest] = callee.split('.');
  if (rest.length === 0 || head === 'JSON') return [];
  switch (language) {
    case 'python':
      return [`import ${head}`];
    case 'typescript':
    case 'tsx':
    case 'javascript':
      return [`import * as ${head} from '${head}';`];
    case 'go':
      return [`import "${head}"`];
    default:
      return [];
  }
}

/**
 * Where a piece of golden code shows an API habit: it calls the callee at least once with the habit
 * and never without it. Returns the first such call's lines (1-based in `text`).
 */
export async function exemplifiesCall(text: string, language: Language, call: ApiCall): Promise<{ start: number; end: number } | undefined> {
  const lead = preamble(language, call.callee);
  const facts = await collectFacts([...lead, text].join('\n'), language);
  const cases = facts.facts.filter((fact) => fact.key === `${API_KEY_PREFIX}${call.callee}`);
  const verdicts = cases.map((fact) => judge(decodeSite(call.callee, fact.value), call));
  const first = cases[verdicts.indexOf('follows')];
  if (!first || verdicts.includes('departs')) return undefined;
  return { start: Math.max(1, first.start - lead.length), end: Math.max(1, first.end - lead.length) };
}
