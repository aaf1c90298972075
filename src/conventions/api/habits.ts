import { API_KEY_PREFIX, type CallSite, type CheckForm } from './call-site.js';

/**
 * The habits an API-usage convention can describe, one rule each: calls to X pass option Y, are
 * awaited, sit inside a try, have their result checked, have their resource managed. A habit judges
 * only the calls it applies to: a returned promise is not "not awaited", a `**kwargs` call may pass
 * `timeout=` unseen, a result used straight as a condition needs no separate check.
 */
export type ApiAspect = 'option' | 'awaited' | 'in-try' | 'checked' | 'managed';

/** One habit of one callee; what a convention, and a finding that departs from it, is about. */
export interface ApiCall {
  /** The import-resolved name: `requests.get`, `fs.promises.readFile`, `http.Get`. */
  callee: string;
  aspect: ApiAspect;
  /** For `option`: the option's name (`timeout`, `signal`). */
  option?: string;
  /** For `checked`: how most golden calls check (`raise_for_status`, `err`, …). */
  form?: CheckForm;
}

/** The last segment of a rule key names the habit; any other last segment is an option's name. */
const ASPECT_WORDS: Record<string, Exclude<ApiAspect, 'option'>> = { awaited: 'awaited', 'in-try': 'in-try', checked: 'checked', managed: 'managed' };

/** What a callee's name is made of: it becomes part of rule ids, which are in-page anchors of CODE_STYLE.md. */
export const RULE_ID_PART = /^[\w.-]+$/;

/**
 * Options named like a habit would give two rules one id, so they are not learned (no API we know
 * has one); nor are keys that are no plain name (`'Content Type'`, `'a.b'`), since an option's name
 * is the last part of a rule id.
 */
export function isLearnableOption(option: string): boolean {
  return !(option in ASPECT_WORDS) && /^[\w-]+$/.test(option);
}

/** The rule key of a habit, without the language: `api.requests.get.timeout`, `api.fetch.awaited`. */
export function habitKey(call: Pick<ApiCall, 'callee' | 'aspect' | 'option'>): string {
  return `${API_KEY_PREFIX}${call.callee}.${call.aspect === 'option' ? (call.option ?? '') : call.aspect}`;
}

/** The callee and habit a rule key names (`api.requests.get.timeout`), or undefined for other keys. */
export function habitOfKey(key: string): Pick<ApiCall, 'callee' | 'aspect' | 'option'> | undefined {
  if (!key.startsWith(API_KEY_PREFIX)) return undefined;
  const dot = key.lastIndexOf('.');
  const callee = key.slice(API_KEY_PREFIX.length, dot);
  const last = key.slice(dot + 1);
  if (callee === '' || last === '') return undefined;
  const aspect = ASPECT_WORDS[last];
  return aspect ? { callee, aspect } : { callee, aspect: 'option', option: last };
}

export type Verdict = 'follows' | 'departs' | 'not applicable';

/** Whether a call follows a habit, departs from it, or is not a case of it. */
export function judge(site: CallSite, call: Pick<ApiCall, 'aspect' | 'option'>): Verdict {
  const verdict = (applies: boolean, follows: boolean): Verdict => (!applies ? 'not applicable' : follows ? 'follows' : 'departs');
  switch (call.aspect) {
    case 'option': {
      const passes = site.options.includes(call.option ?? '');
      return verdict(passes || !site.opaqueOptions, passes);
    }
    case 'awaited':
      // Passed as an argument or used inside a larger expression, a promise is someone else's to await.
      return verdict(site.awaited || site.use !== 'other', site.awaited || site.use === 'ret');
    case 'in-try':
      return verdict(true, site.inTry);
    case 'checked':
      // Returned, it is the caller's to check; used as a condition, it is checked by being used.
      return verdict(site.use === 'bind' || site.use === 'drop', site.check !== undefined);
    case 'managed':
      // Returned, the resource is the caller's to close.
      return verdict(site.use !== 'ret', site.managed);
  }
}
