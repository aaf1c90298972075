import { shannonEntropy } from './entropy.js';
import { nameStrength } from './names.js';
import { isPlaceholder } from './placeholder.js';
import { secretSpan, type Finding } from './types.js';

/**
 * Bits per character above which a value assigned to a `key`-like name counts as random. Random
 * base62 keys score 4.5+, random hex 3.6-4; identifiers, words and paths mostly score under 3.5.
 */
export const RANDOM_ENTROPY_BITS = 3.5;
/** Shorter values carry too few characters for their entropy to mean anything. */
export const RANDOM_MIN_CHARS = 16;
/** A value under this length assigned even to `password` is a flag or a count, not a secret. */
const MIN_SECRET_CHARS = 4;

/** `name = "value"`, `"name": "value"`, `name: Type = 'value'`, `name => \`value\``, `['name'] = "value"`. */
const QUOTED = /(?<![\w$-])(?<name>[A-Za-z_$][\w$-]{0,63})["'`]?\]?\s*(?::\s*[\w$.<>[\]| ]{1,40}?\s*)?(?:={1,3}|:=|=>|:)\s*(?<q>["'`])(?<secret>[^"'`\n]{1,500})\k<q>/dg;
/** `.env`, shell, YAML and INI lines: `export NAME=value`, `name: value`, `name = value  # comment`. */
const UNQUOTED = /^[+-]?[ \t]*(?:export[ \t]+)?["']?(?<name>[A-Za-z_][\w.-]{0,63})["']?[ \t]*[=:][ \t]*(?<secret>[^\s'"`#;,{[(][^\s#;,]*)[ \t]*(?:#.*)?$/dgm;
/** What follows `name:` in typed code: a type, not a value. */
const TYPE_WORD = /^(string|number|boolean|bool|any|unknown|object|str|int|float|bytes|String|Optional\b.*|Secret\w*|\w+\[\])$/;
/** `config.apiKey`, `apiKey`: in code, a bare unquoted value is a variable, not a literal. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[\w$]+)*$/;

/**
 * How to read unquoted values: `off` in source code (where they are variables), `on` in config
 * files (where they are strings), `cautious` when the kind of text is unknown (identifiers without
 * digits are taken for variables).
 */
export type UnquotedMode = 'off' | 'on' | 'cautious';

/** Values assigned to names that say "secret": always for passwords and tokens, when random for keys. */
export function findAssignments(text: string, unquoted: UnquotedMode): Finding[] {
  const findings: Finding[] = [];
  const consider = (match: RegExpMatchArray, rule: string): void => {
    const span = secretSpan(match);
    const name = match.groups?.name ?? '';
    if (span && isSecretValue(name, span.secret)) findings.push({ start: span.start, end: span.end, rule, ...(looksRandom(span.secret) ? {} : { chosen: true as const }) });
  };
  for (const match of text.matchAll(QUOTED)) consider(match, 'assigned-secret');
  if (unquoted === 'off') return findings;
  for (const match of text.matchAll(UNQUOTED)) {
    const value = match.groups?.secret ?? '';
    if (TYPE_WORD.test(value)) continue;
    if (unquoted === 'cautious' && IDENTIFIER.test(value) && !/\d/.test(value)) continue;
    consider(match, 'env-secret');
  }
  return findings;
}

/** Whether `value`, assigned to `name`, is a secret worth hiding. */
export function isSecretValue(name: string, value: string): boolean {
  if (/\s/.test(value) || value.length < MIN_SECRET_CHARS || isPlaceholder(value) || isConcatenation(value)) return false;
  switch (nameStrength(name)) {
    case 'strong':
      return !/^\d{1,6}$/.test(value);
    case 'weak':
      return looksRandom(value);
    case 'none':
      return false;
  }
}

/**
 * `"<h2>Password = "+password+" </h2>"` read as `Password = "+password+"`: between two string
 * literals, a variable joined in, not a value.
 */
function isConcatenation(value: string): boolean {
  return /^\+[A-Za-z_$][\w$.()]*\+$/.test(value);
}

/** Long enough, mixed letters and digits, and high in entropy. */
export function looksRandom(value: string): boolean {
  return value.length >= RANDOM_MIN_CHARS && /\d/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= RANDOM_ENTROPY_BITS;
}
