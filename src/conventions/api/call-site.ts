/**
 * What one call of an external API does, as the API-usage conventions see it, and its compact
 * form in the stored observations. A call site becomes one categorical fact: key `api.<callee>`,
 * value the call's "signature", a sorted, space-separated list of tokens, so a file with forty
 * `requests.get` calls stores a handful of distinct signatures with counts, not forty records.
 */

/** How a call's error or result is checked right after it: the form, as the statements name it. */
export type CheckForm = 'raise_for_status' | 'check_returncode' | 'catch' | 'if' | 'err';

/** What becomes of the call's value (after any `await`). */
export type ResultUse =
  /** handed on: returned, an arrow function's value, yielded, or gathered by `Promise.all`. */
  | 'ret'
  /** bound to a name (`r = requests.get(…)`, `f, err := os.Open(…)`). */
  | 'bind'
  /** thrown away: the call is a statement of its own. */
  | 'drop'
  /** anything else: an argument, a condition, part of a larger expression. */
  | 'other';

export interface CallSite {
  /** The stable, import-resolved name: `requests.get`, `fs.promises.readFile`, `http.Get`, `Files.readString`. */
  callee: string;
  /** Keyword or named options passed explicitly (`timeout=`, `{ signal }`). */
  options: string[];
  /** Options may hide where they cannot be read (`**kwargs`, a spread, an options variable). */
  opaqueOptions: boolean;
  /** Waited for with `await` (or deliberately let go with `void`). */
  awaited: boolean;
  use: ResultUse;
  /** Inside the body of a try that catches (not one with only `finally`), in the same function. */
  inTry: boolean;
  check: CheckForm | undefined;
  /** Its resource is managed: a `with` item, a try-with-resources resource, a `defer ….Close()` after it. */
  managed: boolean;
}

/** Prefix of the fact keys (and, after the language, of the rule ids) of API-usage conventions. */
export const API_KEY_PREFIX = 'api.';

const TOKEN = { opaque: '**', awaited: 'await', try: 'try', with: 'with' } as const;
const USES: ReadonlySet<string> = new Set<ResultUse>(['ret', 'bind', 'drop']);

/** The stored form of a call site: sorted tokens, so equal calls share one value. */
export function encodeSite(site: CallSite): string {
  const tokens = site.options.map((option) => `=${option}`);
  if (site.opaqueOptions) tokens.push(TOKEN.opaque);
  if (site.awaited) tokens.push(TOKEN.awaited);
  if (site.use !== 'other') tokens.push(site.use);
  if (site.inTry) tokens.push(TOKEN.try);
  if (site.check) tokens.push(`chk:${site.check}`);
  if (site.managed) tokens.push(TOKEN.with);
  return [...new Set(tokens)].sort().join(' ');
}

/** A stored signature read back (the callee is the fact's key, not part of the value). */
export function decodeSite(callee: string, signature: string): CallSite {
  const site: CallSite = { callee, options: [], opaqueOptions: false, awaited: false, use: 'other', inTry: false, check: undefined, managed: false };
  for (const token of signature.split(' ')) {
    if (token.startsWith('=')) site.options.push(token.slice(1));
    else if (token.startsWith('chk:')) site.check = token.slice(4) as CheckForm;
    else if (token === TOKEN.opaque) site.opaqueOptions = true;
    else if (token === TOKEN.awaited) site.awaited = true;
    else if (token === TOKEN.try) site.inTry = true;
    else if (token === TOKEN.with) site.managed = true;
    else if (USES.has(token)) site.use = token as ResultUse;
  }
  return site;
}
