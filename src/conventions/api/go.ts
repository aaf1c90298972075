import type { Node } from 'web-tree-sitter';
import { FUNCTIONS } from '../specs/go.js';
import type { CallSite, ResultUse } from './call-site.js';
import type { FactSink } from '../facts.js';
import type { Path } from '../walk.js';
import { checkAfter, emitSite, followingStatements, nodeAt, parentAt, statementLevel, testedName, type Callee, type CallGrammar, type CallVisitor, type CheckFound } from './tree.js';

/**
 * Go calls of imported packages' functions (`http.Get`, `os.Open`, `json.Unmarshal`): whether the
 * error they return is checked right after (`if err != nil`), and whether what they open is closed
 * with `defer ….Close()`. Go has no keyword options, no await and no try.
 */

const GRAMMAR: CallGrammar = {
  boundaries: FUNCTIONS,
  protects: () => false,
  blocks: new Set(['block', 'statement_list', 'source_file']),
  argumentLists: new Set(['argument_list']),
  condition: (statement) => (statement.type === 'if_statement' ? statement.childForFieldName('condition') : null),
};

/**
 * The name a package is known by, whatever alias a file gives it: the last path element, without
 * a major-version element (`/v2`), a `.v3` suffix or a `go-` prefix (`github.com/mattn/go-sqlite3`
 * is `sqlite3`). Two packages of one name (`math/rand`, `crypto/rand`) share their habits.
 */
function packageName(path: string): string {
  const parts = path.split('/').filter((part) => !/^v\d+$/.test(part));
  return (parts[parts.length - 1] ?? path).replace(/\.v\d+$/, '').replace(/^go-/, '');
}

function bindImport(spec: Node, packages: Map<string, string>): void {
  const path = spec.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '');
  if (!path) return;
  const alias = spec.childForFieldName('name')?.text;
  if (alias === '_' || alias === '.') return;
  packages.set(alias ?? packageName(path), packageName(path));
}

function calleeOf(call: Node, packages: ReadonlyMap<string, string>): Callee | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const operand = fn.childForFieldName('operand');
  const pkg = operand?.type === 'identifier' ? packages.get(operand.text) : undefined;
  const field = fn.childForFieldName('field')?.text ?? '';
  return pkg === undefined ? undefined : { name: `${pkg}.${field}`, written: `${operand?.text ?? pkg}.${field}` };
}

/** The names on the left of `a, err := …` or `var a, err = …`, blanks left out. */
function leftNames(holder: Node): string[] {
  const left = holder.type === 'var_spec' ? holder.childrenForFieldName('name') : (holder.childForFieldName('left')?.namedChildren ?? []);
  return left.filter((n) => n.type === 'identifier' && n.text !== '_').map((n) => n.text);
}

/** What becomes of the value at `level`; a call is never on the left of `:=`, so it is the right side. */
function useOf(path: Path, level: number): { use: ResultUse; names: string[] } {
  const parent = parentAt(path, level);
  if (parent?.type === 'expression_statement') return { use: 'drop', names: [] };
  const holder = parent?.type === 'expression_list' ? parentAt(path, level - 1) : parent;
  if (holder?.type === 'return_statement') return { use: 'ret', names: [] };
  if (holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement' || holder?.type === 'var_spec') return { use: 'bind', names: leftNames(holder) };
  return { use: 'other', names: [] };
}

/** `if err := f(); err != nil`: the if that binds the result tests it at once. */
function checkOfOwnIf(statement: Node, names: readonly string[]): CheckFound | undefined {
  if (statement.type !== 'if_statement') return undefined;
  const condition = statement.childForFieldName('condition');
  const tested = condition ? testedName(condition, names, GRAMMAR) : undefined;
  return tested === undefined ? undefined : { form: /^err/.test(tested) ? 'err' : 'if', statement };
}

/** The `defer x.Close()` (or `defer x.Body.Close()`) after a call that bound `x`. */
function closeAfter(path: Path, statement: number, names: readonly string[]): Node | undefined {
  return followingStatements(path, statement).find((next) => {
    if (next.type !== 'defer_statement') return false;
    const target = next.namedChildren[0]?.childForFieldName('function');
    if (target?.type !== 'selector_expression' || target.childForFieldName('field')?.text !== 'Close') return false;
    let root = target.childForFieldName('operand');
    while (root?.type === 'selector_expression') root = root.childForFieldName('operand');
    return root?.type === 'identifier' && names.includes(root.text);
  });
}

function readSite(call: Node, callee: Callee, sink: FactSink, path: Path): void {
  let level = path.length - 1;
  while (parentAt(path, level)?.type === 'parenthesized_expression') level -= 1;
  const { use, names } = useOf(path, level);
  const statementAt = statementLevel(path, level, GRAMMAR);
  const statement = statementAt === undefined ? undefined : nodeAt(path, statementAt);
  const found = statementAt !== undefined && statement && (use === 'bind' || use === 'drop') ? (checkOfOwnIf(statement, names) ?? checkAfter(path, statementAt, names, GRAMMAR)) : undefined;
  const closer = statementAt !== undefined && use === 'bind' ? closeAfter(path, statementAt, names) : undefined;
  const site: CallSite = { callee: callee.name, options: [], opaqueOptions: false, awaited: false, use, inTry: false, check: found?.form, managed: closer !== undefined };
  emitSite(sink, call, site, { written: callee.written, statement, through: closer ?? found?.statement });
}

/** A fresh reader per file: imports come first in Go, before any call. */
export function goCalls(): CallVisitor {
  const packages = new Map<string, string>();
  return (node, sink, path) => {
    if (node.type === 'import_spec') bindImport(node, packages);
    else if (node.type === 'call_expression') {
      const callee = calleeOf(node, packages);
      if (callee !== undefined && !node.hasError) readSite(node, callee, sink, path);
    }
  };
}
