import { redactSecrets } from '../redact/index.js';
import type { NoteRecord } from '../session/types.js';
import { readNewText } from './context/file-versions.js';
import type { ReviewContext } from './context/types.js';
import type { DiffResult, DiffTarget } from './types.js';

/**
 * Which earlier notes a review saw fixed. A review judges a note only when it looked at the note's
 * lines: the note's file was in the review, in the version of the code the note was last seen in
 * (or in the working tree, the newest code there is), and every line of the note was checked
 * against the conventions this time (or is past the end of the file). The note is fixed only when
 * no departure of its rule is on those lines and the code it was about is gone from the file:
 * unchanged code is never a fix, whatever made the review miss it (a note crowded out by another
 * of its rule, hunks past the review's budget, conventions learned anew).
 */

/** One file as a review saw it. */
export interface FileScope {
  /** New-file lines the conventions were checked on: the added lines of the hunks the review kept. */
  checked: ReadonlySet<number>;
  /** What that check found on them. */
  departures: ReadonlyArray<{ ruleId: string; startLine: number; endLine: number }>;
  /** The file's lines in the version reviewed, redacted as the review redacts; none when the change deletes the file. */
  lines: readonly string[];
}

/** What a review looked at: the version of the code it read, and the files it judged. */
export interface ReviewScope {
  target: DiffTarget;
  files: ReadonlyMap<string, FileScope>;
}

/** An open note and the version of the code it was last seen in. */
export type OpenNote = Pick<NoteRecord, 'id' | 'path' | 'startLine' | 'endLine' | 'topic' | 'code'> & { seenIn: DiffTarget };

/** The ids of `open` notes this review saw fixed; `given` are the notes it gave again, which stand. */
export function fixedNotes(scope: ReviewScope, open: readonly OpenNote[], given: ReadonlySet<string>): string[] {
  return open.filter((note) => !given.has(note.id) && isFixed(scope, note)).map((note) => note.id);
}

function isFixed(scope: ReviewScope, note: OpenNote): boolean {
  const file = scope.files.get(note.path);
  if (!file || !judges(scope.target, note.seenIn)) return false;
  for (let line = note.startLine; line <= note.endLine; line++) {
    if (line <= file.lines.length && !file.checked.has(line)) return false;
  }
  if (file.departures.some((d) => d.ruleId === note.topic && d.startLine <= note.endLine && d.endLine >= note.startLine)) return false;
  return !containsCode(file.lines, note.code);
}

/**
 * Whether a review of `review` reads a note last seen in `seen` at the same line numbers. The same
 * view does (the index again, the same range again); the working tree judges every view, being the
 * newest. The index or a commit judge nothing newer: they may simply not hold the working tree's
 * latest code yet, and code missing from them is no fix.
 */
function judges(review: DiffTarget, seen: DiffTarget): boolean {
  switch (review.kind) {
    case 'worktree':
      return true;
    case 'staged':
      return seen.kind === 'staged';
    case 'range':
      return seen.kind === 'range' && seen.range === review.range;
    default: {
      const unreachable: never = review;
      return unreachable;
    }
  }
}

/** Whether the non-blank lines of `code`, trimmed (as note ids hash them), stand together in `lines`. */
function containsCode(lines: readonly string[], code: string): boolean {
  const wanted = meaningful(code.split('\n'));
  if (wanted.length === 0) return false;
  const have = meaningful(lines);
  for (let start = 0; start + wanted.length <= have.length; start++) {
    if (wanted.every((line, i) => have[start + i] === line)) return true;
  }
  return false;
}

function meaningful(lines: readonly string[]): string[] {
  return lines.map((line) => line.trim()).filter(Boolean);
}

/**
 * The scope of a review, for the files of `paths` it diffed: each read once more in the version the
 * review compared (notes keep the redacted text of their lines, so the file is redacted the same way).
 * A file that cannot be read is left out: what was not seen judges nothing.
 */
export async function reviewScope(options: { repoRoot: string; target: DiffTarget; diff: DiffResult; context: ReviewContext; redact: boolean }, paths: ReadonlySet<string>): Promise<ReviewScope> {
  const files = new Map<string, FileScope>();
  for (const file of options.diff.files) {
    if (!paths.has(file.path)) continue;
    const text = file.status === 'deleted' ? '' : await readNewText(options.repoRoot, options.target, file.path);
    if (text === undefined) continue;
    const shown = options.redact && text !== '' ? (await redactSecrets(text, { path: file.path })).text : text;
    const hunks = options.context.hunks.filter((hunk) => hunk.path === file.path);
    files.set(file.path, {
      checked: new Set(hunks.flatMap((hunk) => hunk.added.map((added) => added.line))),
      departures: hunks.flatMap((hunk) => hunk.findings.map(({ finding }) => finding)),
      lines: shown === '' ? [] : shown.replace(/\n$/, '').split('\n'),
    });
  }
  return { target: options.target, files };
}
