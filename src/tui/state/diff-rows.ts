import type { FileChange } from '../../review/types.js';

/** One row of the Changes pane: a hunk line (with its new-file number) or a gap between hunks. */
export interface DiffRow {
  kind: 'add' | 'del' | 'ctx' | 'gap';
  text: string;
  /** New-file line number; absent for deletions and gaps. */
  line?: number;
}

/** The rows of a file's hunks, a gap row between two hunks. */
export function diffRows(file: FileChange | undefined): DiffRow[] {
  if (!file) return [];
  const rows: DiffRow[] = [];
  for (const [index, hunk] of file.hunks.entries()) {
    if (index > 0) rows.push({ kind: 'gap', text: '⋯' });
    for (const line of hunk.lines) {
      rows.push(line.kind === 'del' ? { kind: 'del', text: line.text } : { kind: line.kind, text: line.text, line: line.newLine });
    }
  }
  return rows;
}

/** The index of the first row at or after new-file line `line`, or -1. */
export function rowOfLine(rows: DiffRow[], line: number): number {
  return rows.findIndex((row) => row.line !== undefined && row.line >= line);
}

/** The learner's rows between two new-file lines (deletions left out). */
export function rowsInRange(rows: DiffRow[], start: number, end: number): DiffRow[] {
  return rows.filter((row) => row.line !== undefined && row.line >= start && row.line <= end);
}
