import type { Language } from '../../index/language.js';
import { configReadIn, configReadWords } from '../secrets/config-reads.js';
import { holdsCredential } from '../secrets/findings.js';
import { OPENS_DATABASE } from '../../pitfalls/syntax/db-per-request.js';
import { GO_HANDLER_PARAMETER } from '../../pitfalls/syntax/go.js';
import { withoutComments } from './calls.js';

/**
 * For some findings the golden example worth showing is not code making the same call, but code
 * doing the thing the learner left out: for a credential in the code, golden code that reads its
 * configuration; for a password kept as typed, golden code that hashes one; for a secret made with
 * a predictable generator, golden code drawing from a cryptographic one; for an HTTP call without a
 * timeout, golden code that sets one. A senior shows "here is how we set the timeout",
 * whatever the client is called.
 */
export interface FixShown {
  /** Why the example was chosen, for `--dry-run` and the note's evidence. */
  why: string;
  /**
   * `instead`: the fix is the example, in place of code making the same call (a credential: any
   * code reading configuration teaches it). `fallback`: golden code making the same call without
   * the pitfall comes first, and the fix only when there is none (a client with a deadline).
   */
  shown: 'instead' | 'fallback';
  /** Words that find such code in the golden index when nothing like the learner's lines shows it. */
  lookFor(language: Language): string | undefined;
  /** The first line of `text` that shows it, or undefined; with `methods`, only where it is done to a call of one of them (`get`, `post`). */
  lineIn(text: string, language: Language, methods?: readonly string[]): { start: number; end: number } | undefined;
}

/** Rules about an HTTP call made without a deadline: Ruff's S113 and our syntax checks for fetch, Go and Java. */
const NO_TIMEOUT = /\.pitfalls\.(?:ruff\.S113|tree-sitter\.\w+\.(?:fetch-without-timeout|http-without-timeout|http-request-without-timeout))$/;

const ECMASCRIPT_DEADLINE = { deadline: /\bAbortSignal\.timeout\s*\(|\btimeout\s*:\s*[\w.]/, call: /\bfetch\s*\(|\baxios\b|\bgot\s*\(|\bhttps?\.(?:get|request)\s*\(/ };
/** A deadline given, and the HTTP calls or clients it must sit beside (within a few lines) to be one: a database's `timeout:` is not. */
const DEADLINE: Partial<Record<Language, { deadline: RegExp; call: RegExp }>> = {
  // `timeout=5`, `kwargs.setdefault("timeout", self.timeout)`, a helper that sets one (`self._set_request_timeout(kwargs)`).
  python: { deadline: /\btimeout\s*=\s*(?!None\b)[\w.(]|['"]timeout['"]\s*[,:]\s*(?!None\b)[\w.]|\b\w*timeout\w*\s*\(/i, call: /\.(?:get|post|put|patch|delete|head|request|send)\s*\(|\burlopen\s*\(/ },
  javascript: ECMASCRIPT_DEADLINE,
  typescript: ECMASCRIPT_DEADLINE,
  tsx: ECMASCRIPT_DEADLINE,
  go: { deadline: /\bTimeout\s*:\s*[\w.]|\bcontext\.WithTimeout\s*\(/, call: /\bhttp\.Client\s*\{|\bhttp\.NewRequest(?:WithContext)?\s*\(|\.Do\s*\(/ },
  java: { deadline: /\.timeout\s*\(\s*Duration|\.connectTimeout\s*\(|\.set(?:Connect|Read)Timeout\s*\(/, call: /\bHttp(?:Request|Client)\b|\bURLConnection\b|\.openConnection\s*\(/ },
};

/** How far from its call a deadline may be written: a builder chain or a struct literal spans lines. */
const DEADLINE_REACH = 4;

const ECMASCRIPT_TIMEOUT_WORDS = 'timeout AbortSignal signal fetch';
const TIMEOUT_WORDS: Partial<Record<Language, string>> = {
  python: 'timeout requests session get post',
  javascript: ECMASCRIPT_TIMEOUT_WORDS,
  typescript: ECMASCRIPT_TIMEOUT_WORDS,
  tsx: ECMASCRIPT_TIMEOUT_WORDS,
  go: 'Timeout http Client',
  java: 'timeout Duration HttpClient connectTimeout',
};

/** The first line giving an HTTP call or client a deadline; with `methods`, a call of one of them (`session.get(url, timeout=5)` for a `requests.get`). */
function deadlineIn(text: string, language: Language, methods?: readonly string[]): { start: number; end: number } | undefined {
  const patterns = DEADLINE[language];
  if (!patterns) return undefined;
  const named = methods && methods.length > 0 ? new RegExp(`\\b(?:${methods.map((method) => method.replace(/[^\w]/g, '')).filter(Boolean).join('|')})\\s*\\(`) : undefined;
  const lines = withoutComments(text).split('\n');
  const index = lines.findIndex((line, at) => {
    if (!patterns.deadline.test(line)) return false;
    const around = lines.slice(Math.max(0, at - DEADLINE_REACH), at + DEADLINE_REACH + 1).join('\n');
    // The call a deadline is given to starts on its line or above it.
    const opened = lines.slice(Math.max(0, at - DEADLINE_REACH), at + 1).join('\n');
    return patterns.call.test(around) && (named === undefined || named.test(opened));
  });
  return index === -1 ? undefined : { start: index + 1, end: index + 1 };
}

const READS_CONFIGURATION: FixShown = {
  why: 'reads its configuration instead of holding it',
  shown: 'instead',
  lookFor: configReadWords,
  lineIn: configReadIn,
};

const SETS_A_TIMEOUT: FixShown = {
  why: 'gives its HTTP call a deadline',
  shown: 'fallback',
  lookFor: (language) => TIMEOUT_WORDS[language],
  lineIn: deadlineIn,
};

/** A password kept as typed: the example is golden code that hashes or verifies one with a function made for it. */
const PLAINTEXT_PASSWORD = /\.pitfalls\.tree-sitter\.\w+\.plaintext-password$/;

/** Calls of password-hashing libraries: bcrypt, scrypt, Argon2, PBKDF2, werkzeug's and Django's helpers, Spring's encoders. */
const PASSWORD_HASHING = /\b(?:bcrypt|argon2|scrypt|pbkdf2\w*|generate_password_hash|check_password_hash|make_password|check_password|passlib|PasswordEncoder|BCrypt|CompareHashAndPassword|GenerateFromPassword)\b/i;
const PASSWORD_WORDS: Partial<Record<Language, string>> = {
  python: 'password hash generate_password_hash check_password_hash scrypt bcrypt',
  javascript: 'password bcrypt hash compare scrypt argon2',
  typescript: 'password bcrypt hash compare scrypt argon2',
  tsx: 'password bcrypt hash compare scrypt argon2',
  go: 'password bcrypt CompareHashAndPassword GenerateFromPassword',
  java: 'password PasswordEncoder BCrypt matches encode',
};

/**
 * The fix shown in place of code like the learner's, wherever the golden code does `pattern`
 * (outside comments), found by words per language; with `then`, only where that line or one of the
 * next two does it too (`if n < 0:` then `raise`), and the example spans both.
 */
function shownInstead(why: string, pattern: RegExp, words: Partial<Record<Language, string>>, then?: RegExp): FixShown {
  return {
    why,
    shown: 'instead',
    lookFor: (language) => words[language],
    lineIn(text) {
      const lines = withoutComments(text).split('\n');
      for (let index = 0; index < lines.length; index++) {
        if (!pattern.test(lines[index] ?? '')) continue;
        if (!then) return { start: index + 1, end: index + 1 };
        const after = [0, 1, 2].find((step) => then.test(lines[index + step] ?? ''));
        if (after !== undefined) return { start: index + 1, end: index + 1 + after };
      }
      return undefined;
    },
  };
}

const HASHES_PASSWORDS = shownInstead('keeps only a slow salted hash of each password and checks a login against it', PASSWORD_HASHING, PASSWORD_WORDS);

/** A token, password or id made with a predictable generator (`Math.random`, `random.choice`, `math/rand`). */
const WEAK_RANDOM = /\.pitfalls\.tree-sitter\.\w+\.weak-random-secret$/;

/** Draws from a cryptographic source: Node's crypto, Python's secrets and urandom, Java's SecureRandom, Go's crypto/rand. */
const CRYPTO_RANDOM = /\b(?:randomBytes|randomUUID|getRandomValues|randomInt)\s*\(|\bSecureRandom\b|\bsecrets\.\w+|\bos\.urandom\s*\(|\bSystemRandom\s*\(|\brand\.(?:Read|Int)\s*\(|\brand\.Reader\b/;
const CRYPTO_RANDOM_WORDS: Partial<Record<Language, string>> = {
  python: 'secrets token_urlsafe token_hex urandom SystemRandom',
  javascript: 'crypto randomBytes randomUUID getRandomValues',
  typescript: 'crypto randomBytes randomUUID getRandomValues',
  tsx: 'crypto randomBytes randomUUID getRandomValues',
  go: 'crypto rand Read Reader',
  java: 'SecureRandom nextBytes',
};

const DRAWS_CRYPTO_RANDOM = shownInstead('draws its random values from a cryptographic source', CRYPTO_RANDOM, CRYPTO_RANDOM_WORDS);

/** One request that stops the whole server (`log.Fatalf` in a handler, `process.exit` in a route). */
const EXIT_IN_HANDLER = /\.pitfalls\.tree-sitter\.\w+\.exit-in-handler$/;

/** Answers one request with its error and carries on serving: net/http's `http.Error`, a JSON error helper given the writer, gin's status answers, Express's 4xx/5xx or `next(err)`. */
const ANSWERS_WITH_ERROR = /\bhttp\.Error\s*\(|\b\w+\.(?:ServerError|BadRequest|NotFound|Forbidden|Unauthorized)\s*\(\s*w\b|\bc\.(?:JSON|AbortWithStatusJSON|AbortWithError|String)\s*\(\s*http\.Status(?:Bad|Not|Internal|Unauthorized|Forbidden)|\bres\.status\s*\(\s*[45]\d\d\s*\)|\bnext\s*\(\s*err(?:or)?\s*\)/;
const ANSWER_WORDS: Partial<Record<Language, string>> = {
  go: 'http Error ServerError BadRequest StatusInternalServerError',
  javascript: 'res status 500 error next err',
  typescript: 'res status 500 error next err',
  tsx: 'res status 500 error next err',
};

const ANSWERS_THE_REQUEST = shownInstead('answers the one request with its error and goes on serving the others', ANSWERS_WITH_ERROR, ANSWER_WORDS);

/** An amount someone types, checked against the balance but never against zero. */
const NEGATIVE_AMOUNT = /\.pitfalls\.tree-sitter\.\w+\.amount-not-checked-positive$/;
const REFUSES_BELOW_ZERO = shownInstead(
  'refuses a value below zero before using it',
  /\bif\b.*[\w.\])]\s*(?:<|<=)\s*0\b|\bif\b.*\b0\s*(?:>|>=)\s*[\w.]/,
  { python: 'if < 0 raise ValueError', javascript: 'if < 0 throw RangeError', typescript: 'if < 0 throw RangeError', tsx: 'if < 0 throw RangeError', java: 'if < 0 throw IllegalArgumentException' },
  /\b(?:raise|throw)\b/,
);

/** A check that prints its refusal and lets the code go on. */
const CHECK_STOPS_NOTHING = /\.pitfalls\.tree-sitter\.\w+\.check-stops-nothing$/;
const STOPS_ON_THE_BAD_CASE = shownInstead(
  'stops on the bad case: the branch that refuses returns or raises',
  /^\s*(?:if\b|}?\s*else\b)/,
  { python: 'if not return raise ValueError', javascript: 'if return throw', typescript: 'if return throw', tsx: 'if return throw', java: 'if return throw IllegalArgumentException' },
  /^\s*(?:return|raise|throw)\b/,
);

/** An error built and dropped (`new Forbidden(...)` with no `throw`, Ruff's PLW0133). */
const ERROR_NOT_THROWN = /\.pitfalls\.(?:tree-sitter\.\w+\.error-not-thrown|ruff\.PLW0133)$/;
const THROWS_WHAT_IT_BUILDS = shownInstead(
  'throws the error it builds when a check fails, so nothing after the check runs',
  /^\s*(?:if\b|}?\s*else\b)/,
  { python: 'if raise Error', javascript: 'if throw new Error', typescript: 'if throw new Error', tsx: 'if throw new Error', java: 'if throw new IllegalArgumentException' },
  /^\s*(?:throw\s+new|raise)\b/,
);

/** A Go error assigned again before anything reads it. */
const ERROR_OVERWRITTEN = /\.pitfalls\.tree-sitter\.go\.error-overwritten$/;
const CHECKS_EACH_ERROR = shownInstead('checks each error before the next call reuses the name', /\berr\s*:?=\s*[\w.]+\(|,\s*err\s*:?=\s*[\w.]+\(/, { go: 'err := if err != nil return' }, /^\s*if err != nil\b/);

/** A Go handler opening the database on every request. */
const DB_PER_REQUEST = /\.pitfalls\.tree-sitter\.go\.db-open-per-request$/;
const OPENS_THE_DATABASE_ONCE: FixShown = {
  why: 'opens the database in a function of its own, not in a request handler',
  shown: 'instead',
  lookFor: () => 'sql Open database connection pool',
  lineIn(text) {
    if (GO_HANDLER_PARAMETER.test(text)) return undefined;
    const index = withoutComments(text).split('\n').findIndex((line) => [...line.matchAll(/([\w.]+)\s*\(/g)].some((call) => OPENS_DATABASE.test(call[1] ?? '')));
    return index === -1 ? undefined : { start: index + 1, end: index + 1 };
  },
};

/** What golden example a finding is best taught with, when it is the fix rather than the same call. */
export function fixShownFor(ruleId: string): FixShown | undefined {
  if (holdsCredential(ruleId)) return READS_CONFIGURATION;
  if (PLAINTEXT_PASSWORD.test(ruleId)) return HASHES_PASSWORDS;
  if (WEAK_RANDOM.test(ruleId)) return DRAWS_CRYPTO_RANDOM;
  if (NO_TIMEOUT.test(ruleId)) return SETS_A_TIMEOUT;
  if (EXIT_IN_HANDLER.test(ruleId)) return ANSWERS_THE_REQUEST;
  if (NEGATIVE_AMOUNT.test(ruleId)) return REFUSES_BELOW_ZERO;
  if (CHECK_STOPS_NOTHING.test(ruleId)) return STOPS_ON_THE_BAD_CASE;
  if (ERROR_NOT_THROWN.test(ruleId)) return THROWS_WHAT_IT_BUILDS;
  if (ERROR_OVERWRITTEN.test(ruleId)) return CHECKS_EACH_ERROR;
  if (DB_PER_REQUEST.test(ruleId)) return OPENS_THE_DATABASE_ONCE;
  return undefined;
}
