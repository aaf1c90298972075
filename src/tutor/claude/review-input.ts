import type { HunkLine } from '../../review/types.js';
import type { Evidence } from '../types.js';

/**
 * What the Claude tutor reviews on a save. Plain data: the context packer builds it (redacted and
 * packed to a token budget) and the tutor only renders it into the prompt.
 */
export interface ReviewInput {
  hunks: ReviewHunk[];
  /** Golden neighbours and conventions, most relevant first. Notes may cite only these. */
  evidence: Evidence[];
  /** The convention checker's findings on these lines, already written as short text. */
  findings?: string;
  level: 'junior' | 'mid' | 'senior';
  /** At most this many notes (mentor.maxNotesPerSave). */
  maxNotes: number;
  /** The learner model's word on topics in this change, one line each (src/progress/adapt.ts). */
  learner?: string[];
}

/** One changed region of a file, as the model sees it. */
export interface ReviewHunk {
  path: string;
  /** First and last new-file line the hunk covers. */
  startLine: number;
  endLine: number;
  /** The hunk in the `formatHunkLines` layout: `<new line number> <marker> <code>` per line. */
  text: string;
  /** The enclosing function or class, when known. */
  symbol?: string | null;
  /** False when the golden repos hold nothing comparable to this code: no claim of "how we do this" can be made for it. */
  comparable?: boolean;
}

/** Width of the line-number column: files over 99,999 lines are not hand-written code. */
const NUMBER_WIDTH = 5;

/**
 * Renders diff lines as `  12 + code` (added), `  13   code` (context) and `      - code` (removed,
 * which has no new-file number), so the model can name exact lines.
 */
export function formatHunkLines(lines: HunkLine[]): string {
  return lines
    .map((line) => {
      const number = line.kind === 'del' || line.newLine === undefined ? '' : String(line.newLine);
      const marker = line.kind === 'add' ? '+' : line.kind === 'del' ? '-' : ' ';
      return `${number.padStart(NUMBER_WIDTH)} ${marker} ${line.text}`;
    })
    .join('\n');
}

/** The new-file text of lines `start`..`end` of `path`, as far as the hunks show them ('' if none). */
export function hunkLineText(hunks: ReviewHunk[], path: string, start: number, end: number): string {
  const lines: string[] = [];
  for (const hunk of hunks) {
    if (hunk.path !== path) continue;
    for (const row of hunk.text.split('\n')) {
      const match = /^\s*(\d+) [+ ] ?(.*)$/.exec(row);
      const number = Number(match?.[1]);
      if (match && number >= start && number <= end) lines.push(match[2] ?? '');
    }
  }
  return lines.join('\n');
}
