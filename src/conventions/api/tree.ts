import type { Node } from 'web-tree-sitter';
import type { FactSink } from '../facts.js';
import { MAX_CITATION_LINES } from '../thresholds.js';
import { API_KEY_PREFIX, encodeSite, type CallSite, type CheckForm } from './call-site.js';

/**
 * The parts of a call site every grammar answers the same way once told its node names: whether a
 * call sits in a try that catches, which statements follow it, whether one of them tests its
 * result. Each language's call reader (python.ts, ecmascript.ts, go.ts, java.ts) supplies a
 * CallGrammar and reads the rest (imports, callee, options, what becomes of the value) itself.
 */

/** Per file: sees every named node in document order, imports before the calls that use them. */
export type CallVisitor = (node: Node, sink: FactSink) => void;

export interface CallGrammar {
  /** Where the search for an enclosing try, or for the statement holding a call, stops. */
  boundaries: ReadonlySet<string>;
  /** Whether `child` is the protected body of `parent`, a try statement with a catch/except. */
  protects(parent: Node, child: Node): boolean;
  /** Containers whose children are statements (block, statement list, module). */
  blocks: ReadonlySet<string>;
  /** Argument lists: a name used inside one is passed on, not tested. */
  argumentLists: ReadonlySet<string>;
  /** The condition a statement tests (`if`, `while`), if it is such a statement. */
  condition(statement: Node): Node | null;
}

/**
 * How far after a call its check is looked for, in statements. The golden habits are immediate (a
 * `raise_for_status()`, an `if err != nil`, an `if (!res.ok)` right below the call); three leaves
 * room for a log line or a second assignment without crediting a check that is about something else.
 */
export const MAX_STATEMENTS_TO_CHECK = 3;

/** A cited call site reaches up to its `try` line when the try opens at most this many lines above it. */
const TRY_CONTEXT_LINES = 6;

/** The try statement whose protected body holds `node`, within the same function. */
export function enclosingTry(node: Node, grammar: CallGrammar): Node | undefined {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (grammar.protects(parent, child)) return parent;
    if (grammar.boundaries.has(parent.type)) return undefined;
  }
  return undefined;
}

/** The statement that holds `node`: its ancestor whose parent is a block. */
export function statementOf(node: Node, grammar: CallGrammar): Node | undefined {
  let current = node;
  for (let parent = node.parent; parent; current = parent, parent = parent.parent) {
    if (grammar.blocks.has(parent.type)) return current;
    if (grammar.boundaries.has(parent.type)) return undefined;
  }
  return undefined;
}

/**
 * Up to MAX_STATEMENTS_TO_CHECK statements after `statement`, comments skipped. The last statement
 * of a try body goes on after the try: `try: r = get(…) except …: …` then `r.raise_for_status()`.
 */
export function followingStatements(statement: Node): Node[] {
  const out: Node[] = [];
  let current: Node | null = statement;
  while (current && out.length < MAX_STATEMENTS_TO_CHECK) {
    for (let next = current.nextNamedSibling; next && out.length < MAX_STATEMENTS_TO_CHECK; next = next.nextNamedSibling) {
      if (!next.type.includes('comment')) out.push(next);
    }
    const block: Node | null = current.parent;
    const owner: Node | null | undefined = block?.parent;
    current = owner?.type.startsWith('try') && owner.childForFieldName('body')?.id === block?.id ? owner : null;
  }
  return out;
}

/** The first of `names` a condition tests: used in it directly, not passed to a call inside it. */
export function testedName(condition: Node, names: readonly string[], grammar: CallGrammar): string | undefined {
  if (names.length === 0) return undefined;
  const stack = [condition];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (grammar.argumentLists.has(node.type)) continue;
    if (node.type === 'identifier' && names.includes(node.text)) return node.text;
    stack.push(...node.namedChildren);
  }
  return undefined;
}

/** A check found after a call, and the statement that makes it. */
export interface CheckFound {
  form: CheckForm;
  statement: Node;
}

/** The check among the statements after a call: a condition on one of `names`, or a checking method called on one. */
export function checkAfter(statement: Node, names: readonly string[], grammar: CallGrammar, checkingCall?: (statement: Node) => CheckForm | undefined): CheckFound | undefined {
  for (const next of followingStatements(statement)) {
    const condition = grammar.condition(next);
    const tested = condition ? testedName(condition, names, grammar) : undefined;
    if (tested !== undefined) return { form: /^err/.test(tested) ? 'err' : 'if', statement: next };
    const form = checkingCall?.(next);
    if (form !== undefined) return { form, statement: next };
  }
  return undefined;
}

/** What a cited call site shows around the call: the try above it, the statement after it that checks or closes it. */
export interface SiteContext {
  tryNode?: Node | undefined;
  through?: Node | undefined;
}

/**
 * Records a call site as its fact, on the call's line. Its example range is the statement holding
 * it, reaching up to its try when that opens close above, and down to the statement that checks
 * or closes it: a golden example shows the whole habit, not only the call.
 */
export function emitSite(sink: FactSink, call: Node, site: CallSite, grammar: CallGrammar, context: SiteContext = {}): void {
  const line = call.startPosition.row + 1;
  const statement = statementOf(call, grammar) ?? call;
  let start = Math.min(line, statement.startPosition.row + 1);
  let last = Math.max(line, statement.endPosition.row + 1, context.through ? context.through.endPosition.row + 1 : 0);
  const tryLine = context.tryNode ? context.tryNode.startPosition.row + 1 : undefined;
  if (context.tryNode && tryLine !== undefined && line - tryLine <= TRY_CONTEXT_LINES) {
    // The try and what it catches: `try:` … `except requests.RequestException as error:`.
    start = tryLine;
    const handler = context.tryNode.namedChildren.find((c) => /except|catch/.test(c.type));
    if (handler) last = Math.max(last, handler.startPosition.row + 1);
  }
  const end = Math.min(last, start + MAX_CITATION_LINES - 1);
  sink.fact(`${API_KEY_PREFIX}${site.callee}`, encodeSite(site), line, { start, end }, site.callee);
}
