/**
 * How much a variable or key name says that its value is a secret. `strong`: a password, secret,
 * token or API key; any real value is hidden. `weak`: a key, salt or signature of some kind; the
 * value is hidden only when it looks random. `none`: a name like `tokenType` or `SORT_KEY_ORDER`.
 */
export type NameStrength = 'strong' | 'weak' | 'none';

const STRONG_LAST_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'dsn']);
/** `<word> key` pairs that name a secret key rather than a lookup key. */
const SECRET_KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'signing', 'encryption', 'master', 'license', 'auth', 'client', 'app', 'service', 'account']);
/** `appid` is OpenWeatherMap's name for its API key (and a public id elsewhere): a secret only when random. */
const WEAK_LAST_WORDS = new Set(['key', 'auth', 'salt', 'signature', 'sig', 'cookie', 'bearer', 'hmac', 'authorization', 'appid']);

/** The lowercase words of an identifier: `stripeSecretKey`, `STRIPE_SECRET_KEY` and `stripe-secret-key` all give stripe, secret, key. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** How strongly `name` suggests a secret value, judged by its last words (`tokenType` is about a type). */
export function nameStrength(name: string): NameStrength {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined) return 'none';
  if (STRONG_LAST_WORDS.has(last)) return 'strong';
  const before = words.at(-2);
  if (last === 'key' && before !== undefined && SECRET_KEY_QUALIFIERS.has(before)) return 'strong';
  return WEAK_LAST_WORDS.has(last) ? 'weak' : 'none';
}
