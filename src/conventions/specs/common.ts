import type { Node } from 'web-tree-sitter';
import type { FactSink } from '../facts.js';
import { classifyCase } from '../naming/cases.js';
import { lines } from '../walk.js';

/** Prefixes that make a boolean-returning function read as a question. */
const BOOLEAN_PREFIX = /^_*(is|has|have|can|should|will|was|were|did|does|do|needs?|contains?|allows?|supports?|equals?|exists?|matches|starts|ends|includes?|check|validate|are|may|must)([A-Z_]|$)/i;

/** Emits the case of a declared name (`naming.<kind>`), cited by its whole declaration. */
export function nameFact(sink: FactSink, kind: string, name: Node | null, decl: Node, mixedCaps = false): void {
  if (!name || decl.hasError) return;
  const style = classifyCase(name.text, { mixedCaps });
  if (style) sink.fact(`naming.${kind}`, style, name.startPosition.row + 1, lines(decl), name.text);
}

/** Emits whether a function that returns a boolean is named as a question (`isReady`, `has_key`). */
export function booleanNameFact(sink: FactSink, name: Node | null, decl: Node): void {
  if (!name || decl.hasError) return;
  const value = BOOLEAN_PREFIX.test(name.text) ? 'is/has/can… prefix' : 'no question prefix';
  sink.fact('naming.boolean-function', value, name.startPosition.row + 1, lines(decl), name.text);
}

/** Emits the suffix of a class that extends an error or exception class. */
export function errorClassFact(sink: FactSink, name: Node | null, baseText: string | undefined, decl: Node): void {
  if (!name || !baseText || decl.hasError || !/(Error|Exception)\b/.test(baseText)) return;
  const value = /Error$/.test(name.text) ? 'Error suffix' : /Exception$/.test(name.text) ? 'Exception suffix' : 'no Error/Exception suffix';
  sink.fact('naming.error-class', value, name.startPosition.row + 1, lines(decl), name.text);
}

/** Whether a block holds no statements and no comment explaining why. */
export function isSilentBlock(block: Node | null, isFiller: (statement: Node) => boolean = () => false): boolean {
  if (!block) return false;
  return block.namedChildren.every(isFiller) && !/\/\/|\/\*|#/.test(block.text);
}

/** Emits whether a catch block is empty (swallows the error silently). */
export function catchFact(sink: FactSink, clause: Node, body: Node | null, isFiller?: (statement: Node) => boolean): void {
  if (!body || clause.hasError) return;
  const value = isSilentBlock(body, isFiller) ? 'empty' : 'handles the error';
  sink.fact('errors.empty-catch', value, clause.startPosition.row + 1, lines(clause));
}

/**
 * Emits whether an error thrown inside a catch keeps the caught error (rethrows it, or passes it
 * on as a cause or argument) or drops it. `caught` is the catch variable's name, or undefined for
 * a catch without one. Nothing is emitted for a throw outside any catch.
 */
export function rethrowFact(sink: FactSink, thrown: Node, expression: Node | null, caught: string | undefined, explicitCause = false): void {
  if (thrown.hasError) return;
  const keeps =
    explicitCause ||
    expression === null ||
    (caught !== undefined && new RegExp(`\\b${caught.replace(/\$/g, '\\$')}\\b`).test(expression.text));
  sink.fact('errors.rethrow-cause', keeps ? 'keeps the cause' : 'drops the cause', thrown.startPosition.row + 1, lines(thrown));
}

/** The nearest enclosing node of one of `types`, not crossing a function boundary. */
export function enclosing(node: Node, types: ReadonlySet<string>, boundaries: ReadonlySet<string>): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (types.has(current.type)) return current;
    if (boundaries.has(current.type)) return undefined;
  }
  return undefined;
}

/** Emits whether an exported/public declaration is documented (`docs.exported`). */
export function docFact(sink: FactSink, decl: Node, anchor: Node, symbol: string | undefined, documented: boolean): void {
  if (decl.hasError) return;
  sink.fact('docs.exported', documented ? 'documented' : 'undocumented', anchor.startPosition.row + 1, lines(decl), symbol);
}

/** Whether the node right above `anchor` is a comment accepted by `isDoc` (`/** ... *\/`, `///`, `//`). */
export function hasCommentAbove(anchor: Node, isDoc: (comment: string) => boolean): boolean {
  const previous = anchor.previousNamedSibling;
  return previous !== null && /comment/.test(previous.type) && previous.endPosition.row >= anchor.startPosition.row - 1 && isDoc(previous.text);
}

/** Emits how a logging call is made: through a logger, or straight to the console/stdout. */
export function loggingFact(sink: FactSink, call: Node, value: 'logger' | string): void {
  sink.fact('idioms.logging', value, call.startPosition.row + 1, lines(call));
}

/** A caught error by its usual names: `e`, `err`, `error`, `ex`, `exc`, `exception`, and what is read from it (`err.message`). */
const ERROR_VALUE = /^(?:e|err|error|ex|exc|exception)(?:\.\w+)*$/;

/**
 * Whether a print to the console is logging rather than a program's output: it goes to the error
 * stream (`console.error`, `System.err`, `file=sys.stderr`), it is in an error handler, or it prints
 * a caught error. `print(f"Saved {city}")` at the end of a script, or a CLI printing its result, is
 * the program speaking to its user: no logger is wanted there, and no note is. In a program that
 * talks with its user through the terminal (`interactive`: it reads `input()`, a `Scanner` on
 * `System.in`), a handler's `print("Records not found")` is such speech too; printing the caught
 * error itself is still logging.
 */
export function consoleIsLogging(call: Node, options: { errorStream: boolean; handlers: ReadonlySet<string>; functions: ReadonlySet<string>; interactive?: RegExp }): boolean {
  const printsError = (call.childForFieldName('arguments')?.namedChildren ?? []).some((arg) => arg !== null && ERROR_VALUE.test(arg.text));
  if (options.errorStream || printsError) return true;
  return enclosing(call, options.handlers, options.functions) !== undefined && !(options.interactive !== undefined && readsTerminal(call, options.interactive));
}

const terminalPrograms = new WeakMap<object, boolean>();

/** Whether the file `node` is in reads its user's answers from the terminal, tested once per parse. */
function readsTerminal(node: Node, interactive: RegExp): boolean {
  const known = terminalPrograms.get(node.tree);
  if (known !== undefined) return known;
  const reads = interactive.test(node.tree.rootNode.text);
  terminalPrograms.set(node.tree, reads);
  return reads;
}

/** Objects whose method calls are logging: `logger.info`, `this.log.warn`, `logging.error`. */
export const LOGGER_OBJECT = /(^|\.)(_?logger|_?log|logging|LOG|LOGGER)$/;
export const LOG_METHOD = /^(debug|info|warn|warning|error|exception|critical|trace|fatal|log)$/;
