import type { Finding } from './types.js';

/**
 * PEM private keys (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP blocks), in a file or in a string
 * with `\n` escapes (JSON service-account files), from BEGIN to END. When the text stops before END
 * (a hunk shows part of a key), everything up to the last line of base64 is hidden.
 */
const BEGIN = /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----/g;
/** A key of 16 kB is far beyond RSA-8192 in PEM; an END further away belongs to something else. */
const MAX_KEY_CHARS = 16_384;
/** Lines of base64 or PEM headers (`Proc-Type: 4,ENCRYPTED`), after real or `\n` line breaks and diff markers. */
const BODY = /^(?:(?:\r?\n|\\r?\\n)[ \t+-]?[ \t]*(?:[A-Za-z0-9+/=]{8,}|[A-Za-z-]+: [^\n\\]*)?)*/;

/** Private key blocks in `text`, from BEGIN to END (or to the last line of key text). */
export function findPrivateKeys(text: string): Finding[] {
  const findings: Finding[] = [];
  // The next END, found once for all the BEGINs before it (many BEGINs must not rescan the text each).
  let end: RegExpExecArray | null | undefined;
  for (const begin of text.matchAll(BEGIN)) {
    const start = begin.index ?? 0;
    const afterBegin = start + begin[0].length;
    if (end === undefined || (end !== null && end.index < afterBegin)) {
      END.lastIndex = afterBegin;
      end = END.exec(text);
    }
    if (end && end.index - afterBegin <= MAX_KEY_CHARS) {
      findings.push({ start, end: end.index + end[0].length, rule: 'private-key' });
    } else {
      const body = BODY.exec(text.slice(afterBegin, afterBegin + MAX_KEY_CHARS))?.[0] ?? '';
      findings.push({ start, end: afterBegin + body.trimEnd().length, rule: 'private-key' });
    }
  }
  return findings;
}
