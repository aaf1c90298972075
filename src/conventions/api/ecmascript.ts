import type { Node } from 'web-tree-sitter';
import { FUNCTIONS } from '../specs/ecmascript.js';
import type { CallSite, CheckForm, ResultUse } from './call-site.js';
import { readImport, readRequire, type Bind } from './ecmascript-imports.js';
import type { FactSink } from '../facts.js';
import type { Path } from '../walk.js';
import { checkAfter, emitSite, enclosingTry, nodeAt, parentAt, resolveDotted, statementLevel, type Callee, type CallGrammar, type CallVisitor } from './tree.js';

/**
 * TypeScript and JavaScript calls of imported or required modules (`fs.promises.readFile`,
 * `axios.get`, a `readFile` imported from `node:fs/promises`) and of `fetch` and `JSON.parse`:
 * the keys of their options object, whether they are awaited or handed on, whether they sit in a
 * try/catch, and whether a `.catch()` or an `if` on the result follows.
 */

/** Globals worth learning habits for: `fetch` (awaited, `signal`, `res.ok`), `JSON.parse` (try/catch). */
const GLOBALS = new Set(['fetch', 'JSON.parse']);

/** Wrappers a value passes through unchanged. */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

/** Gathering several promises hands each of them on to be awaited together. */
const GATHER = /^Promise\.(all|allSettled|any|race)$/;

/** Arguments after the first that may be an options object nobody can read here. */
const OPAQUE_ARGUMENTS = new Set(['identifier', 'member_expression', 'call_expression', 'subscript_expression', 'await_expression']);

const GRAMMAR: CallGrammar = {
  boundaries: new Set([...FUNCTIONS, 'class_body']),
  protects: (parent, child, children) => parent.type === 'try_statement' && child.type === 'statement_block' && children.some((c) => c.type === 'catch_clause'),
  blocks: new Set(['statement_block', 'program']),
  argumentLists: new Set(['arguments']),
  condition: (statement) => (statement.type === 'if_statement' || statement.type === 'while_statement' ? statement.childForFieldName('condition') : null),
};

/**
 * The module an import specifier names, or undefined for the project's own files (relative, path
 * aliases). Written with dots, since it becomes part of rule ids and in-page anchors: `fs/promises`
 * is `fs.promises` however it is imported, `@anthropic-ai/sdk` is `anthropic-ai.sdk`.
 */
function moduleName(specifier: string): string | undefined {
  if (/^(\.|\/|@\/|~\/|#)/.test(specifier)) return undefined;
  return specifier.replace(/^node:/, '').replace(/^@/, '').replace(/\//g, '.');
}

/** Binds each imported or required package name to its dotted module (`readFile` to `fs.promises.readFile`); the project's own files are left out. */
function bindModule(modules: Map<string, string>): Bind {
  return (local, specifier, members) => {
    const module = moduleName(specifier);
    if (module !== undefined) modules.set(local, [module, ...members].join('.'));
  };
}

/** A dotted name: `fetch`, `fs.promises.readFile`, `axios.get`. */
const DOTTED = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

function calleeOf(call: Node, modules: ReadonlyMap<string, string>): Callee | undefined {
  return resolveDotted(call.childForFieldName('function')?.text ?? '', DOTTED, modules, GLOBALS);
}

/** The keys of the options object; opaque when one is spread in or the options may be a variable. */
function optionsOf(call: Node): { options: string[]; opaque: boolean } {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => !a.type.includes('comment')) ?? [];
  const objects = args.filter((a) => a.type === 'object');
  const options: string[] = [];
  let opaque = args.some((a) => a.type === 'spread_element') || (objects.length === 0 && args.slice(1).some((a) => OPAQUE_ARGUMENTS.has(a.type)));
  for (const object of objects) {
    for (const property of object.namedChildren) {
      if (property.type === 'shorthand_property_identifier') options.push(property.text);
      else if (property.type === 'pair' || property.type === 'method_definition') {
        const key = property.childForFieldName('key') ?? property.childForFieldName('name');
        if (key?.type === 'property_identifier') options.push(key.text);
        // A quoted key that is no plain name (`'Content-Type'` is one, `'a b'` is not) cannot name a rule.
        else if (key?.type === 'string') {
          if (/^[\w$-]+$/.test(key.text.slice(1, -1))) options.push(key.text.slice(1, -1));
        }
        else opaque = true;
      } else if (property.type === 'spread_element') opaque = true;
    }
  }
  return { options, opaque };
}

/** Names a declaration or assignment binds: `res`, or the names destructured from it. */
function boundNames(target: Node | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  if (target.type === 'object_pattern' || target.type === 'array_pattern') {
    return target.namedChildren.flatMap((c) => {
      if (c.type === 'shorthand_property_identifier_pattern' || c.type === 'identifier') return [c.text];
      if (c.type === 'pair_pattern') return boundNames(c.childForFieldName('value'));
      return [];
    });
  }
  return [];
}

/**
 * What becomes of the value at `level`, the top of a call's chain, and the names it is bound to.
 * Being a call, an await or a wrapper, it is never the name side of its parent (a declarator's
 * name, an assignment's target, an arrow function's parameters).
 */
function useOf(path: Path, level: number): { use: ResultUse; names: string[] } {
  const parent = parentAt(path, level);
  switch (parent?.type) {
    case 'expression_statement':
      return { use: 'drop', names: [] };
    case 'variable_declarator':
      return { use: 'bind', names: boundNames(parent.childForFieldName('name')) };
    case 'assignment_expression':
      return { use: 'bind', names: boundNames(parent.childForFieldName('left')) };
    case 'return_statement':
    case 'yield_expression':
    case 'arrow_function':
      return { use: 'ret', names: [] };
    case 'array': {
      const gathering = parentAt(path, level - 1)?.type === 'arguments' ? parentAt(path, level - 2)?.childForFieldName('function')?.text : undefined;
      return { use: gathering !== undefined && GATHER.test(gathering) ? 'ret' : 'other', names: [] };
    }
    default:
      return { use: 'other', names: [] };
  }
}

/** Reads one resolved call: climbs through `await`, wrappers and chained `.then()`/`.catch()` to what becomes of it. */
function readSite(call: Node, callee: Callee, sink: FactSink, path: Path): void {
  const { options, opaque } = optionsOf(call);
  let awaited = false;
  let check: CheckForm | undefined;
  let letGo = false;
  let level = path.length - 1;
  for (let parent = parentAt(path, level); parent; parent = parentAt(path, level)) {
    if (TRANSPARENT.has(parent.type) || parent.type === 'await_expression') {
      awaited ||= parent.type === 'await_expression';
      level -= 1;
    } else if (parent.type === 'member_expression' && parentAt(path, level - 1)?.type === 'call_expression') {
      const method = parent.lastNamedChild?.text;
      const handlers = parentAt(path, level - 1)?.childForFieldName('arguments')?.namedChildCount ?? 0;
      if (method === 'catch' || (method === 'then' && handlers > 1)) check ??= 'catch';
      level -= 2;
    } else {
      // `void fetch(…)` lets the promise go on purpose: a decision, not a forgotten await.
      letGo = parent.type === 'unary_expression' && parent.text.startsWith('void');
      break;
    }
  }
  const { use, names } = letGo ? { use: 'other' as const, names: [] } : useOf(path, level);
  const statement = statementLevel(path, level, GRAMMAR);
  const found = statement !== undefined && (use === 'bind' || use === 'drop') ? checkAfter(path, statement, names, GRAMMAR) : undefined;
  check ??= found?.form;
  const tryNode = enclosingTry(path, path.length - 1, GRAMMAR);
  const site: CallSite = { callee: callee.name, options, opaqueOptions: opaque, awaited: awaited || letGo, use, inTry: tryNode !== undefined, check, managed: false };
  emitSite(sink, call, site, { written: callee.written, statement: statement === undefined ? undefined : nodeAt(path, statement), tryNode, through: found?.statement });
}

/** A fresh reader per file: imports and requires are remembered as they are met. */
export function ecmascriptCalls(): CallVisitor {
  const modules = new Map<string, string>();
  const bind = bindModule(modules);
  return (node, sink, path) => {
    if (node.type === 'import_statement') readImport(node, bind);
    else if (node.type === 'variable_declarator') readRequire(node, bind);
    else if (node.type === 'call_expression') {
      const callee = calleeOf(node, modules);
      if (callee !== undefined && !node.hasError) readSite(node, callee, sink, path);
    }
  };
}
