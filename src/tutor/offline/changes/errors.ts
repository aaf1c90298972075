import type { Language } from '../../../index/language.js';
import type { Change, ChangeBuilder, Draft } from '../types.js';
import { diffBlock, indentOf, lineAt, linesIn, prose } from './lines.js';

/**
 * Last rungs for error handling: the smallest edit that stops an error from vanishing, written in
 * the learner's language from their own catch line.
 */

/** How one language catches, rethrows and chains errors. */
interface ErrorSyntax {
  /** The caught variable in a catch line (group 1). */
  binding: RegExp;
  /** The catch header with `name` bound, from the learner's header line. */
  header(line: string, name: string): string;
  /** A statement that rethrows with context and keeps `name` as the cause. */
  rethrow(what: string, name: string): string;
  /** A throw/raise line rewritten to keep `name` (undefined: not a shape we rewrite safely). */
  keepCause(line: string, name: string): string | undefined;
}

const ECMASCRIPT: ErrorSyntax = {
  binding: /catch\s*\(\s*([\w$]+)/,
  header: (line, name) => (/catch\s*\(/.test(line) ? upToBrace(line) : line.replace(/catch\s*\{.*$/, `catch (${name}) {`)),
  rethrow: (what, name) => `throw new Error('${what} failed', { cause: ${name} });`,
  keepCause: (line, name) => line.replace(/new\s+([\w$.]+)\(([^()]*(?:\([^()]*\)[^()]*)*)\)(\s*;?\s*)$/, (all, type: string, args: string, end: string) =>
    args.includes('{') ? all : `new ${type}(${args.trim() === '' ? "'…'" : args}, { cause: ${name} })${end}`),
};

const JVM: ErrorSyntax = {
  binding: /catch\s*\(\s*[\w.<>|\s]+?\s+(\w+)\s*\)/,
  header: upToBrace,
  rethrow: (what, name) => `throw new RuntimeException("${what} failed", ${name});`,
  keepCause: (line, name) => line.replace(/new\s+([\w.]+)\(([^()]*)\)(\s*;\s*)$/, (_all, type: string, args: string, end: string) => `new ${type}(${args.trim() === '' ? '"…"' : args}, ${name})${end}`),
};

const PYTHON: ErrorSyntax = {
  binding: /except\b.*\bas\s+(\w+)\s*:/,
  header: (line, name) => (/\bas\s+\w+\s*:/.test(line) ? line : line.replace(/except\s*([^:]*?)\s*:/, (_all, type: string) => `except ${type || 'Exception'} as ${name}:`)),
  rethrow: (what, name) => `raise RuntimeError("${what} failed") from ${name}`,
  keepCause: (line, name) => (/^\s*raise\s+\S.*\)\s*$/.test(line) && !/\bfrom\b/.test(line) ? `${line.trimEnd()} from ${name}` : undefined),
};

const SYNTAX: Partial<Record<Language, ErrorSyntax>> = { typescript: ECMASCRIPT, tsx: ECMASCRIPT, javascript: ECMASCRIPT, java: JVM, kotlin: JVM, csharp: JVM, python: PYTHON };

/** A catch line up to its opening brace (`} catch (e) {}` → `} catch (e) {`); the whole line if it has none. */
function upToBrace(line: string): string {
  const brace = line.indexOf('{', line.indexOf('catch'));
  return brace === -1 ? line : line.slice(0, brace + 1);
}

/** A statement that rethrows `name` with context in the hunk's language, if we know how it does. */
export function rethrowStatement(draft: Draft, name: string): string | undefined {
  const syntax = draft.hunk.language === undefined ? undefined : SYNTAX[draft.hunk.language];
  return syntax?.rethrow(what(draft), name);
}

/** Words for the failing step in the rethrow message: the enclosing function, if known. */
export function what(draft: Draft): string {
  const symbol = draft.hunk.symbol?.split(/[.#:]/).at(-1);
  return symbol ? symbol : 'this step';
}

/** An empty catch becomes one that rethrows with the caught error as its cause. */
export const fillEmptyCatch: ChangeBuilder = (draft) => {
  const syntax = draft.hunk.language === undefined ? undefined : SYNTAX[draft.hunk.language];
  const rows = linesIn(draft.hunk, draft.startLine, draft.endLine);
  const first = rows[0]?.text;
  if (!syntax || first === undefined) return prose(`On line ${draft.startLine}, either handle the error (rethrow it with context, keeping it as the cause) or write a comment that says why it is safe to ignore.`);
  const name = syntax.binding.exec(first)?.[1] ?? 'error';
  const indent = indentOf(first);
  const inner = indentOf(rows[1]?.text ?? '');
  const body = inner.length > indent.length ? inner : `${indent}${syntax === PYTHON ? '    ' : '  '}`;
  const closing = syntax === PYTHON ? [] : [`${indent}}`];
  const after = [syntax.header(first, name), `${body}${syntax.rethrow(what(draft), name)}`, ...closing];
  const text = `Rethrow with the caught error as the cause (or, if ignoring it is right, say why in a comment instead):\n\n${diffBlock(rows.map((row) => row.text), after)}`;
  return { text, fixed: [] };
};

/** A throw inside a catch that drops the caught error passes it on as the cause. */
export const keepCause: ChangeBuilder = (draft) => rewriteThrow(draft, (syntax, line, name) => syntax.keepCause(line, name), 'pass the caught error on as the cause');

/** Go: `fmt.Errorf` wraps with `%w` so `errors.Is` and `errors.As` still see the cause. */
export const wrapWithW: ChangeBuilder = (draft) =>
  rewriteThrow(draft, (_syntax, line) => (/%[vs]/.test(line) ? line.replace(/%[vs](?![\s\S]*%[vs])/, '%w') : undefined), 'format the wrapped error with %w');

function rewriteThrow(draft: Draft, rewrite: (syntax: ErrorSyntax, line: string, name: string) => string | undefined, fallback: string): Change {
  const language = draft.hunk.language;
  const syntax = (language === undefined ? undefined : SYNTAX[language]) ?? ECMASCRIPT;
  const before: string[] = [];
  const after: string[] = [];
  for (const finding of draft.findings) {
    const line = lineAt(draft.hunk, finding.startLine);
    const name = caughtName(draft, finding.startLine, syntax) ?? 'err';
    const rewritten = line === '' ? undefined : rewrite(syntax, line, name);
    if (rewritten === undefined || rewritten === line) continue;
    before.push(line);
    after.push(rewritten);
  }
  if (before.length === 0) return prose(`On line ${draft.startLine}, ${fallback}, so whoever reads the error still sees what went wrong first.`);
  return { text: `Keep the original error attached:\n\n${diffBlock(before, after)}`, fixed: [] };
}

/** The caught variable of the nearest catch above `line` in the hunk. */
function caughtName(draft: Draft, line: number, syntax: ErrorSyntax): string | undefined {
  for (let current = line; current >= draft.hunk.startLine; current--) {
    const name = syntax.binding.exec(lineAt(draft.hunk, current))?.[1];
    if (name !== undefined) return name;
  }
  return undefined;
}
