import type { StructuredPatchHunk } from 'diff';
import type { Hunk, HunkLine } from '../types.js';

/**
 * Hunks in the shape the rest of the review uses. Start lines follow `diff`'s `parsePatch`: a side
 * with no lines starts at the line after the change (git writes `+4,0` for lines deleted after line 4;
 * this gives newStart 5), so every start is a valid 1-based line number.
 */

/** Converts one parsed hunk, numbering each line; CRs of CRLF files and "\ No newline" markers are dropped. */
export function toHunk(path: string, hunk: StructuredPatchHunk): Hunk {
  let oldLine = hunk.oldStart;
  let newLine = hunk.newStart;
  const lines: HunkLine[] = [];
  for (const raw of hunk.lines) {
    const text = withoutCr(raw.slice(1));
    switch (raw[0]) {
      case '+':
        lines.push({ kind: 'add', text, newLine: newLine++ });
        break;
      case '-':
        lines.push({ kind: 'del', text, oldLine: oldLine++ });
        break;
      case ' ':
        lines.push({ kind: 'ctx', text, newLine: newLine++, oldLine: oldLine++ });
        break;
      default:
      // "\ No newline at end of file" describes the line before it; it is not a line of either file.
    }
  }
  return { path, oldStart: hunk.oldStart, oldLines: hunk.oldLines, newStart: hunk.newStart, newLines: hunk.newLines, lines };
}

/** The single hunk git would show for a new file with this text (none for an empty file). */
export function addedFileHunks(path: string, text: string): Hunk[] {
  const rows = text.split('\n');
  if (rows.at(-1) === '') rows.pop();
  if (rows.length === 0) return [];
  const lines: HunkLine[] = rows.map((row, i) => ({ kind: 'add', text: withoutCr(row), newLine: i + 1 }));
  return [{ path, oldStart: 1, oldLines: 0, newStart: 1, newLines: lines.length, lines }];
}

/** Added and deleted line counts of some hunks. */
export function countChanges(hunks: readonly Hunk[]): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.kind === 'add') additions++;
      else if (line.kind === 'del') deletions++;
    }
  }
  return { additions, deletions };
}

/** The new-file text a hunk list shows (added and context lines), which is what gets reviewed. */
export function newSideText(hunks: readonly Hunk[]): string {
  const rows: string[] = [];
  for (const hunk of hunks) for (const line of hunk.lines) if (line.kind !== 'del') rows.push(line.text);
  return rows.join('\n');
}

function withoutCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
