import type { Language } from '../index/language.js';
import type { Note } from '../tutor/types.js';

/** One line of a hunk, with its line number in the new file (adds and context) or old file (deletions). */
export interface HunkLine {
  kind: 'add' | 'del' | 'ctx';
  text: string;
  newLine?: number;
  oldLine?: number;
}

/** A contiguous change, mapped to 1-based line numbers of the new file. */
export interface Hunk {
  path: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: HunkLine[];
}

export interface FileChange {
  path: string;
  /** For renames: where it came from. */
  oldPath?: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  language: Language | undefined;
  additions: number;
  deletions: number;
  hunks: Hunk[];
}

/** What `readDiff` compared and found. */
export interface DiffResult {
  /** The commit compared against, or null in a repository with no commits yet. */
  base: string | null;
  files: FileChange[];
  /** Changed files left out, with the reason (binary, ignored, generated, too large...). */
  skipped: Array<{ path: string; reason: string }>;
}

/** Which changes to review. */
export type DiffTarget = { kind: 'worktree' } | { kind: 'staged' } | { kind: 'range'; range: string };

/** A note whose code a review no longer finds: the learner fixed it (or removed the code). */
export type ResolvedNote = Pick<Note, 'id' | 'path' | 'startLine' | 'endLine' | 'title' | 'topic'>;
