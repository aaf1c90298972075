import { detectLanguage, type Language } from '../index/language.js';
import { applyFindings, lineNumbers, mergeFindings } from './apply.js';
import { findAssignments, type UnquotedMode } from './assignments.js';
import { findKeyBlocks } from './key-block.js';
import { findSplitSecrets } from './split-literals.js';
import { findTokens } from './patterns.js';
import { findPrivateKeys } from './private-key.js';
import { findWithSecretlint } from './secretlint.js';

export interface RedactOptions {
  /** The file the text comes from: in source code, unquoted `name = value` is a variable, in config a string. */
  path?: string;
  /**
   * The text is unified-diff lines starting with `+`, `-` or a space. Their markers are blanked
   * before scanning (a private key spanning lines is then one block) and kept in the output.
   * Default: true when the text starts like a diff (`diff --git`, `--- `, `@@ `).
   */
  diff?: boolean;
}

export interface Redaction {
  /** The kind of secret, as in the `[REDACTED:<rule>]` marker. Never the secret itself. */
  rule: string;
  /** 1-based line of the text where the secret starts. */
  line: number;
  /** A value a person chose rather than a random token (`Finding.chosen`). */
  chosen?: true;
}

export interface RedactResult {
  text: string;
  redactions: Redaction[];
}

/** Languages whose unquoted `name = value` is a variable reference (the rest are config, prose or markup). */
const CODE_LANGUAGES: ReadonlySet<Language> = new Set(['typescript', 'tsx', 'javascript', 'python', 'go', 'java', 'csharp', 'rust', 'ruby', 'php', 'c', 'cpp', 'kotlin', 'swift', 'scala']);

const DIFF_START = /^(diff --git |--- |@@ -)/;
/** `+` and `-` markers at the start of a diff line; spaces need no blanking. */
const DIFF_MARKER = /^[+-]/gm;

/**
 * Hides secrets in `text` before it leaves the machine: secretlint's recommended rules, vendor token
 * formats (also when split over string literals on several lines), JWTs, private keys (whole, or
 * their base64 body alone), passwords in URLs and connection strings, and values assigned to names
 * like `password`, `API_KEY` or `secretKey`. Each is replaced by `[REDACTED:<rule>]`; the rest of
 * the text is unchanged, line for line.
 */
export async function redactSecrets(text: string, options: RedactOptions = {}): Promise<RedactResult> {
  const diff = options.diff ?? DIFF_START.test(text);
  const scanned = diff ? text.replace(DIFF_MARKER, ' ') : text;
  const findings = mergeFindings([
    ...(await findWithSecretlint(scanned)),
    ...findPrivateKeys(scanned),
    ...findKeyBlocks(scanned),
    ...findSplitSecrets(scanned),
    ...findTokens(scanned),
    ...findAssignments(scanned, unquotedMode(options.path)),
  ]);
  if (findings.length === 0) return { text, redactions: [] };
  const lines = lineNumbers(text, findings);
  return {
    text: applyFindings(text, findings, diff),
    redactions: findings.map(({ rule, chosen }, i) => ({ rule, line: lines[i] ?? 1, ...(chosen ? { chosen } : {}) })),
  };
}

function unquotedMode(path: string | undefined): UnquotedMode {
  if (path === undefined) return 'cautious';
  const language = detectLanguage(path);
  return language !== undefined && CODE_LANGUAGES.has(language) ? 'off' : 'on';
}
