import { createRequire } from 'node:module';
import { Language as Grammar, Node, Parser, type Tree } from 'web-tree-sitter';
import type { ParsedLanguage } from '../language.js';

/**
 * The one place that loads tree-sitter. Grammars are WebAssembly files shipped in an npm package,
 * so parsing works offline. Each grammar is loaded once per process and cached.
 *
 * Callers own the returned Tree and must call `tree.delete()` when done: without it, memory grows
 * by tens of megabytes per parse (measured: 15 parses, 536 MB RSS vs 111 MB).
 */

const GRAMMAR_FILE: Record<ParsedLanguage, string> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  python: 'tree-sitter-python.wasm',
  go: 'tree-sitter-go.wasm',
  java: 'tree-sitter-java.wasm',
  csharp: 'tree-sitter-c_sharp.wasm',
  rust: 'tree-sitter-rust.wasm',
  ruby: 'tree-sitter-ruby.wasm',
  php: 'tree-sitter-php.wasm',
  c: 'tree-sitter-c.wasm',
  cpp: 'tree-sitter-cpp.wasm',
};

const require = createRequire(import.meta.url);
let initialised: Promise<void> | undefined;
const grammars = new Map<ParsedLanguage, Promise<Grammar>>();
const parsers = new Map<ParsedLanguage, Parser>();

function init(): Promise<void> {
  initialised ??= Parser.init().then(rememberNodeTypes);
  return initialised;
}

const TYPE = Symbol('type');

/**
 * A node's `type` is read through WebAssembly on every access (its symbol, then the grammar's name
 * table), and the walkers read it several times per node (the comment check, the language's
 * visitor, the API visitor, the function and nesting checks): ~7% of indexing went to it. A node
 * never changes type, so each node object keeps its type once read.
 */
function rememberNodeTypes(): void {
  const read = Object.getOwnPropertyDescriptor(Node.prototype, 'type')?.get;
  if (!read) return;
  Object.defineProperty(Node.prototype, 'type', {
    configurable: true,
    get(this: Node & { [TYPE]?: string }): string {
      return (this[TYPE] ??= read.call(this) as string);
    },
  });
}

/** The grammar for a language, loaded on first use. */
export function loadGrammar(language: ParsedLanguage): Promise<Grammar> {
  let grammar = grammars.get(language);
  if (!grammar) {
    grammar = init().then(() => Grammar.load(require.resolve(`@repomix/tree-sitter-wasms/out/${GRAMMAR_FILE[language]}`)));
    grammars.set(language, grammar);
  }
  return grammar;
}

/** A parser set to `language`, reused across calls (parsing is synchronous, so sharing is safe). */
export async function parserFor(language: ParsedLanguage): Promise<Parser> {
  const existing = parsers.get(language);
  if (existing) return existing;
  const grammar = await loadGrammar(language);
  const parser = new Parser();
  parser.setLanguage(grammar);
  parsers.set(language, parser);
  return parser;
}

/**
 * Parses `text` as `language`. Returns null when tree-sitter gives up (it very rarely does: broken
 * code still parses, with ERROR nodes). The caller must `delete()` the tree.
 */
export async function parse(text: string, language: ParsedLanguage): Promise<Tree | null> {
  const parser = await parserFor(language);
  return parser.parse(text);
}
