import { insideHandler } from '../../../review/context/try-blocks.js';
import type { ChangeBuilder, Draft } from '../types.js';
import { escapeRegExp, hunkText, lineAt, prose, rewriteLines } from './lines.js';

/**
 * Last rungs for idioms: each flagged line rewritten in the golden code's idiom, when the rewrite
 * is mechanical; otherwise the move in words.
 */


/** `any` becomes `unknown`: the compiler then asks for the narrowing `any` skipped. */
export const replaceAny: ChangeBuilder = (draft) =>
  rewriteLines(draft, (line) => (/\bany\b/.test(line) ? [line.replace(/\bany\b/g, 'unknown')] : undefined), 'Then narrow it where it is used (a type guard, or the real type its callers pass).', 'Replace `any` with the type the value really has (or `unknown`, narrowed where it is used).');

/** `.then(x => …)` becomes an `await`. */
export const awaitThen: ChangeBuilder = (draft) =>
  rewriteLines(
    draft,
    (line) => {
      const match = /^(\s*)(return\s+|(?:const|let)\s+[\w$]+\s*=\s*)?(.+?)\.then\(\s*\(?\s*([\w$]+)\s*\)?\s*=>\s*([^{][^;]*?)\s*\)\s*;?\s*$/.exec(line);
      if (!match) return undefined;
      const [, indent = '', prefix = '', callee = '', param = '', body = ''] = match;
      return [`${indent}const ${param} = await ${callee};`, `${indent}${prefix}${body};`];
    },
    'The enclosing function becomes `async` if it is not already.',
    'Replace the `.then()` chain with `await` on the promise, one statement per step, in an `async` function.',
  );

/** `var` becomes `const`, or `let` when the hunk assigns the name again. */
export const replaceVar: ChangeBuilder = (draft) =>
  rewriteLines(
    draft,
    (line) => {
      const name = /\bvar\s+([\w$]+)/.exec(line)?.[1];
      if (name === undefined) return undefined;
      const reassigned = new RegExp(`(?<![\\w$.])${escapeRegExp(name)}\\s*([-+*/%&|^]?=(?!=)|\\+\\+|--)`);
      const others = draft.hunk.added.filter((row) => row.text !== line).some((row) => reassigned.test(row.text));
      return [line.replace(/\bvar\b/, others ? 'let' : 'const')];
    },
    '',
    'Declare it with `const` (or `let` if it is reassigned).',
  );

/** An argument that is the error itself: `console.log(err)`, `print(e)`, `System.out.println(ex.getMessage())`. */
const LOGS_AN_ERROR = /\(\s*(?:[^()]*[,+]\s*)?(?:e|err|error|ex|exc|exception)\b(?!\s*[=(])/i;

/**
 * Console and print calls go through the logger the golden code uses, at the level of what they
 * report: a failure (printed in a `catch`, an `except` or `if err != nil`, or printing the error
 * itself) at `error`, whatever stream the learner printed it to.
 */
export const useLogger: ChangeBuilder = (draft) => {
  const logger = goldenLogger(draft);
  const levels: Record<string, string> = { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug', trace: 'debug' };
  const code = hunkText(draft.hunk);
  const level = (line: string, number: number, printed: string) => (printed === 'info' && (LOGS_AN_ERROR.test(line) || insideHandler(code, number)) ? 'error' : printed);
  return rewriteLines(
    draft,
    (line, _draft, number) => {
      const js = /\bconsole\.(\w+)\(/.exec(line);
      if (js) return [line.replace(js[0], `${logger}.${level(line, number, levels[js[1] ?? ''] ?? 'info')}(`)];
      if (/\bprint\(/.test(line)) return [line.replace(/\bprint\(/, `${logger}.${level(line, number, 'info')}(`)];
      if (/System\.(out|err)\.print(ln)?\(/.test(line)) return [line.replace(/System\.(out|err)\.print(ln)?\(/, (_all, stream: string) => `${logger}.${stream === 'err' ? 'error' : level(line, number, 'info')}(`)];
      return undefined;
    },
    `Get \`${logger}\` the way the golden code at the third rung does (imported or injected).`,
    `Send this output through \`${logger}\`, as the golden code does.`,
  );
};

/** Python: annotate each parameter and the return value. */
export const addTypeHints: ChangeBuilder = (draft) => {
  const line = lineAt(draft.hunk, draft.startLine);
  const params = /\(([^)]*)\)/.exec(line)?.[1]?.split(',').map((param) => param.trim().replace(/[=:].*$/, '').trim()).filter((param) => param !== '' && !/^(self|cls|\*+)$/.test(param)) ?? [];
  const listed = params.length > 0 ? `${params.map((param) => `\`${param}\``).join(', ')} and the return value` : 'the return value';
  return prose(`On line ${draft.startLine}, annotate ${listed} (\`name: type\` for each parameter, \`-> type\` before the colon), with the types its callers really pass.`);
};

/** Python: `str.format()` with positional fields becomes an f-string. */
export const useFString: ChangeBuilder = (draft) =>
  rewriteLines(
    draft,
    (line) => {
      const match = /(["'])((?:(?!\1).)*)\1\.format\(([^()]*)\)/.exec(line);
      if (!match) return undefined;
      const [all, quote = '"', template = '', args = ''] = match;
      const values = args.split(',').map((arg) => arg.trim()).filter(Boolean);
      let index = 0;
      const filled = template.replace(/\{\}/g, () => `{${values[index++] ?? ''}}`);
      return index === values.length && !/=/.test(args) ? [line.replace(all, `f${quote}${filled}${quote}`)] : undefined;
    },
    '',
    'Write the string as an f-string, with each value inside its braces.',
  );

/** The logger the golden examples call (`logger`, `this.log`), or `logger` when none shows one. */
function goldenLogger(draft: Draft): string {
  for (const golden of draft.golden) {
    const name = /\b((?:this\.)?[\w$]*(?:logger|Logger|log|LOG|LOGGER))\.(debug|info|warn|warning|error)\(/.exec(golden.snippet)?.[1];
    if (name !== undefined) return name;
  }
  return 'logger';
}

