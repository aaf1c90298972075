import type { Node } from 'web-tree-sitter';
import type { FactSink } from '../facts.js';
import { MAX_CITATION_LINES } from '../thresholds.js';
import type { Path } from '../walk.js';
import { API_KEY_PREFIX, encodeSite, type CallSite, type CheckForm } from './call-site.js';
import { RULE_ID_PART } from './habits.js';

/**
 * The parts of a call site every grammar answers the same way once told its node names: whether a
 * call sits in a try that catches, which statements follow it, whether one of them tests its
 * result. Each language's call reader (python.ts, ecmascript.ts, go.ts, java.ts) supplies a
 * CallGrammar and reads the rest (imports, callee, options, what becomes of the value) itself.
 *
 * Everything around a call is read from the walker's path, never from tree-sitter's `parent` or
 * `nextNamedSibling`: those walk down from the root on every call, and asking them for each call's
 * try, statement and next statements made observing a file 2.5 times slower.
 */

/** A call's callee: its import-resolved name (`requests.get`), and the call as the file writes it (`rq.get`). */
export interface Callee {
  name: string;
  written: string;
}

/**
 * A call written as a dotted name (`rq.get`, `run`, `fs.promises.readFile`), resolved through what
 * the file's imports bind (`rq` → `requests`), or one of the `known` names that need no import
 * (`open`, `fetch`); undefined for the file's own functions and for anything not a plain name.
 */
export function resolveDotted(written: string, name: RegExp, modules: ReadonlyMap<string, string>, known: ReadonlySet<string>): Callee | undefined {
  if (!name.test(written)) return undefined;
  const [head = '', ...rest] = written.split('.');
  const module = modules.get(head);
  if (module !== undefined) return { name: [module, ...rest].join('.'), written };
  return known.has(written) ? { name: written, written } : undefined;
}

/** Per file: sees every named node in document order, imports before the calls that use them, with its path. */
export type CallVisitor = (node: Node, sink: FactSink, path: Path) => void;

export interface CallGrammar {
  /** Where the search for an enclosing try, or for the statement holding a call, stops. */
  boundaries: ReadonlySet<string>;
  /** Whether `child` is the protected body of `parent`, a try statement that catches; `children` are the parent's. */
  protects(parent: Node, child: Node, children: readonly Node[]): boolean;
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

/** The node at `level` of a path (the visited node is at the last level; its parent is `path[level].node`). */
export function nodeAt(path: Path, level: number): Node | undefined {
  const step = path[level];
  return step?.children[step.index];
}

/** The parent of the node at `level`. */
export function parentAt(path: Path, level: number): Node | undefined {
  return path[level]?.node;
}

/** The try statement whose protected body holds the node at `level`, within the same function. */
export function enclosingTry(path: Path, level: number, grammar: CallGrammar): Node | undefined {
  for (let l = level; l >= 0; l--) {
    const step = path[l];
    const child = nodeAt(path, l);
    if (!step || !child) return undefined;
    if (grammar.protects(step.node, child, step.children)) return step.node;
    if (grammar.boundaries.has(step.node.type)) return undefined;
  }
  return undefined;
}

/** The level of the statement holding the node at `level`: its ancestor whose parent is a block. */
export function statementLevel(path: Path, level: number, grammar: CallGrammar): number | undefined {
  for (let l = level; l >= 0; l--) {
    const type = parentAt(path, l)?.type ?? '';
    if (grammar.blocks.has(type)) return l;
    if (grammar.boundaries.has(type)) return undefined;
  }
  return undefined;
}

/**
 * Up to MAX_STATEMENTS_TO_CHECK statements after the statement at `level`, comments skipped. The
 * last statement of a try body goes on after the try: `try: r = get(…) except …: …` then
 * `r.raise_for_status()`.
 */
export function followingStatements(path: Path, level: number): Node[] {
  const out: Node[] = [];
  for (let l = level; l >= 0 && out.length < MAX_STATEMENTS_TO_CHECK; l -= 2) {
    const step = path[l];
    if (!step) break;
    for (const next of step.children.slice(step.index + 1)) {
      if (out.length >= MAX_STATEMENTS_TO_CHECK) break;
      if (!next.type.includes('comment')) out.push(next);
    }
    // `step.node` is the block: when it is a try's body (not a clause's), go on after the try.
    if (!parentAt(path, l - 1)?.type.startsWith('try')) break;
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

/** The check among the statements after the one at `level`: a condition on one of `names`, or a checking method called on one. */
export function checkAfter(path: Path, level: number, names: readonly string[], grammar: CallGrammar, checkingCall?: (statement: Node) => CheckForm | undefined): CheckFound | undefined {
  for (const next of followingStatements(path, level)) {
    const condition = grammar.condition(next);
    const tested = condition ? testedName(condition, names, grammar) : undefined;
    if (tested !== undefined) return { form: /^err/.test(tested) ? 'err' : 'if', statement: next };
    const form = checkingCall?.(next);
    if (form !== undefined) return { form, statement: next };
  }
  return undefined;
}

/** What a cited call site shows around the call: its statement, the try above it, the statement after it that checks or closes it. */
export interface SiteContext {
  /** The call as the file writes it, for findings to name it the learner's way; the callee's name when absent. */
  written?: string | undefined;
  statement?: Node | undefined;
  tryNode?: Node | undefined;
  through?: Node | undefined;
}

/**
 * Records a call site as its fact, on the call's line. Its example range is the statement holding
 * it, reaching up to its try (and what the try catches) when that opens close above, and down to
 * the statement that checks or closes it: a golden example shows the whole habit, not only the call.
 */
export function emitSite(sink: FactSink, call: Node, site: CallSite, context: SiteContext = {}): void {
  if (!RULE_ID_PART.test(site.callee)) return;
  const line = call.startPosition.row + 1;
  const statement = context.statement ?? call;
  let start = Math.min(line, statement.startPosition.row + 1);
  let last = Math.max(line, statement.endPosition.row + 1, context.through ? context.through.endPosition.row + 1 : 0);
  const tryLine = context.tryNode ? context.tryNode.startPosition.row + 1 : undefined;
  if (context.tryNode && tryLine !== undefined && line - tryLine <= TRY_CONTEXT_LINES) {
    start = tryLine;
    const handler = context.tryNode.namedChildren.find((c) => /except|catch/.test(c.type));
    if (handler) last = Math.max(last, handler.startPosition.row + 1);
  }
  const end = Math.min(last, start + MAX_CITATION_LINES - 1);
  sink.fact(`${API_KEY_PREFIX}${site.callee}`, encodeSite(site), line, { start, end }, context.written ?? site.callee);
}
