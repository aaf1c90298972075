import { findKeyBlocks } from './key-block.js';
import { findTokens } from './patterns.js';
import type { Finding } from './types.js';

/**
 * Where a string literal ends a line and the next line opens another with the same quote, joined
 * by `+` (JavaScript, Java, C#, Go) or by nothing (Python's implicit concatenation): the two halves
 * of one literal a line-length limit split.
 */
const JUNCTION = /(["'`])[ \t]*\+?[ \t]*\r?\n[ \t]*\+?[ \t]*\1/g;

/**
 * Secrets split across string literals on several lines (`"sk_live_4eC3" +` / `"9HqLy…"`): each
 * piece alone is too short for its vendor's format. The literals are joined, scanned for vendor
 * formats and key material, and what spans a junction is mapped back onto the original lines.
 */
export function findSplitSecrets(text: string): Finding[] {
  let joined = '';
  const origin: number[] = [];
  const junctions: number[] = [];
  let at = 0;
  for (const match of text.matchAll(JUNCTION)) {
    const start = match.index ?? 0;
    for (let i = at; i < start; i++) origin.push(i);
    joined += text.slice(at, start);
    junctions.push(joined.length);
    at = start + match[0].length;
  }
  if (junctions.length === 0) return [];
  for (let i = at; i < text.length; i++) origin.push(i);
  joined += text.slice(at);
  return [...findTokens(joined), ...findKeyBlocks(joined)]
    .filter((finding) => junctions.some((junction) => finding.start < junction && junction < finding.end))
    .map((finding) => ({ ...finding, start: origin[finding.start] ?? 0, end: (origin[finding.end - 1] ?? 0) + 1 }));
}
