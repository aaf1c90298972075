import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { ArchangelError, messageOf } from '../errors/archangel-error.js';
import { configSchema, type ArchangelConfig } from './schema.js';

/*
 * Validation of archangel.json with the zod schema, and the friendly errors when it fails. Loading
 * zod costs ~40 ms of every command's start, so `loadConfig` imports this module only when its
 * validated-config cache misses (see validated-cache.ts).
 */

/** Parses the text of a config file; `file` is only used in messages. */
export function parseConfigText(text: string, file: string): ArchangelConfig {
  // Editors on Windows may start a UTF-8 file with a byte-order mark; JSON.parse refuses it.
  const json = text.replace(/^\uFEFF/, '');
  if (json.trim() === '') {
    throw new ArchangelError('CONFIG_INVALID', `${file} is empty.`, {
      hint: 'Write at least `{ "golden": [] }` in it, or delete it and run `archangel init` for a starter config.',
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new ArchangelError('CONFIG_INVALID', `${file} is not valid JSON: ${describeJsonError(error, json)}.`, {
      hint: 'Fix the syntax (a trailing comma or a missing quote is the usual cause) and run the command again.',
      cause: error,
    });
  }
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(issue, raw));
  const [first, ...rest] = problems;
  const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((p) => p.message).join('; ')})` : '';
  throw new ArchangelError('CONFIG_INVALID', `${file}: ${first?.message ?? 'invalid config'}${more}.`, {
    hint: first?.hint ?? 'See the README section on archangel.json for the expected shape.',
    cause: result.error,
  });
}

interface Problem {
  message: string;
  hint: string;
}

const KNOWN_KEYS: Record<string, string[]> = {
  '': ['$schema', 'golden', 'index', 'embeddings', 'mentor', 'model', 'privacy', 'watch'],
  index: ['path', 'maxFileBytes'],
  embeddings: ['provider', 'model', 'baseUrl', 'dimensions', 'batchSize'],
  mentor: ['level', 'maxNotesPerSave', 'minSeverity'],
  model: ['provider', 'feedback', 'chat', 'baseUrl', 'timeoutMs', 'reviewTimeoutMs'],
  privacy: ['sendGoldenSnippets', 'redactSecrets'],
  watch: ['poll'],
  golden: ['url', 'path', 'ref', 'include', 'exclude', 'name'],
};

/** Why a limit is where it is, for the keys whose limit a person would want explained. */
const LIMIT_REASONS: Record<string, string> = {
  'index.maxFileBytes': 'indexing a file takes tens of times its size in memory, and larger files are skipped as too large',
};

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): Problem {
  const path = formatPath(issue.path);
  const at = path === '' ? 'the top level' : `"${path}"`;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const section = typeof issue.path[0] === 'string' ? issue.path[0] : issue.path.length > 0 ? 'golden' : '';
      const known = KNOWN_KEYS[section] ?? [];
      const key = issue.keys[0] ?? '';
      const guess = closest(key, known);
      return {
        message: `unknown key "${key}" at ${at}${issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).join(', ')})` : ''}`,
        hint: guess ? `Did you mean "${guess}"? Known keys here: ${known.join(', ')}.` : `Known keys here: ${known.join(', ')}.`,
      };
    }
    case 'invalid_union':
      return {
        message: `${at} is not a golden repository: got ${describeValue(valueAt(raw, issue.path))}`,
        hint: 'Use "owner/repo", a git URL, { "url": "...", "ref": "main" } or { "path": "../local/repo" }.',
      };
    case 'invalid_type':
      return {
        message: `${at} should be ${issue.expected}, got ${describeValue(valueAt(raw, issue.path))}`,
        hint: `Change ${at} to ${article(issue.expected)} ${issue.expected}.`,
      };
    case 'invalid_value':
      return {
        message: `${at} is ${describeValue(valueAt(raw, issue.path))}, expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        hint: `Set ${at} to one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'too_big':
      return {
        message: `${at} is ${describeValue(valueAt(raw, issue.path))}, more than the most allowed, ${String(issue.maximum)}`,
        hint: `Set ${at} to ${String(issue.maximum)} or less${LIMIT_REASONS[path] ? `: ${LIMIT_REASONS[path]}` : ''}.`,
      };
    default:
      return { message: `${at}: ${issue.message}`, hint: `Check the value of ${at}.` };
  }
}

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** JSON.parse's messages vary by Node version and rarely say where; people want a line and column. */
function describeJsonError(error: unknown, text: string): string {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return messageOf(error);
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return `${JSON_PROBLEMS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error)} at line ${line}, column ${column}`;
}

const JSON_PROBLEMS: Record<string, string> = {
  ValueExpected: 'a value was expected (a trailing comma?)',
  CommaExpected: 'a comma is missing',
  ColonExpected: 'a colon is missing',
  PropertyNameExpected: 'a quoted key was expected (a trailing comma?)',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  EndOfFileExpected: 'there is text after the end of the JSON',
  InvalidSymbol: 'an unexpected character',
  UnexpectedEndOfString: 'a string is not closed',
  InvalidCommentToken: 'comments are not allowed in JSON',
};

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
