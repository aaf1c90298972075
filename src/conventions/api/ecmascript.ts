import type { Node } from 'web-tree-sitter';
import { FUNCTIONS } from '../specs/ecmascript.js';
import type { CallSite, CheckForm, ResultUse } from './call-site.js';
import { checkAfter, emitSite, enclosingTry, statementOf, type CallGrammar, type CallVisitor } from './tree.js';

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
  protects: (parent, child) => parent.type === 'try_statement' && parent.childForFieldName('body')?.id === child.id && parent.childForFieldName('handler') !== null,
  blocks: new Set(['statement_block', 'program']),
  argumentLists: new Set(['arguments']),
  condition: (statement) => (statement.type === 'if_statement' || statement.type === 'while_statement' ? statement.childForFieldName('condition') : null),
};

/** The module an import specifier names, or undefined for the project's own files (relative, path aliases). */
function moduleName(specifier: string): string | undefined {
  if (/^(\.|\/|@\/|~\/|#)/.test(specifier)) return undefined;
  // `fs/promises` is `fs.promises`, however it is imported.
  return specifier.replace(/^node:/, '').replace(/\/promises$/, '.promises');
}

function stringValue(node: Node | null | undefined): string | undefined {
  return node?.type === 'string' ? node.text.slice(1, -1) : undefined;
}

/** Records what an `import` binds: default and namespace imports the module, named ones its member. */
function bindImport(node: Node, modules: Map<string, string>): void {
  const module = moduleName(stringValue(node.childForFieldName('source')) ?? '.');
  const clause = node.namedChildren.find((c) => c.type === 'import_clause');
  if (module === undefined || !clause) return;
  for (const part of clause.namedChildren) {
    if (part.type === 'identifier') modules.set(part.text, module);
    else if (part.type === 'namespace_import') {
      const name = part.namedChildren.find((c) => c.type === 'identifier')?.text;
      if (name) modules.set(name, module);
    } else if (part.type === 'named_imports') {
      for (const specifier of part.namedChildren.filter((c) => c.type === 'import_specifier')) {
        const name = specifier.childForFieldName('name')?.text;
        const alias = specifier.childForFieldName('alias')?.text ?? name;
        if (name && alias) modules.set(alias, `${module}.${name}`);
      }
    }
  }
}

/** Records what `const x = require('m')`, `const { a, b: c } = require('m')` and `const y = require('m').y` bind. */
function bindRequire(declarator: Node, modules: Map<string, string>): void {
  let value = declarator.childForFieldName('value');
  const members: string[] = [];
  while (value?.type === 'member_expression') {
    members.unshift(value.childForFieldName('property')?.text ?? '');
    value = value.childForFieldName('object');
  }
  if (value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') return;
  const required = moduleName(stringValue(value.childForFieldName('arguments')?.namedChildren[0]) ?? '.');
  if (required === undefined) return;
  const module = [required, ...members].join('.');
  const name = declarator.childForFieldName('name');
  if (name?.type === 'identifier') modules.set(name.text, module);
  else if (name?.type === 'object_pattern') {
    for (const property of name.namedChildren) {
      if (property.type === 'shorthand_property_identifier_pattern') modules.set(property.text, `${module}.${property.text}`);
      else if (property.type === 'pair_pattern') {
        const key = property.childForFieldName('key')?.text;
        const local = property.childForFieldName('value');
        if (key && local?.type === 'identifier') modules.set(local.text, `${module}.${key}`);
      }
    }
  }
}

/** `a.b.c` as its parts when it is only names and dots. */
function dottedParts(node: Node): string[] | undefined {
  if (node.type === 'identifier') return [node.text];
  if (node.type !== 'member_expression') return undefined;
  const object = node.childForFieldName('object');
  const property = node.childForFieldName('property');
  const head = object ? dottedParts(object) : undefined;
  return head && property?.type === 'property_identifier' ? [...head, property.text] : undefined;
}

function calleeOf(call: Node, modules: ReadonlyMap<string, string>): string | undefined {
  const fn = call.childForFieldName('function');
  const parts = fn ? dottedParts(fn) : undefined;
  if (!parts) return undefined;
  const [head = '', ...rest] = parts;
  const module = modules.get(head);
  if (module !== undefined) return [module, ...rest].join('.');
  const name = parts.join('.');
  return GLOBALS.has(name) ? name : undefined;
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
        else if (key?.type === 'string') options.push(key.text.slice(1, -1));
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

/** What becomes of the value at the top of a call's chain, and the names it is bound to. */
function useOf(top: Node): { use: ResultUse; names: string[] } {
  const parent = top.parent;
  if (!parent) return { use: 'other', names: [] };
  switch (parent.type) {
    case 'expression_statement':
      return { use: 'drop', names: [] };
    case 'variable_declarator':
      return parent.childForFieldName('value')?.id === top.id ? { use: 'bind', names: boundNames(parent.childForFieldName('name')) } : { use: 'other', names: [] };
    case 'assignment_expression':
      return parent.childForFieldName('right')?.id === top.id ? { use: 'bind', names: boundNames(parent.childForFieldName('left')) } : { use: 'other', names: [] };
    case 'return_statement':
    case 'yield_expression':
      return { use: 'ret', names: [] };
    case 'arrow_function':
      return { use: parent.childForFieldName('body')?.id === top.id ? 'ret' : 'other', names: [] };
    case 'array': {
      const gathering = parent.parent?.type === 'arguments' ? parent.parent.parent?.childForFieldName('function')?.text : undefined;
      return { use: gathering !== undefined && GATHER.test(gathering) ? 'ret' : 'other', names: [] };
    }
    default:
      return { use: 'other', names: [] };
  }
}

/** Reads one resolved call: climbs through `await`, wrappers and chained `.then()`/`.catch()` to what becomes of it. */
function readSite(call: Node, callee: string, sink: Parameters<CallVisitor>[1]): void {
  const { options, opaque } = optionsOf(call);
  let awaited = false;
  let check: CheckForm | undefined;
  let top = call;
  let dropped = false;
  for (let parent = call.parent; parent; parent = top.parent) {
    if (TRANSPARENT.has(parent.type) || parent.type === 'await_expression') {
      awaited ||= parent.type === 'await_expression';
      top = parent;
    } else if (parent.type === 'member_expression' && parent.childForFieldName('object')?.id === top.id && parent.parent?.type === 'call_expression') {
      const method = parent.childForFieldName('property')?.text;
      const handlers = parent.parent.childForFieldName('arguments')?.namedChildren.length ?? 0;
      if (method === 'catch' || (method === 'then' && handlers > 1)) check ??= 'catch';
      top = parent.parent;
    } else {
      // `void fetch(…)` lets the promise go on purpose: a decision, not a forgotten await.
      dropped = parent.type === 'unary_expression' && parent.text.startsWith('void');
      break;
    }
  }
  const { use, names } = dropped ? { use: 'other' as const, names: [] } : useOf(top);
  const found = use === 'bind' || use === 'drop' ? checkAfter(statementOf(top, GRAMMAR) ?? top, names, GRAMMAR) : undefined;
  check ??= found?.form;
  const tryNode = enclosingTry(call, GRAMMAR);
  const site: CallSite = { callee, options, opaqueOptions: opaque, awaited: awaited || dropped, use, inTry: tryNode !== undefined, check, managed: false };
  emitSite(sink, call, site, GRAMMAR, { tryNode, through: found?.statement });
}

/** A fresh reader per file: imports and requires are remembered as they are met. */
export function ecmascriptCalls(): CallVisitor {
  const modules = new Map<string, string>();
  return (node, sink) => {
    if (node.type === 'import_statement') bindImport(node, modules);
    else if (node.type === 'variable_declarator') bindRequire(node, modules);
    else if (node.type === 'call_expression' && !node.hasError) {
      const callee = calleeOf(node, modules);
      if (callee !== undefined) readSite(node, callee, sink);
    }
  };
}
