/**
 * Git's conflict markers, as it writes them into a file it could not merge: `<<<<<<< ours`,
 * `||||||| base` (diff3), `=======` and `>>>>>>> theirs`, each at the start of a line. A lone
 * `=======` also underlines headings (reStructuredText in a docstring), so it counts only in text
 * that has a `<<<<<<<` or `>>>>>>>` line too.
 */
const SIDE = /^(<{7}|>{7}|\|{7})(?: |\r?$)/;
const SEPARATOR = /^={7}\r?$/;

/** The numbers of the lines that are conflict markers, among `lines` (a hunk's added lines). */
export function conflictMarkerLines(lines: ReadonlyArray<{ line: number; text: string }>): number[] {
  if (!lines.some(({ text }) => SIDE.test(text) && !text.startsWith('|'))) return [];
  return lines.filter(({ text }) => SIDE.test(text) || SEPARATOR.test(text)).map(({ line }) => line);
}

/**
 * `text` with its conflict marker lines emptied (line numbers unchanged), for the parser: markers
 * are not code in any language, and left in they make tree-sitter misplace the functions around
 * them, so a note would name the wrong one.
 */
export function withoutConflictMarkers(text: string): string {
  const lines = text.split('\n');
  const markers = new Set(conflictMarkerLines(lines.map((line, index) => ({ line: index, text: line }))));
  return markers.size === 0 ? text : lines.map((line, index) => (markers.has(index) ? '' : line)).join('\n');
}
