/**
 * Where `try` blocks are, read from indentation so it works the same in Python, JavaScript,
 * TypeScript and Java, and on a fragment that does not parse: a note on a handler (a bare
 * `except:`, an empty `catch`) is about the calls its `try` guards, and its golden example is
 * best where the team makes that call inside a `try` of its own.
 */

/** A handler's first line: `except ValueError:`, `} catch (e) {`, `catch {`, `finally:`. */
const HANDLER = /^\s*(?:\}\s*)?(?:except\b|catch\b|finally\b)/;
/** A `try` opening a block: `try:`, `try {`, `try (var in = open()) {`. */
const TRY = /^\s*try\b/;
/** How far above its handler a `try` is looked for. */
const MAX_TRY_LINES = 40;

function indentOf(text: string): number {
  return /^[ \t]*/.exec(text)?.[0].length ?? 0;
}

/**
 * The text of the lines a handler at `line` guards, from its `try` down to it, when `line` is a
 * handler and its `try` is among `rows` (the lines a change added, by line number); else undefined.
 */
export function guardedBy(rows: ReadonlyArray<{ line: number; text: string }>, line: number): string | undefined {
  const byLine = new Map(rows.map((row) => [row.line, row.text]));
  const handler = byLine.get(line);
  if (handler === undefined || !HANDLER.test(handler)) return undefined;
  const indent = indentOf(handler);
  const body: string[] = [];
  for (let at = line - 1; at >= line - MAX_TRY_LINES; at--) {
    const text = byLine.get(at);
    if (text === undefined) return undefined;
    if (TRY.test(text) && indentOf(text) <= indent) return [text, ...body].join('\n');
    body.unshift(text);
  }
  return undefined;
}

const FINALLY = /^\s*(?:\}\s*)?finally\b/;
/** A Go error branch: `if err != nil {`, `if err := save(); err != nil {`. */
const ERROR_BRANCH = /^\s*if\s+(?:[\w.]+\s*:?=\s*[^;]+;\s*)?err\s*!=\s*nil\b/;

/**
 * The block the code at `line` (1-based) of `text` runs in, of those that say what it is doing:
 * `try` when the nearest line above it at a smaller indent that opens a block is a `try`,
 * `handler` when it is a `catch`, an `except` or Go's `if err != nil` (a function or another
 * block in between ends the search with neither).
 */
function enclosingBlock(text: string, line: number): 'try' | 'handler' | undefined {
  const lines = text.split('\n');
  let indent = indentOf(lines[line - 1] ?? '');
  for (let at = line - 2; at >= 0 && indent > 0; at--) {
    const row = lines[at] ?? '';
    if (row.trim() === '' || indentOf(row) >= indent) continue;
    if (TRY.test(row)) return 'try';
    if (ERROR_BRANCH.test(row)) return 'handler';
    if (HANDLER.test(row)) return FINALLY.test(row) ? undefined : 'handler';
    indent = indentOf(row);
  }
  return undefined;
}

/** Whether the code at `line` (1-based) of `text` runs inside a `try` block (a handler's body or a function is not). */
export function insideTry(text: string, line: number): boolean {
  return enclosingBlock(text, line) === 'try';
}

/** Whether the code at `line` (1-based) of `text` handles a failure: it is in a `catch`, an `except` or Go's `if err != nil`. */
export function insideHandler(text: string, line: number): boolean {
  return enclosingBlock(text, line) === 'handler';
}

/** Lines as text, each at its own line number (blank elsewhere), for the readers above: a change's added lines, or a hunk's. */
export function rowsText(rows: ReadonlyArray<{ line: number; text: string }>): string {
  const lines: string[] = [];
  for (const row of rows) lines[row.line - 1] = row.text;
  return Array.from(lines, (line) => line ?? '').join('\n');
}

/** The first line (1-based) of `text` that opens a handler (`catch`, `except`), or undefined. */
export function firstHandlerLine(text: string): number | undefined {
  const index = text.split('\n').findIndex((line) => HANDLER.test(line) && !FINALLY.test(line));
  return index === -1 ? undefined : index + 1;
}
