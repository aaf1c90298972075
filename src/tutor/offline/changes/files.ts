import { basename, dirname, join } from 'node:path';
import type { Change, ChangeBuilder, Draft } from '../types.js';
import { diffBlock, indentOf, lineAt, prose } from './lines.js';

/**
 * Last rungs for where things live and how they are declared: test files moved or renamed to the
 * golden layout, a doc comment skeleton, an import written the team's way.
 */

/** Folders that hold tests apart from the code (as in `src/conventions/layout.ts`). */
const TEST_FOLDER = /^(test|tests|__tests__|spec|specs)$/;

/** A test file beside the code moves to the mirrored path under `test/`, and back. */
export const moveTest: ChangeBuilder = (draft) => {
  const path = draft.hunk.path;
  const segments = path.split('/');
  const expected = draft.findings[0]?.expected ?? '';
  const target = expected.includes('separate')
    ? join('test', ...(segments[0] === 'src' ? segments.slice(1) : segments))
    : join(segments[0] !== undefined && TEST_FOLDER.test(segments[0]) ? 'src' : '', ...segments.filter((segment) => !TEST_FOLDER.test(segment)));
  return gitMove(path, target, expected);
};

/** A test file named the other way (`.spec.ts` ↔ `.test.ts`, `test_x.py` ↔ `x_test.py`). */
export const renameTest: ChangeBuilder = (draft) => {
  const path = draft.hunk.path;
  const name = basename(path);
  const expected = draft.findings[0]?.expected ?? '';
  const stem = name.replace(/\.(test|spec)(\.[cm]?[jt]sx?)$/, '').replace(/^test_|_test(?=\.py$)|(Tests?|IT)(?=\.\w+$)|^Test(?=[A-Z])/g, '').replace(/\.\w+$/, '');
  const extension = /(\.[cm]?[jt]sx?|\.\w+)$/.exec(name)?.[1] ?? '';
  const target = expected.replace('<name>', stem).replace('<Name>', stem).replace('.<ext>', extension);
  return target.includes('<') ? prose(`Rename \`${name}\` to the golden pattern ${expected}.`) : gitMove(path, join(dirname(path), target), expected);
};

/** A one-line doc comment above the exported declaration, in the language's doc syntax. */
export const addDocComment: ChangeBuilder = (draft) => {
  const line = lineAt(draft.hunk, draft.startLine);
  const symbol = draft.findings[0]?.symbol ?? 'this';
  const indent = indentOf(line);
  const summary = `${describe(symbol)}: say what it returns and when it fails.`;
  const language = draft.hunk.language;
  if (language === 'python') return { text: `Add a one-line docstring:\n\n${diffBlock([line], [line, `${indent}    """${summary}"""`])}`, fixed: [] };
  const comment = language === 'go' ? `${indent}// ${symbol} ${summary.charAt(0).toLowerCase()}${summary.slice(1)}` : language === 'csharp' ? `${indent}/// <summary>${summary}</summary>` : `${indent}/** ${summary} */`;
  return { text: `Add a one-line doc comment above the declaration:\n\n${diffBlock([line], [comment, line])}\n\nReplace the second half with what a caller needs to know.`, fixed: [] };
};

/** Relative imports with or without the file extension the golden code writes. */
export const fixImportExtension: ChangeBuilder = (draft) => {
  const expected = draft.findings[0]?.expected ?? '';
  const line = lineAt(draft.hunk, draft.startLine);
  const withExtension = expected === 'with file extension';
  const extension = goldenExtension(draft);
  const after = line.replace(/(['"])(\.{1,2}\/[^'"]*?)(\.[cm]?[jt]sx?)?\1/, (_all, quote: string, spec: string) => `${quote}${spec}${withExtension ? extension : ''}${quote}`);
  if (after === line) return prose(`Write the relative imports on line ${draft.startLine} ${expected}, as the golden code does.`);
  return { text: diffBlock([line], [after]), fixed: [] };
};

/** The convention itself stated as the move, for rules with no mechanical rewrite (import style, unknown rules). */
export const restateConvention: ChangeBuilder = (draft) => prose(`On line ${draft.startLine}, ${draft.grounds.statement.charAt(0).toLowerCase()}${draft.grounds.statement.slice(1)}: rewrite it that way, and update the places that import it.`);

function gitMove(from: string, to: string, expected: string): Change {
  if (to === from || to === '') return prose(`Move or rename \`${from}\` so tests live ${expected}.`);
  return { text: `Move it, then fix its relative imports:\n\n\`\`\`sh\ngit mv ${from} ${to}\n\`\`\``, fixed: [to] };
}

/** The extension the golden examples put on relative imports (`.js` for ESM TypeScript when none shows). */
function goldenExtension(draft: Draft): string {
  for (const golden of draft.golden) {
    const extension = /from\s+['"]\.{1,2}\/[^'"]*?(\.[cm]?[jt]sx?)['"]/.exec(golden.snippet)?.[1];
    if (extension !== undefined) return extension;
  }
  return '.js';
}

/** `getUserData` → `Gets user data`, a starting point the learner rewrites. */
function describe(symbol: string): string {
  const words = symbol.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim().split(' ');
  const [verb = symbol, ...rest] = words;
  const first = /^(get|load|make|create|build|parse|read|write|find|check|compute|format|fetch)$/.test(verb) ? `${verb}s` : verb;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}
