import { convertCase } from '../case-convert.js';
import type { ChangeBuilder, Draft } from '../types.js';
import { diffBlock, indentOf, lineAt, linesIn, prose } from './lines.js';

/**
 * Last rungs for size: not a rewrite (only the learner knows what the pieces mean) but where to
 * cut: which lines form a block worth extracting, which parameters travel together, which line is
 * the deepest, which declarations could move.
 */

type Row = { line: number; text: string };

/** Extracted blocks suggested per function: two cuts are a plan, more is a rewrite. */
const MAX_CUTS = 2;
/** A block shorter than this is not worth a function of its own. */
const MIN_BLOCK_LINES = 3;
/** Declarations listed for a long file. */
const MAX_DECLARATIONS = 6;

const BLOCK_START = /^\s*(\}\s*)?(if|for|foreach|while|switch|try|with|do|match|select)\b/;

/** A long function: the largest blocks of its body, by line range, as candidates to extract. */
export const splitFunction: ChangeBuilder = (draft) => {
  const rows = linesIn(draft.hunk, draft.startLine, draft.endLine);
  const cuts = blocks(rows.slice(1, -1))
    .filter((block) => block.length >= MIN_BLOCK_LINES)
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_CUTS)
    .sort((a, b) => (a[0]?.line ?? 0) - (b[0]?.line ?? 0));
  const name = subject(draft);
  if (cuts.length === 0) return prose(`Find the separate jobs ${name} does on lines ${draft.startLine}-${draft.endLine} and move each into a function named for what it returns.`);
  const list = cuts.map((block) => `- lines ${range(block)}, starting \`${(block[0]?.text ?? '').trim()}\``).join('\n');
  return prose(`Extract these blocks of ${name} into functions named for what they compute, and call them from ${name}:\n\n${list}`);
};

/** Too many parameters: one options object for them (a diff for TypeScript and JavaScript). */
export const groupParams: ChangeBuilder = (draft) => {
  const line = lineAt(draft.hunk, draft.startLine);
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  const params = open === -1 || close <= open ? [] : splitTopLevel(line.slice(open + 1, close));
  const names = params.map((param) => /^[\s.]*(?:(?:public|private|readonly|final)\s+)*([\w$]+)/.exec(param)?.[1] ?? param.trim());
  const name = subject(draft);
  const isEcmascript = ['typescript', 'tsx', 'javascript'].includes(draft.hunk.language ?? '');
  if (names.length === 0 || !isEcmascript) return prose(`Group the parameters of ${name} that travel together (${names.join(', ') || 'see line ' + draft.startLine}) into one object or type, so callers pass them by name.`);
  const type = `${convertCase(draft.findings[0]?.symbol ?? 'options', 'PascalCase') ?? 'Call'}Options`;
  const typed = draft.hunk.language !== 'javascript';
  const after = `${line.slice(0, open + 1)}{ ${names.join(', ')} }${typed ? `: ${type}` : ''}${line.slice(close)}`;
  const fields = params.map((param, index) => `${indentOf(line)}  ${names[index] ?? ''}${/^[^:=]*\?|=/.test(param) ? '?' : ''}: ${typeOf(param)};`);
  const declaration = typed ? [`${indentOf(line)}interface ${type} {`, ...fields, `${indentOf(line)}}`] : [];
  return { text: `Pass one options object, so each call names its arguments:\n\n${diffBlock([line], [...declaration, after])}`, fixed: [] };
};

/** Deep nesting: the deepest line, and the outer block to flatten with a guard clause or an extraction. */
export const flattenNesting: ChangeBuilder = (draft) => {
  const rows = linesIn(draft.hunk, draft.startLine, draft.endLine).filter((row) => row.text.trim() !== '');
  const deepest = rows.reduce<Row | undefined>((best, row) => (best === undefined || indentOf(row.text).length > indentOf(best.text).length ? row : best), undefined);
  const outer = rows.slice(1).find((row) => BLOCK_START.test(row.text));
  if (deepest === undefined || outer === undefined) return prose(`Flatten ${subject(draft)}: return early for the cases that need no work, and move the innermost block into a function of its own.`);
  return prose(
    `Line ${deepest.line} (\`${deepest.text.trim()}\`) is the deepest. Turn the block that starts on line ${outer.line} (\`${outer.text.trim()}\`) into a guard clause that returns or continues early, or move its body into a function; either removes a level for everything inside it.`,
  );
};

/** A long file: its top-level declarations, and where a second module could start. */
export const splitFile: ChangeBuilder = (draft) => {
  const rows = linesIn(draft.hunk, draft.hunk.startLine, draft.hunk.endLine);
  const declarations = rows.filter((row) => /^(export\s+|pub\s+|public\s+)?(async\s+)?(function|class|interface|type|const|def|func|struct|enum)\b/.test(row.text));
  if (declarations.length < 2) return prose(`Move the part of ${draft.hunk.path} that serves one purpose (a group of related declarations) into its own module, and import it here.`);
  const middle = declarations[Math.floor(declarations.length / 2)] ?? declarations[0];
  const list = declarations.slice(0, MAX_DECLARATIONS).map((row) => `- line ${row.line}: \`${row.text.trim().replace(/\s*[{(=].*$/, '')}\``).join('\n');
  return prose(`Top-level declarations in what you added:\n\n${list}\n\nMove the related group starting around line ${middle?.line ?? draft.startLine} into a module of its own and import it here.`);
};

/** Runs of lines split at blank lines, and around the block statements at the body's own depth. */
function blocks(body: Row[]): Row[][] {
  const depth = Math.min(...body.filter((row) => row.text.trim() !== '').map((row) => indentOf(row.text).length));
  const result: Row[][] = [];
  let current: Row[] = [];
  for (const row of body) {
    const atBodyDepth = indentOf(row.text).length === depth;
    const starts = row.text.trim() === '' || (atBodyDepth && BLOCK_START.test(row.text) && !/^\s*\}/.test(row.text));
    if (starts && current.length > 0) {
      result.push(current);
      current = [];
    }
    if (row.text.trim() !== '') current.push(row);
    // A block statement closing at the body's depth ends a piece (`}` of a loop, not `} else {`).
    if (atBodyDepth && /^\s*\}\s*;?\s*$/.test(row.text)) {
      result.push(current);
      current = [];
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

function range(block: Row[]): string {
  return `${block[0]?.line ?? 0}-${block.at(-1)?.line ?? 0}`;
}

function subject(draft: Draft): string {
  const symbol = draft.findings[0]?.symbol;
  return symbol ? `\`${symbol}\`` : `the code on lines ${draft.startLine}-${draft.endLine}`;
}

/** The declared type of a parameter (`limit: number = 10` → `number`), or `unknown`. */
function typeOf(param: string): string {
  return /:\s*([^=]+)/.exec(param)?.[1]?.trim() ?? 'unknown';
}

/** Splits a parameter list at commas outside brackets and strings. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if ('([{<'.includes(char)) depth++;
    if (')]}>'.includes(char)) depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current);
  return parts.filter((part) => part.trim() !== '' && !/^\s*(self|cls|this)\b/.test(part));
}
