import { posix } from 'node:path';
import { apiObserved } from '../conventions/api/words.js';
import type { ApiCall, Convention } from '../conventions/types.js';
import { convertCase, splitWords } from '../tutor/offline/case-convert.js';
import { escapeRegExp } from '../tutor/offline/changes/lines.js';
import { sizeAmount } from './glance.js';

/**
 * The "don't" beside a golden "do": derived from the rule (and the golden example when it can be
 * rewritten), never taken from golden code, and labelled as illustrative wherever it is shown.
 */
export interface CounterExample {
  /** Code in the language of the convention; absent when only a sentence says it. */
  code?: string;
  text: string;
}

/** The case a name is rewritten into to show the other way of naming it. */
const OTHER_CASE: Record<string, string> = {
  camelCase: 'snake_case',
  mixedCaps: 'snake_case',
  PascalCase: 'snake_case',
  snake_case: 'camelCase',
  UPPER_SNAKE: 'camelCase',
  'kebab-case': 'camelCase',
};

/** Where each kind of name is declared on a line: its first capture is the name. */
const DECLARING: Record<string, RegExp> = {
  'naming.parameter': /[(,]\s*(?:(?:public|private|protected|readonly)\s+)*\.{0,3}([A-Za-z_$][\w$]*)\s*[:?,)=]/g,
  'naming.variable': /\b(?:const|let|var|val)\s+([A-Za-z_$][\w$]*)|^\s*([A-Za-z_][\w]*)\s*(?::[^=]+)?=(?!=)/g,
  'naming.constant': /\b(?:const|final|static)\s+(?:[\w<>[\]]+\s+)?([A-Za-z_$][\w$]*)\s*[:=]|^\s*([A-Z][A-Z0-9_]*)\s*=/g,
  'naming.field': /^\s*(?:(?:public|private|protected|readonly|static)\s+)*#?([A-Za-z_$][\w$]*)\s*[?!]?[:=;]|self\.([A-Za-z_]\w*)\s*=/g,
};
const DECLARATION = /\b(?:function|class|interface|type|enum|def|func|struct|trait|fn|record)\s+\*?\s*(?:\([^)]*\)\s*)?([A-Za-z_$][\w$]*)|^\s*(?:(?:public|private|protected|static|async|abstract|override|get|set)\s+)*([A-Za-z_$][\w$]*)\s*\(/g;

/** The counter-example of `convention`, given the first line(s) of its golden example. */
export function counterExample(convention: Convention, example: string[] | undefined, sizes: Record<string, { limit: number }>): CounterExample | undefined {
  const key = convention.id.split('.').slice(1).join('.');
  const first = example?.find((line) => line.trim() !== '') ?? '';
  if (key === 'naming.file' || key === 'naming.folder') return renamePath(convention);
  if (convention.call) return callWithout(convention, convention.call, example ?? []);
  if (key.startsWith('naming.') && OTHER_CASE[convention.expected]) return renameInLine(first, convention.expected, key);
  if (key.startsWith('size.')) {
    const limit = sizes[convention.id]?.limit;
    return limit === undefined ? undefined : { text: `${convention.statement.split(':')[0]} well beyond ${sizeAmount(convention, limit) ?? `${limit} ${convention.expected.replace(/^<=\s*\d+\s*/, '')}`}: past the team's 99th percentile.` };
  }
  switch (key) {
    case 'idioms.var':
      return /\b(const|let)\s/.test(first) ? { code: first.replace(/\b(const|let)\s/, 'var '), text: '`var` instead of `let`/`const`.' } : undefined;
    case 'idioms.any':
      return { code: 'function parse(input: any): any {', text: '`any` where a precise type would say what is expected.' };
    case 'idioms.async':
      return { code: "load(id).then((user) => render(user)).catch(() => {});", text: 'A `.then()` chain where the team writes `await`.' };
    case 'idioms.logging':
      return convention.expected === 'logger' ? { code: convention.language === 'python' ? "print('loaded', user)" : "console.log('loaded', user);", text: 'Printing straight to the console instead of the logger.' } : undefined;
    case 'errors.empty-catch':
      return { code: convention.language === 'python' ? 'except Exception:\n    pass' : '} catch (error) {}', text: 'A catch that swallows the error and says nothing about why.' };
    case 'errors.rethrow-cause':
      return convention.expected === 'keeps the cause' ? { code: convention.language === 'python' ? "except OSError:\n    raise ConfigError('cannot read config')" : "} catch (error) {\n  throw new Error('cannot read config');\n}", text: 'A new error that drops the one it caught.' } : undefined;
    case 'imports.relative-extension': {
      const stripped = first.replace(/(['"]\.{1,2}\/[^'"]+?)\.(?:m|c)?[jt]sx?(['"])/, '$1$2');
      return stripped !== first && convention.expected.startsWith('with') ? { code: stripped, text: 'A relative import without its file extension.' } : undefined;
    }
    case 'docs.exported': {
      const body = (example ?? []).filter((line) => !/^\s*(\/\*\*|\*|\*\/|\/\/\/|#)/.test(line));
      return convention.expected === 'documented' && body.length > 0 && body.length < (example ?? []).length ? { code: body.slice(0, 3).join('\n'), text: 'The same declaration without its doc comment.' } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * An API habit's "don't": the golden call without the option or the `await` when its line shows
 * them, else the departure in words ("`requests.get` not checked right after the call").
 */
function callWithout(convention: Convention, call: ApiCall, example: string[]): CounterExample {
  const text = `\`${call.callee}\` ${apiObserved(convention.language, call)}.`;
  const last = call.callee.split('.').pop() ?? call.callee;
  const line = example.find((l) => new RegExp(`\\b${escapeRegExp(last)}\\s*\\(`).test(l));
  if (!line) return { text };
  const option = escapeRegExp(call.option ?? '');
  const stripped =
    call.aspect === 'option'
      ? line.replace(new RegExp(`,\\s*${option}\\s*[=:]\\s*[^,)}]+|\\b${option}\\s*[=:]\\s*[^,)}]+,?\\s*`), '')
      : call.aspect === 'awaited'
        ? line.replace(/\bawait\s+/, '')
        : line;
  return stripped !== line ? { code: stripped.trim(), text } : { text };
}

/** The first name of the rule's kind declared on `line`, rewritten in the other case. */
function renameInLine(line: string, expected: string, key: string): CounterExample | undefined {
  const target = OTHER_CASE[expected];
  if (target === undefined) return undefined;
  const pattern = DECLARING[key] ?? DECLARATION;
  const declared = [...line.matchAll(new RegExp(pattern.source, 'g'))].map((m) => m[1] ?? m[2]);
  const candidates = declared.filter((name): name is string => name !== undefined && splitWords(name).length > 1);
  for (const name of candidates) {
    const other = convertCase(name, target);
    if (other === undefined || other === name) continue;
    return { code: line.replace(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`), other).trim(), text: `\`${name}\` written \`${other}\` (${target}).` };
  }
  return undefined;
}

function renamePath(convention: Convention): CounterExample | undefined {
  const example = convention.examples[0];
  const target = OTHER_CASE[convention.expected];
  if (!example || target === undefined) return undefined;
  const segments = convention.id.endsWith('folder') ? posix.dirname(example.path).split('/') : [posix.basename(example.path)];
  const name = segments[segments.length - 1] ?? '';
  const dot = name.indexOf('.', 1);
  const [stem, extension] = dot === -1 ? [name, ''] : [name.slice(0, dot), name.slice(dot)];
  const other = convertCase(stem, target);
  if (other === undefined || other === stem) return undefined;
  return { text: `\`${name}\` named \`${other}${extension}\` (${target}).` };
}
