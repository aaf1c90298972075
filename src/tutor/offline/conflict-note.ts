import { conflictMarkerLines } from '../../review/diff/conflicts.js';
import type { HunkContext, ReviewContext } from '../../review/context/types.js';
import { noteId } from '../claude/note-parser.js';
import { driverName, type PairContext } from '../pair.js';
import { enforceRungDiscipline } from '../rungs.js';
import type { Note } from '../types.js';
import { composeRungs, loadOwnSections } from './template.js';

/**
 * The offline mentor's note on git's conflict markers left in a file (review/diff/conflicts.ts): an
 * error of its own, raised before any convention, one per file however many markers it holds. It
 * cites no golden code and claims no team habit: git wrote these lines.
 */
const CONFLICT_TOPIC = 'merge.conflict';

const TEMPLATE = 'offline-merge-conflict';

/** A file of this review with conflict markers on added lines: the markers, and the hunk of the first. */
export interface ConflictedFile {
  hunk: HunkContext;
  markers: Array<{ line: number; text: string }>;
}

export function conflictedFiles(context: ReviewContext): ConflictedFile[] {
  const byPath = new Map<string, HunkContext[]>();
  for (const hunk of context.hunks) byPath.set(hunk.path, [...(byPath.get(hunk.path) ?? []), hunk]);
  return [...byPath.values()].flatMap((hunks) => {
    const added = hunks.flatMap((hunk) => hunk.added);
    const lines = new Set(conflictMarkerLines(added));
    const markers = added.filter(({ line }) => lines.has(line));
    const first = hunks.find((hunk) => hunk.added.some(({ line }) => line === markers[0]?.line));
    return first ? [{ hunk: first, markers }] : [];
  });
}

/** The note on one file's markers, worded by `offline-merge-conflict.md` (overridable like every template). */
export async function conflictNote({ hunk, markers }: ConflictedFile, context: ReviewContext, projectRoot: string, pair?: PairContext): Promise<Note> {
  const startLine = markers[0]!.line;
  const endLine = markers.at(-1)!.line;
  const span = startLine === endLine ? `${startLine}` : `${startLine}-${endLine}`;
  const name = hunk.symbol?.split(/[.#:]/).at(-1);
  const vars = {
    path: hunk.path,
    where: `${hunk.path}:${span}`,
    line: startLine,
    lines: span,
    markers: markers.length,
    fn: name ? `\`${name}\`` : 'this file',
    navigator: pair?.navigator ?? '',
    driver: pair ? driverName(pair) : '',
  };
  const texts = composeRungs(await loadOwnSections(TEMPLATE, vars, projectRoot), context.level, false, pair !== undefined);
  const code = markers.map(({ text }) => text).join('\n');
  return {
    id: noteId(hunk.path, CONFLICT_TOPIC, code),
    path: hunk.path,
    startLine,
    endLine,
    topic: CONFLICT_TOPIC,
    severity: 'error',
    title: 'unresolved merge conflict',
    ladder: enforceRungDiscipline(([1, 2, 3, 4] as const).map((level) => ({ level, text: texts[level] })), { code }),
    evidence: [],
    source: 'offline',
  };
}
