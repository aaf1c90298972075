// Is a note's golden example comparable to the learner's code (issue 12)? Two pieces of code are
// compared through their tree-sitter parse (src/index/parse/tree-sitter.ts), on the calls they make
// and the shape of their control flow. Definitions, precisely:
//
// - The code a citation or a note points at is the smallest named syntax node covering its lines
//   (from the first non-blank character of the first line to the end of the last), widened from a
//   clause (`catch`, `except`, `else`, `finally`...) to the statement it belongs to.
// - A call is named by its callee's last name and its qualifier, the last name of what it is called
//   on: `requests.get(...)` is `get` on `requests`, `this.http.get()` is `get` on `http`,
//   `self.get()` is `get` on `this`, `new FileReader(p)` is `FileReader` on `new`, a call on another
//   call's result or any other expression has the qualifier `?`. Builtins, conversions, maths and
//   plain collections that almost every function calls (TRIVIAL_CALLS) are left out: sharing them
//   teaches nothing.
// - Two calls are the same call when their names are equal and their qualifiers are equal ignoring
//   case, or one contains the other (`client` / `httpClient`, `res` / `response`), or one side is a
//   plain function call and the other is qualified by a module or variable (`readFile` imported by
//   name and `fs.readFile`). `this` only matches `this`; `?` matches nothing.
// - Or their receivers are of one kind, as far as each file says (`receiver-kinds.ts`): a declared
//   type (`MessageDigest digest` / `MessageDigest sha1`), the class a value was made from
//   (`new Random()` / a field `random`), the class `this` is in (`self` in `class APIClient` / a
//   `client`), a call's declared result (`getLogger()` returning `PlatformLogger` / a `LOGGER`), or
//   the same inner call (`Math.random().toString` on both sides). Plain data types are no kind.
// - The skeleton of code is its control statements, nested as in the code: `if`, `loop`, `try`,
//   `catch`, `finally`, `with` (a Python `with`, a Java try-with-resources), `defer`, `switch`,
//   `throw`, written `loop(if(throw))`; an `else if` continues its chain rather than nesting.
// - The shared shape is the largest control statement of the learner's code, with at least
//   MIN_SHAPE_NODES statements in its skeleton, whose skeleton is also a control statement's in the
//   golden code; or a shared call made inside the same kind of innermost control statement on both
//   sides (`JSON.parse` in a `try`, `open` in a `with`).
// - The golden code is comparable when it shares a call or a shape with the learner's code.
import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../src/index/language.js';
import { parse } from '../../src/index/parse/tree-sitter.js';
import { receiverKind, resultKind, type Family } from './receiver-kinds.js';

/**
 * A skeleton of one or two statements (`if(throw)`, `try(catch)`) is in most functions of every
 * codebase: sharing it says nothing about the code. Three (`loop(try(catch))`) starts to.
 */
export const MIN_SHAPE_NODES = 3;


function familyOf(language: ParsedLanguage): Family | undefined {
  if (language === 'typescript' || language === 'tsx' || language === 'javascript') return 'ecmascript';
  if (language === 'python' || language === 'java' || language === 'go') return language;
  return undefined;
}

export type ControlKind = 'if' | 'loop' | 'try' | 'catch' | 'finally' | 'with' | 'defer' | 'switch' | 'throw';

const CONTROL: Record<Family, Record<string, ControlKind>> = {
  ecmascript: {
    if_statement: 'if', for_statement: 'loop', for_in_statement: 'loop', while_statement: 'loop', do_statement: 'loop',
    try_statement: 'try', catch_clause: 'catch', finally_clause: 'finally', switch_statement: 'switch', throw_statement: 'throw',
  },
  python: {
    if_statement: 'if', for_statement: 'loop', while_statement: 'loop', try_statement: 'try', except_clause: 'catch',
    except_group_clause: 'catch', finally_clause: 'finally', with_statement: 'with', match_statement: 'switch', raise_statement: 'throw',
  },
  java: {
    if_statement: 'if', for_statement: 'loop', enhanced_for_statement: 'loop', while_statement: 'loop', do_statement: 'loop',
    try_statement: 'try', try_with_resources_statement: 'with', catch_clause: 'catch', finally_clause: 'finally',
    switch_expression: 'switch', throw_statement: 'throw',
  },
  go: {
    if_statement: 'if', for_statement: 'loop', expression_switch_statement: 'switch', type_switch_statement: 'switch',
    select_statement: 'switch', defer_statement: 'defer',
  },
};

const CALLS: Record<Family, ReadonlySet<string>> = {
  ecmascript: new Set(['call_expression', 'new_expression']),
  python: new Set(['call']),
  java: new Set(['method_invocation', 'object_creation_expression']),
  go: new Set(['call_expression']),
};

/**
 * Calls nearly every function makes, per language family, as their labels (`callLabel`): builtins,
 * conversions, maths and plain collections. Sharing one says nothing about the code; calls about
 * I/O, errors, data formats and logging are kept.
 */
const TRIVIAL_CALLS: Record<Family, RegExp> = {
  ecmascript: /^(String|Number|Boolean|Symbol|require|parseInt|parseFloat|Math\.\w+|Object\.(keys|values|entries|assign|freeze)|Array\.(isArray|from|of)|Date\.now|new (Set|Map|WeakMap|Array|Date))$/,
  python: /^(print|len|str|int|float|bool|list|dict|set|tuple|range|enumerate|isinstance|super|repr|type|zip|sorted|min|max|sum|any|all|abs|round|map|filter|next|iter|getattr|hasattr|setattr)$/,
  java: /^(new (ArrayList|HashMap|HashSet|LinkedHashMap|StringBuilder)|(List|Set|Map)\.of|String\.(valueOf|format)|Integer\.parseInt|Objects\.(requireNonNull|equals|hash))$/,
  go: /^(len|cap|append|make|new|copy|delete|panic|string|int|int64|float64|byte|rune|fmt\.Sprint(f|ln)?)$/,
};

/** Clauses are read with the statement they belong to: a `catch` means its `try`. */
const CLAUSES = new Set(['catch_clause', 'except_clause', 'except_group_clause', 'finally_clause', 'else_clause', 'elif_clause']);

/** Names that stand for the receiver itself. */
const SELF = new Set(['this', 'self', 'cls']);

export interface Call {
  name: string;
  /** '' for a plain call, 'this', 'new', '?' for an expression, or the last name of the receiver. */
  qualifier: string;
  line: number;
  /** The innermost control statement around the call, inside the code looked at. */
  within: ControlKind | undefined;
  /**
   * What the receiver is, when the file says (`receiver-kinds.ts`): `MessageDigest`, `Random` of
   * `new Random()`; for a call on another call's result, that result's declared type or the inner
   * call itself (`Math.random()`).
   */
  kind?: string;
}

export interface Skeleton {
  kind: ControlKind;
  children: Skeleton[];
}

export interface CodeFacts {
  /** 1-based lines of the node looked at. */
  startLine: number;
  endLine: number;
  calls: Call[];
  /** The control statements at the top of the code, each with those nested in it. */
  skeleton: Skeleton[];
}

/**
 * The calls and skeleton of the code at `startLine..endLine` of `text`; undefined for a language
 * without a grammar here. `keepLine` keeps only calls that start on those lines (the changed ones).
 */
export async function codeFacts(text: string, language: ParsedLanguage, startLine: number, endLine: number, keepLine: (line: number) => boolean = () => true): Promise<CodeFacts | undefined> {
  const family = familyOf(language);
  if (!family) return undefined;
  const tree = await parse(text, language);
  if (!tree) return undefined;
  try {
    const node = coveringNode(tree.rootNode, text.split('\n'), startLine, endLine);
    if (!node) return undefined;
    const calls: Call[] = [];
    const skeleton = walk(node, family, node, calls);
    return { startLine: node.startPosition.row + 1, endLine: node.endPosition.row + 1, calls: calls.filter((call) => keepLine(call.line) && !isTrivial(call, family)), skeleton };
  } finally {
    tree.delete();
  }
}

function coveringNode(root: Node, lines: string[], startLine: number, endLine: number): Node | undefined {
  const first = Math.max(1, Math.min(startLine, lines.length));
  const last = Math.max(first, Math.min(endLine, lines.length));
  const startColumn = (lines[first - 1] ?? '').search(/\S|$/);
  const endColumn = (lines[last - 1] ?? '').trimEnd().length;
  let node = root.namedDescendantForPosition({ row: first - 1, column: startColumn }, { row: last - 1, column: Math.max(endColumn - 1, 0) }) ?? undefined;
  while (node && CLAUSES.has(node.type) && node.parent) node = node.parent;
  return node;
}

/** Collects the calls under `node` and returns its control skeleton. */
function walk(node: Node, family: Family, top: Node, calls: Call[]): Skeleton[] {
  const kind = CONTROL[family][node.type];
  const isChain = kind === 'if' && (node.parent?.type === 'else_clause' || node.parent?.type === 'if_statement') && node.id !== top.id;
  if (CALLS[family].has(node.type)) {
    const callee = calleeOf(node, family);
    if (callee) calls.push({ ...callee, line: node.startPosition.row + 1, within: innermostControl(node, family, top) });
  }
  const children = node.namedChildren.flatMap((child) => walk(child, family, top, calls));
  return kind && !isChain ? [{ kind, children }] : children;
}

function innermostControl(node: Node, family: Family, top: Node): ControlKind | undefined {
  for (let at = node.parent; at; at = at.parent) {
    const kind = CONTROL[family][at.type];
    if (kind) return kind;
    if (at.id === top.id) return undefined;
  }
  return undefined;
}

function calleeOf(node: Node, family: Family): Pick<Call, 'name' | 'qualifier' | 'kind'> | undefined {
  if (node.type === 'new_expression' || node.type === 'object_creation_expression') {
    const type = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'type');
    const name = type && lastName(type);
    return name ? { name, qualifier: 'new' } : undefined;
  }
  const { name, object } = family === 'java' ? { name: node.childForFieldName('name')?.text, object: node.childForFieldName('object') } : memberCall(node);
  if (!name) return undefined;
  if (!object) return { name, qualifier: '' };
  const kind = CALLS[family].has(object.type) ? resultOf(object, family) : receiverKind(object, family);
  return { name, qualifier: qualifierOf(object), ...(kind ? { kind } : {}) };
}

/** A call's method name and what it is called on (none for a plain function call). */
function memberCall(node: Node): { name: string | undefined; object: Node | null } {
  const fn = node.childForFieldName('function');
  if (!fn) return { name: undefined, object: null };
  if (fn.type === 'identifier') return { name: fn.text, object: null };
  const member = MEMBER[fn.type];
  return member ? { name: fn.childForFieldName(member.name)?.text, object: fn.childForFieldName(member.object) } : { name: undefined, object: null };
}

/** What a call returns, as a receiver's kind: its declared result type in the file, else the call itself (`Math.random()`). */
function resultOf(call: Node, family: Family): string | undefined {
  const inner = calleeOf(call, family);
  if (!inner || inner.qualifier === '?') return undefined;
  return resultKind(call, inner.name) ?? `${callLabel(inner)}()`;
}

/** Member access per grammar: `a.b` is member_expression (JS), attribute (Python), selector_expression (Go), field_access (Java). */
const MEMBER: Record<string, { object: string; name: string }> = {
  member_expression: { object: 'object', name: 'property' },
  attribute: { object: 'object', name: 'attribute' },
  selector_expression: { object: 'operand', name: 'field' },
  field_access: { object: 'object', name: 'field' },
};

function qualifierOf(object: Node): string {
  if (object.type === 'this' || SELF.has(object.text)) return 'this';
  return lastName(object) ?? '?';
}

/** The last name of an identifier, a member access or a (generic, scoped) type; undefined for anything else. */
function lastName(node: Node): string | undefined {
  if (/identifier$/.test(node.type)) return node.text;
  const member = MEMBER[node.type];
  if (member) return node.childForFieldName(member.name)?.text;
  if (node.type === 'generic_type' || node.type === 'scoped_type_identifier') {
    const names = node.namedChildren.filter((child) => /identifier$/.test(child.type));
    return node.type === 'generic_type' ? names[0]?.text : names.at(-1)?.text;
  }
  return undefined;
}

function isTrivial(call: Call, family: Family): boolean {
  return TRIVIAL_CALLS[family].test(callLabel(call));
}

/** How a call reads in the report: `requests.get`, `new FileReader`, `this.get`, `?.then`. */
export function callLabel(call: Pick<Call, 'name' | 'qualifier'>): string {
  if (call.qualifier === '') return call.name;
  return call.qualifier === 'new' ? `new ${call.name}` : `${call.qualifier}.${call.name}`;
}

export function sameCall(a: Pick<Call, 'name' | 'qualifier' | 'kind'>, b: Pick<Call, 'name' | 'qualifier' | 'kind'>): boolean {
  if (a.name !== b.name) return false;
  return sameQualifier(a.qualifier.toLowerCase(), b.qualifier.toLowerCase()) || oneKind(a, b);
}

function sameQualifier(x: string, y: string): boolean {
  if (x === '?' || y === '?') return false;
  if (x === y) return true;
  if (x === 'this' || y === 'this' || x === 'new' || y === 'new') return false;
  return x === '' || y === '' || x.includes(y) || y.includes(x);
}

/**
 * Receivers of one kind (`receiver-kinds.ts`): both kinds alike, or one side's kind alike the
 * other's name (`new Random()` and a field named `random`; `self` in `class APIClient` and a
 * `client`). Alike: equal ignoring case, or one holds the other and is 4 letters or more.
 */
function oneKind(a: Pick<Call, 'qualifier' | 'kind'>, b: Pick<Call, 'qualifier' | 'kind'>): boolean {
  const named = (qualifier: string) => (['', 'this', 'new', '?'].includes(qualifier) ? undefined : qualifier);
  return alike(a.kind, b.kind) || alike(a.kind, named(b.qualifier)) || alike(named(a.qualifier), b.kind);
}

function alike(x: string | undefined, y: string | undefined): boolean {
  if (!x || !y) return false;
  const [shorter, longer] = x.length <= y.length ? [x.toLowerCase(), y.toLowerCase()] : [y.toLowerCase(), x.toLowerCase()];
  return shorter === longer || (shorter.length >= 4 && longer.includes(shorter));
}

export function skeletonLabel(skeleton: Skeleton): string {
  return skeleton.children.length === 0 ? skeleton.kind : `${skeleton.kind}(${skeleton.children.map(skeletonLabel).join(',')})`;
}

function size(skeleton: Skeleton): number {
  return 1 + skeleton.children.reduce((sum, child) => sum + size(child), 0);
}

function subtrees(skeletons: Skeleton[]): Skeleton[] {
  return skeletons.flatMap((skeleton) => [skeleton, ...subtrees(skeleton.children)]);
}

export interface Comparison {
  /** The learner's calls the golden code makes too, as labels (`JSON.parse`). */
  sharedCalls: string[];
  /** Shared calls made inside the same kind of control statement on both sides (`JSON.parse in try`). */
  guardedCalls: string[];
  /** The largest shared control skeleton of at least MIN_SHAPE_NODES statements (`loop(try(catch))`). */
  sharedSkeleton: string | undefined;
  comparable: boolean;
}

export function compareCode(learner: CodeFacts, golden: CodeFacts): Comparison {
  const sharedCalls = new Set<string>();
  const guardedCalls = new Set<string>();
  for (const call of learner.calls) {
    const matches = golden.calls.filter((other) => sameCall(call, other));
    if (matches.length === 0) continue;
    sharedCalls.add(callLabel(call));
    if (call.within && matches.some((other) => other.within === call.within)) guardedCalls.add(`${callLabel(call)} in ${call.within}`);
  }
  const goldenShapes = new Set(subtrees(golden.skeleton).map(skeletonLabel));
  const sharedSkeleton = subtrees(learner.skeleton)
    .filter((skeleton) => size(skeleton) >= MIN_SHAPE_NODES && goldenShapes.has(skeletonLabel(skeleton)))
    .sort((a, b) => size(b) - size(a))[0];
  return {
    sharedCalls: [...sharedCalls],
    guardedCalls: [...guardedCalls],
    sharedSkeleton: sharedSkeleton && skeletonLabel(sharedSkeleton),
    comparable: sharedCalls.size > 0 || sharedSkeleton !== undefined,
  };
}
