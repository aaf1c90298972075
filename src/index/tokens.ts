/**
 * The one tokenizer for search: full-text indexing, local embeddings and queries all go through
 * `terms`, so a query term and an indexed term agree by construction. It runs over every byte of
 * every indexed file, so it is one regex pass over the text with a fast path for plain lowercase
 * words; identifiers are only split when they contain capitals, digits, `_` or `-`.
 */

/**
 * Letters beyond ASCII that count as word characters: Latin-1, Latin Extended, Greek, Cyrillic.
 * Spelled as ranges rather than `\p{L}` because a Unicode-property regex is 4x slower here (56 vs
 * 235 MB/s over TypeScript's lib). CJK text has no word boundaries to find and is not indexed.
 */
const LETTER_RANGES = '\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0370-\u03FF\u0400-\u04FF';

/** Words: letters, digits and `_`, with inner hyphens (`parse-config`, `--dry-run`) kept together. */
const WORD = new RegExp(`[A-Za-z0-9_${LETTER_RANGES}]+(?:-(?=[A-Za-z])[A-Za-z0-9_${LETTER_RANGES}]+)*`, 'g');

/**
 * Parts of one identifier: plural acronyms (`URLs`, whose `s` is dropped), acronyms (`HTTP` in
 * `parseHTTPResponse`), capitalised or lowercase words, digit runs. Non-ASCII letters count as
 * lowercase.
 */
const PART = new RegExp(`([A-Z]{2,})s(?![a-z])|[A-Z]+(?![a-z${LETTER_RANGES}])|[A-Z]?[a-z${LETTER_RANGES}]+|[0-9]+`, 'g');

/** Terms longer than this are blobs (hashes, base64, data URIs), not words anyone searches for. */
const MAX_TERM_LENGTH = 48;

/** Literals that start with a digit (`404`, `0xff`, `100ms`) are kept whole up to this length. */
const MAX_LITERAL_LENGTH = 16;

const LOWER_ASCII_WORD = /^[a-z]+$/;

/**
 * The sub-words of one identifier, lowercased: `parseHTTPResponse2` → `parse http response 2`,
 * `MAX_RETRY_COUNT` → `max retry count`, `user-id` → `user id`. Digit runs are parts of their own
 * (`base64Encode` → `base 64 encode`); `terms` also keeps the whole identifier, so `base64` still
 * matches exactly.
 */
export function splitIdentifier(id: string): string[] {
  const parts: string[] = [];
  const lower = id.toLowerCase();
  PART.lastIndex = 0;
  for (let m = PART.exec(id); m !== null; m = PART.exec(id)) {
    parts.push(lower.slice(m.index, m.index + (m[1] ?? m[0]).length));
  }
  return parts;
}

/**
 * Normalised search terms of code or prose, in order of appearance. Each word yields its parts,
 * lowercased and lightly stemmed, then — when it has more than one part — the whole identifier
 * lowercased with separators removed (`getUserById` and `get_user_by_id` both add `getuserbyid`),
 * so exact identifier matches score higher. One-character terms and punctuation are dropped.
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0];
    if (LOWER_ASCII_WORD.test(word)) {
      if (word.length > 1 && word.length <= MAX_TERM_LENGTH) out.push(stemLower(word));
    } else {
      addWordTerms(word, out);
    }
  }
  return out;
}

function addWordTerms(word: string, out: string[]): void {
  const lower = word.toLowerCase();
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    // A literal such as 404, 0xff or 100ms: searched for as written, never split.
    if (word.length > 1 && word.length <= MAX_LITERAL_LENGTH) out.push(lower);
    return;
  }
  let count = 0;
  let whole = '';
  PART.lastIndex = 0;
  for (let m = PART.exec(word); m !== null; m = PART.exec(word)) {
    const part = lower.slice(m.index, m.index + (m[1] ?? m[0]).length);
    count++;
    whole += part;
    if (part.length > 1 && part.length <= MAX_TERM_LENGTH) out.push(stem(part));
  }
  if (count > 1 && whole.length <= MAX_TERM_LENGTH) out.push(whole);
}

/** Words ending in `s` that are not plurals (or whose plural rule would mangle them). */
const NOT_PLURAL = new Set(['alias', 'atlas', 'bias', 'canvas', 'has', 'was', 'does', 'goes', 'yes', 'always', 'perhaps', 'whereas', 'towards', 'news', 'lens', 'series', 'species', 'plus', 'thus']);

/** Words ending in `ed`/`ing` where the ending is part of the root. */
const NOT_INFLECTED = new Set(['embed', 'speed', 'seed', 'feed', 'need', 'shed', 'bed', 'red', 'during', 'string', 'thing', 'nothing', 'something', 'anything', 'everything', 'ping', 'ring', 'king', 'sing', 'wing']);

const VOWEL = /[aeiouy]/;

/**
 * A small, conservative English suffix stemmer (a subset of Porter's step 1 plus its final-e
 * rule), so `classes`/`class`, `parsing`/`parsed`/`parse`, `entries`/`entry` meet, while
 * `class`, `process`, `status`, `address` and `string` stay intact. Non-ASCII words are unchanged.
 * Both sides of a search use it, so an imperfect stem is harmless as long as it is consistent.
 */
export function stem(word: string): string {
  return LOWER_ASCII_WORD.test(word) ? stemLower(word) : word;
}

function stemLower(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith('s')) w = stripPlural(w);
  if (w.endsWith('ing') || w.endsWith('ed')) w = stripInflection(w);
  // Final e: `parse`, `parsed`, `parsing`, `parses` all become `pars`.
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function stripPlural(w: string): string {
  if (NOT_PLURAL.has(w) || w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  return w.slice(0, -1);
}

function stripInflection(w: string): string {
  if (NOT_INFLECTED.has(w) || w.endsWith('eed')) return w;
  const suffix = w.endsWith('ing') ? 3 : 2;
  let root = w.slice(0, -suffix);
  if (root.length < 3 || !VOWEL.test(root)) {
    // `used` → `use`; `being`, `string` stay as written.
    return suffix === 2 && w.length >= 4 && root.length === 2 ? w.slice(0, -1) : w;
  }
  const last = root.charCodeAt(root.length - 1);
  if (root.length >= 4 && last === root.charCodeAt(root.length - 2) && !'lsz'.includes(root.charAt(root.length - 1))) {
    root = root.slice(0, -1); // mapping → map, embedded → embed (not `add`, `spell`)
  }
  return root;
}
