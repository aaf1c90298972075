import { shannonEntropy } from './entropy.js';
import type { Finding } from './types.js';

/**
 * Blocks of base64 with the shape of key material: a PEM body whose BEGIN and END lines are not in
 * the text (a diff that replaces a key shows only its body lines as removed), a certificate or key
 * pasted into a string line by line, a base64 key in a config file. Each line holds one long run of
 * base64 and little else: a line number, a diff marker, quotes, a `\n` escape, a `+` or `,`.
 */
const KEY_LINE = /^[ \t]*(?:\d+[ \t]+)?[+-]?[ \t]*["'`]?(?<body>[A-Za-z0-9+/]{40,}={0,2})(?:\\r)?(?:\\n)?["'`]?[ \t]*[,;+]?[ \t]*$/d;
/** The last line of a PEM body is often shorter than the 64 columns of the others. */
const LAST_LINE = /^[ \t]*(?:\d+[ \t]+)?[+-]?[ \t]*["'`]?(?<body>[A-Za-z0-9+/]{4,}={0,2})(?:\\r)?(?:\\n)?["'`]?[ \t]*[,;+]?[ \t]*$/d;
/**
 * A run needs this many base64 characters: one 64-column PEM line at least. Shorter lone tokens are
 * left to the vendor formats and the `name = value` checks, which know what they are looking at.
 */
const MIN_BLOCK_CHARS = 64;
/**
 * Random base64 carries ~6 bits a character (5.5+ over a 64-character line); long identifiers and
 * words written without separators stay under 4.5.
 */
const MIN_ENTROPY_BITS = 4.8;

/** Runs of key-shaped base64 lines in `text`, each hidden from its first base64 character to its last. */
export function findKeyBlocks(text: string): Finding[] {
  const findings: Finding[] = [];
  let run: Array<{ start: number; end: number; body: string }> = [];
  const close = (): void => {
    const body = run.map((line) => line.body).join('');
    const first = run[0];
    const last = run.at(-1);
    if (first && last && body.length >= MIN_BLOCK_CHARS && isRandom(body)) findings.push({ start: first.start, end: last.end, rule: 'key-block' });
    run = [];
  };
  let offset = 0;
  for (const line of text.split('\n')) {
    const match = KEY_LINE.exec(line) ?? (run.length > 0 ? LAST_LINE.exec(line) : null);
    const span = match?.indices?.groups?.body;
    if (match && span) {
      run.push({ start: offset + span[0], end: offset + span[1], body: match.groups?.body ?? '' });
      // A short line ends the block it belongs to.
      if (!KEY_LINE.test(line)) close();
    } else if (run.length > 0) {
      close();
    }
    offset += line.length + 1;
  }
  close();
  return findings;
}

function isRandom(body: string): boolean {
  return /\d/.test(body) && /[a-z]/.test(body) && /[A-Z]/.test(body) && shannonEntropy(body) >= MIN_ENTROPY_BITS;
}
