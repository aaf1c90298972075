import type { StructuredPatch } from 'diff';
// The one module needed, not the package index (19 modules, ~10 ms of every command's start).
import { parsePatch } from 'diff/lib/patch/parse.js';
import type { FileChange, Hunk } from '../types.js';
import { toHunk } from './hunks.js';

/** One file of `git diff` output, before any decision about reviewing it. */
export interface ParsedFile {
  path: string;
  oldPath?: string;
  status: FileChange['status'];
  /** Git found no text to diff (NUL bytes, or a `-diff` attribute). */
  binary: boolean;
  /** Only the file mode changed (e.g. `chmod +x`): nothing to read. */
  modeOnly: boolean;
  hunks: Hunk[];
}

/**
 * Parses the output of `git diff --src-prefix=a/ --dst-prefix=b/` (quoted and non-ASCII paths,
 * renames, new, deleted, binary and mode-only files). Paths are relative to the repository root.
 */
export function parseGitDiff(text: string): ParsedFile[] {
  if (text.trim() === '') return [];
  return parsePatch(text).map(toParsedFile);
}

function toParsedFile(patch: StructuredPatch): ParsedFile {
  const oldName = withoutPrefix(patch.oldFileName, 'a/');
  const newName = withoutPrefix(patch.newFileName, 'b/');
  const path = newName ?? oldName ?? '';
  const status: FileChange['status'] = patch.isCreate ? 'added' : patch.isDelete ? 'deleted' : patch.isRename ? 'renamed' : 'modified';
  const hunks = patch.hunks.map((hunk) => toHunk(path, hunk));
  const binary = patch.isBinary === true;
  return {
    path,
    ...(status === 'renamed' && oldName !== undefined && { oldPath: oldName }),
    status,
    binary,
    modeOnly: status === 'modified' && !binary && hunks.length === 0,
    hunks,
  };
}

/** A file name from a patch header without git's side prefix; `undefined` for /dev/null (no such side). */
function withoutPrefix(name: string | undefined, prefix: 'a/' | 'b/'): string | undefined {
  if (name === undefined || name === '/dev/null') return undefined;
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}
