import type { Node } from 'web-tree-sitter';
import { FUNCTIONS } from '../specs/python.js';
import type { CallSite, CheckForm, ResultUse } from './call-site.js';
import type { FactSink } from '../facts.js';
import type { Path } from '../walk.js';
import { checkAfter, emitSite, enclosingTry, nodeAt, parentAt, resolveDotted, statementLevel, type Callee, type CallGrammar, type CallVisitor } from './tree.js';

/**
 * Python calls of imported modules (`requests.get`, `subprocess.run`, `os.path.join`, a `run`
 * taken `from subprocess import run`) and of `open`: their keyword options, whether they sit in a
 * try/except or a `with`, and whether their result is checked right after.
 */

/** Builtins worth learning habits for: `open` (encoding, `with`). Others are called too variously. */
const BUILTINS = new Set(['open']);

/** Methods whose call on a result checks it. */
const CHECKING_METHODS: Record<string, CheckForm> = { raise_for_status: 'raise_for_status', check_returncode: 'check_returncode' };

const GRAMMAR: CallGrammar = {
  boundaries: new Set([...FUNCTIONS, 'class_definition']),
  protects: (parent, child, children) => parent.type === 'try_statement' && child.type === 'block' && children.some((c) => c.type === 'except_clause' || c.type === 'except_group_clause'),
  blocks: new Set(['block', 'module']),
  argumentLists: new Set(['argument_list']),
  // Not `assert`: tests assert on every result they get, which says nothing of how code checks it.
  condition: (statement) => (statement.type === 'if_statement' || statement.type === 'while_statement' ? statement.childForFieldName('condition') : null),
};

/** A dotted name: `requests.get`, `os.path.join`, `run`. */
const DOTTED = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/** Records what each import binds: `import a.b as x` → x: a.b, `from a import b as c` → c: a.b. Relative imports are the project's own code. */
function bindImport(node: Node, modules: Map<string, string>): void {
  if (node.type === 'import_statement') {
    for (const item of node.namedChildren) {
      if (item.type === 'dotted_name') modules.set(item.namedChildren[0]?.text ?? item.text, item.namedChildren[0]?.text ?? item.text);
      else if (item.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text;
        const alias = item.childForFieldName('alias')?.text;
        if (name && alias) modules.set(alias, name);
      }
    }
    return;
  }
  const module = node.childForFieldName('module_name');
  if (!module || module.type !== 'dotted_name') return;
  for (const item of node.childrenForFieldName('name')) {
    if (item.type === 'dotted_name') modules.set(item.text, `${module.text}.${item.text}`);
    else if (item.type === 'aliased_import') {
      const name = item.childForFieldName('name')?.text;
      const alias = item.childForFieldName('alias')?.text;
      if (name && alias) modules.set(alias, `${module.text}.${name}`);
    }
  }
}

/** The import-resolved name of a call's function, or undefined for the file's own functions and methods. */
function calleeOf(call: Node, modules: ReadonlyMap<string, string>): Callee | undefined {
  return resolveDotted(call.childForFieldName('function')?.text ?? '', DOTTED, modules, BUILTINS);
}

function optionsOf(call: Node): { options: string[]; opaque: boolean } {
  const options: string[] = [];
  let opaque = false;
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument.type === 'keyword_argument') {
      const name = argument.childForFieldName('name')?.text;
      if (name) options.push(name);
    } else if (argument.type === 'dictionary_splat') opaque = true;
  }
  return { options, opaque };
}

/** Names an assignment's left side binds: `r`, or each name of `out, err`. */
function boundNames(left: Node | null): string[] {
  if (!left) return [];
  if (left.type === 'identifier') return [left.text];
  if (left.type === 'pattern_list' || left.type === 'tuple_pattern') return left.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
  return [];
}

/** A statement that calls a checking method on one of `names`: `r.raise_for_status()`. */
function checkingCall(names: readonly string[]) {
  return (statement: Node): CheckForm | undefined => {
    const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    const fn = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    if (fn?.type !== 'attribute') return undefined;
    const object = fn.childForFieldName('object')?.text ?? '';
    return names.includes(object) ? CHECKING_METHODS[fn.childForFieldName('attribute')?.text ?? ''] : undefined;
  };
}

/** Reads one resolved call: climbs through `await`, parentheses and chained methods to what becomes of its value. */
function readSite(call: Node, callee: Callee, sink: FactSink, path: Path): void {
  const { options, opaque } = optionsOf(call);
  let awaited = false;
  let check: CheckForm | undefined;
  let level = path.length - 1;
  for (let parent = parentAt(path, level); parent; parent = parentAt(path, level)) {
    if (parent.type === 'await' || parent.type === 'parenthesized_expression') {
      awaited ||= parent.type === 'await';
      level -= 1;
    } else if (parent.type === 'attribute' && parentAt(path, level - 1)?.type === 'call') {
      // A method chained on the result: `requests.get(u).raise_for_status()` checks it, `.json()` only uses it.
      check ??= CHECKING_METHODS[parent.lastNamedChild?.text ?? ''];
      level -= 2;
    } else break;
  }
  // What the value at the top of the chain becomes; being a call, an await or parentheses, it is
  // never the name side of its parent (an assignment's target, an attribute's name, a lambda's parameters).
  const parent = parentAt(path, level);
  let use: ResultUse = 'other';
  let names: string[] = [];
  let managed = false;
  if (parent?.type === 'expression_statement') use = 'drop';
  else if (parent?.type === 'assignment') {
    use = 'bind';
    names = boundNames(parent.childForFieldName('left'));
  } else if (parent?.type === 'return_statement' || parent?.type === 'yield' || parent?.type === 'lambda') use = 'ret';
  else if (parent?.type === 'with_item' || (parent?.type === 'as_pattern' && parentAt(path, level - 1)?.type === 'with_item')) managed = true;
  const statement = statementLevel(path, level, GRAMMAR);
  const found = statement !== undefined && (use === 'bind' || use === 'drop') ? checkAfter(path, statement, names, GRAMMAR, checkingCall(names)) : undefined;
  check ??= found?.form;
  const tryNode = enclosingTry(path, path.length - 1, GRAMMAR);
  const site: CallSite = { callee: callee.name, options, opaqueOptions: opaque, awaited, use, inTry: tryNode !== undefined, check, managed };
  emitSite(sink, call, site, { written: callee.written, statement: statement === undefined ? undefined : nodeAt(path, statement), tryNode, through: found?.statement });
}

/** A fresh reader per file: imports are remembered as they are met, above the calls that use them. */
export function pythonCalls(): CallVisitor {
  const modules = new Map<string, string>();
  return (node, sink, path) => {
    if (node.type === 'import_statement' || node.type === 'import_from_statement') bindImport(node, modules);
    else if (node.type === 'call') {
      const callee = calleeOf(node, modules);
      if (callee !== undefined && !node.hasError) readSite(node, callee, sink, path);
    }
  };
}
