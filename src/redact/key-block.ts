import { shannonEntropy } from './entropy.js';
import type { Finding } from './types.js';

/**
 * What may come before the base64: a unified diff's marker in the first column, or indentation, the
 * numbered layout's line number and a marker followed by a space. A `+` or `-` indented and touching
 * the run is base64's own first character (a quarter of random keys start with `+` or `/`).
 */
const LINE_START = String.raw`(?:[+-][ \t]*|[ \t]*(?:\d+[ \t]+)?(?:[+-][ \t]+)?)`;
const QUOTE = `["'\`]?`;
/**
 * Blocks of base64 with the shape of key material: a PEM body whose BEGIN and END lines are not in
 * the text (a diff that replaces a key shows only its body lines as removed), a certificate or key
 * pasted into a string line by line, a base64 key in a config file. Each line holds one long run of
 * base64 and little else: a line number, a diff marker, quotes, a `\n` escape, a `+` or `,`.
 */
const keyLine = (minChars: number): RegExp =>
  new RegExp(String.raw`^${LINE_START}${QUOTE}(?<body>[A-Za-z0-9+/]{${minChars},}={0,2})(?:\\r)?(?:\\n)?${QUOTE}[ \t]*[,;+]?[ \t]*$`, 'd');
const KEY_LINE = keyLine(40);
/** The last line of a PEM body is often shorter than the 64 columns of the others. */
const LAST_LINE = keyLine(4);
/**
 * A run needs this many base64 characters: one 64-column PEM line at least. Shorter lone tokens are
 * left to the vendor formats and the `name = value` checks, which know what they are looking at.
 */
const MIN_BLOCK_CHARS = 64;
/**
 * Random base64 carries ~6 bits a character; counted over one 64-character line it measures 5.2 at
 * the median and 4.68 at the lowest of 200,000 random lines. Long identifiers and words written
 * without separators stay under 4.55.
 */
const MIN_ENTROPY_BITS = 4.65;

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

/** Both cases and something other than a letter (a digit, `+` or `/`: all three are missing from one random line in 600,000). */
function isRandom(body: string): boolean {
  return /[\d+/]/.test(body) && /[a-z]/.test(body) && /[A-Z]/.test(body) && shannonEntropy(body) >= MIN_ENTROPY_BITS;
}
