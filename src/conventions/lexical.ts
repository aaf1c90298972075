import type { FactSink} from './facts.js';
import { SIZE_KEYS } from './facts.js';
import { classifyCase } from './naming/cases.js';

/**
 * The fallback for languages without a parser (Kotlin, Swift, Scala, shell...) and for the parsed
 * languages without a spec (Rust, Ruby, PHP, C, C++): declarations found by keyword, function
 * length by brace matching. Cruder than a syntax tree, so everything learned from it is marked
 * lower confidence.
 */

/** `keyword name` patterns that declare something, by kind. */
const DECLARATIONS: Array<{ kind: string; pattern: RegExp }> = [
  { kind: 'function', pattern: /^\s*(?:(?:public|private|protected|internal|static|export|async|override|open|inline|suspend|pub(?:\([^)]*\))?|unsafe|const)\s+)*(?:fun|func|fn|def|function|sub|proc)\s+([A-Za-z_$][\w$]*)/ },
  { kind: 'type', pattern: /^\s*(?:(?:public|private|protected|internal|export|abstract|sealed|data|open|final|pub(?:\([^)]*\))?)\s+)*(?:class|struct|interface|trait|enum|object|protocol|module)\s+([A-Za-z_$][\w$]*)/ },
  { kind: 'variable', pattern: /^\s+(?:val|var|let|local)\s+(?:mut\s+)?([A-Za-z_$][\w$]*)\s*[:=]/ },
];

/** A line comment or the inside of a block comment, roughly, for comment density. */
const COMMENT_LINE = /^\s*(\/\/|#(?!!)|\/\*|\*|--|;;)/;

/** Functions longer than this are assumed to be a brace-matching mistake and not measured. */
const MAX_LEXICAL_FUNCTION_LINES = 2000;

/** Collects naming, function-length and comment facts from text alone. */
export function lexicalFacts(lines: readonly string[], sink: FactSink): void {
  lines.forEach((text, index) => {
    const line = index + 1;
    if (COMMENT_LINE.test(text)) sink.commentRows.add(index);
    for (const { kind, pattern } of DECLARATIONS) {
      const name = pattern.exec(text)?.[1];
      const style = name ? classifyCase(name) : undefined;
      if (name && style) sink.fact(`naming.${kind}`, style, line, { start: line, end: line }, name);
      if (name && kind === 'function') measureBraces(lines, index, sink, name);
    }
  });
}

/** Measures a function whose body opens with `{` on its declaration line, by brace depth. */
function measureBraces(lines: readonly string[], from: number, sink: FactSink, name: string): void {
  const first = lines[from] ?? '';
  if (!first.includes('{')) return;
  let depth = 0;
  for (let index = from; index < lines.length && index - from < MAX_LEXICAL_FUNCTION_LINES; index++) {
    for (const char of lines[index] ?? '') {
      if (char === '{') depth++;
      else if (char === '}') depth--;
    }
    if (depth <= 0) {
      if (index > from) sink.measure(SIZE_KEYS.functionLines, index - from + 1, from + 1, index + 1, name);
      return;
    }
  }
}
