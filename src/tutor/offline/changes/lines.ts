import type { HunkContext } from '../../../review/context/types.js';
import { rowsText } from '../../../review/context/try-blocks.js';
import { hunkLineText } from '../../claude/review-input.js';
import type { Change, Draft } from '../types.js';

/**
 * Small helpers the last-rung builders share: reading the learner's lines and writing a minimal
 * diff of them.
 */

/** The new-file text of line `line` of the hunk ('' when the hunk does not show it). */
export function lineAt(hunk: HunkContext, line: number): string {
  return hunk.added.find((row) => row.line === line)?.text ?? hunkLineText([hunk], hunk.path, line, line);
}

/** Lines `start`..`end` of the hunk, with their numbers, skipping any it does not show. */
export function linesIn(hunk: HunkContext, start: number, end: number): Array<{ line: number; text: string }> {
  const rows: Array<{ line: number; text: string }> = [];
  for (let line = start; line <= end; line++) {
    const text = lineAt(hunk, line);
    if (text !== '' || hunk.added.some((row) => row.line === line)) rows.push({ line, text });
  }
  return rows;
}

/** The hunk's new-file text with each line at its own line number (blank where the hunk shows none), for readers that go by indentation. */
export function hunkText(hunk: HunkContext): string {
  const added = new Map(hunk.added.map((row) => [row.line, row.text]));
  const rows = Array.from({ length: hunk.endLine - hunk.startLine + 1 }, (_, at) => hunk.startLine + at).map((line) => ({ line, text: added.get(line) ?? hunkLineText([hunk], hunk.path, line, line) }));
  return rowsText(rows);
}

/** A fenced unified-diff fragment: the removed lines, then the added ones. */
export function diffBlock(removed: string[], added: string[]): string {
  const body = [...removed.map((text) => `-${text}`), ...added.map((text) => `+${text}`)];
  return ['```diff', ...body, '```'].join('\n');
}

/** The leading whitespace of a line. */
export function indentOf(text: string): string {
  return /^\s*/.exec(text)?.[0] ?? '';
}

/** A change described in words only, when no safe mechanical edit exists. */
export function prose(text: string): Change {
  return { text, fixed: [] };
}

/** Escapes a literal for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rewrites one line; undefined when the line is not a shape this rewrite handles safely. */
export type LineRewrite = (line: string, draft: Draft, number: number) => string[] | undefined;

/** The move in words, then a diff of every flagged line the rewrite handles, then `after`; words only when none is handled. */
export function rewriteLines(draft: Draft, rewrite: LineRewrite, after: string, fallback: string): Change {
  const before: string[] = [];
  const rewritten: string[] = [];
  for (const number of draft.lines) {
    const line = lineAt(draft.hunk, number);
    const lines = line === '' ? undefined : rewrite(line, draft, number);
    if (lines === undefined) continue;
    before.push(line);
    rewritten.push(...lines.map((text) => (text.startsWith(indentOf(line)) ? text : `${indentOf(line)}${text}`)));
  }
  if (before.length === 0) return prose(`On line ${draft.startLine}: ${fallback}`);
  return { text: `${fallback}\n\n${diffBlock(before, rewritten)}${after ? `\n\n${after}` : ''}`, fixed: [] };
}
