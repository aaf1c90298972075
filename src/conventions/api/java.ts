import type { Node } from 'web-tree-sitter';
import { FUNCTIONS } from '../specs/java.js';
import type { CallSite, ResultUse } from './call-site.js';
import { checkAfter, emitSite, enclosingTry, statementOf, type CallGrammar, type CallVisitor } from './tree.js';

/**
 * Java calls named by their class: static ones (`Files.readString`, `Integer.parseInt`) and those on
 * a variable, parameter or field whose declared type the file states (`client.send` on an
 * `HttpClient client`): whether they sit in a try/catch or in try-with-resources, and whether their
 * result is tested right after (`if (x == null)`). Java has no keyword options and no await.
 */

const GRAMMAR: CallGrammar = {
  boundaries: new Set([...FUNCTIONS, 'class_body']),
  protects: (parent, child) => {
    if (parent.type !== 'try_statement' && parent.type !== 'try_with_resources_statement') return false;
    const guarded = parent.childForFieldName('body')?.id === child.id || parent.childForFieldName('resources')?.id === child.id;
    return guarded && parent.namedChildren.some((c) => c.type === 'catch_clause');
  },
  blocks: new Set(['block', 'program', 'switch_block_statement_group']),
  argumentLists: new Set(['argument_list']),
  condition: (statement) => (statement.type === 'if_statement' || statement.type === 'while_statement' ? statement.childForFieldName('condition') : null),
};

/** Declarations that give a name a type: `HttpClient client`, `(Path path)`, `for (String line : lines)`. */
const TYPED = new Set(['local_variable_declaration', 'field_declaration', 'formal_parameter', 'catch_formal_parameter', 'resource', 'enhanced_for_statement']);

/** The class a type names, without generics or package: `Map<String, List<X>>` → `Map`; nothing for primitives, arrays and `var`. */
function className(type: Node | null): string | undefined {
  if (!type) return undefined;
  if (type.type === 'generic_type') return className(type.namedChildren[0] ?? null);
  if (type.type === 'scoped_type_identifier') return className(type.namedChildren[type.namedChildCount - 1] ?? null);
  return type.type === 'type_identifier' && type.text !== 'var' ? type.text : undefined;
}

/** Records the declared class of each name; a name declared with two classes in one file is left unknown. */
function bindTypes(node: Node, types: Map<string, string | null>): void {
  const type = node.type === 'catch_formal_parameter' ? node.namedChildren.find((c) => c.type === 'catch_type')?.namedChildren[0] ?? null : node.childForFieldName('type');
  const name = className(type);
  if (!name) return;
  const declarators = node.childrenForFieldName('declarator');
  const names = declarators.length > 0 ? declarators.map((d) => d.childForFieldName('name')?.text) : [node.childForFieldName('name')?.text];
  for (const variable of names) {
    if (!variable) continue;
    const known = types.get(variable);
    types.set(variable, known === undefined || known === name ? name : null);
  }
}

function calleeOf(call: Node, types: ReadonlyMap<string, string | null>): string | undefined {
  const object = call.childForFieldName('object');
  const method = call.childForFieldName('name')?.text;
  if (!object || !method) return undefined;
  let owner: string | undefined;
  if (object.type === 'identifier') {
    // A name the file never declared, written like a class, is the class itself: `Files.readString`.
    owner = types.has(object.text) ? (types.get(object.text) ?? undefined) : /^[A-Z][A-Za-z0-9]*$/.test(object.text) && /[a-z]/.test(object.text) ? object.text : undefined;
  } else if (object.type === 'field_access' && object.childForFieldName('object')?.type === 'this') {
    owner = types.get(object.childForFieldName('field')?.text ?? '') ?? undefined;
  }
  return owner === undefined ? undefined : `${owner}.${method}`;
}

function useOf(top: Node): { use: ResultUse; names: string[]; managed: boolean } {
  const parent = top.parent;
  const none = { names: [], managed: false };
  if (parent?.type === 'expression_statement') return { use: 'drop', ...none };
  if (parent?.type === 'return_statement') return { use: 'ret', ...none };
  if (parent?.type === 'lambda_expression' && parent.childForFieldName('body')?.id === top.id) return { use: 'ret', ...none };
  if (parent?.type === 'resource') return { use: 'other', names: [], managed: true };
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === top.id) {
    const name = parent.childForFieldName('name')?.text;
    return { use: 'bind', names: name ? [name] : [], managed: false };
  }
  if (parent?.type === 'assignment_expression' && parent.childForFieldName('right')?.id === top.id) {
    const left = parent.childForFieldName('left');
    return { use: 'bind', names: left?.type === 'identifier' ? [left.text] : [], managed: false };
  }
  return { use: 'other', ...none };
}

function readSite(call: Node, callee: string, sink: Parameters<CallVisitor>[1]): void {
  let top = call;
  while (top.parent?.type === 'parenthesized_expression' || top.parent?.type === 'cast_expression') top = top.parent;
  const { use, names, managed } = useOf(top);
  const found = use === 'bind' || use === 'drop' ? checkAfter(statementOf(top, GRAMMAR) ?? top, names, GRAMMAR) : undefined;
  const tryNode = enclosingTry(call, GRAMMAR);
  const site: CallSite = { callee, options: [], opaqueOptions: false, awaited: false, use, inTry: tryNode !== undefined, check: found?.form, managed };
  emitSite(sink, call, site, GRAMMAR, { tryNode, through: found?.statement });
}

/** A fresh reader per file: declarations are remembered as they are met, above the calls that use them. */
export function javaCalls(): CallVisitor {
  const types = new Map<string, string | null>();
  return (node, sink) => {
    if (TYPED.has(node.type)) bindTypes(node, types);
    else if (node.type === 'method_invocation' && !node.hasError) {
      const callee = calleeOf(node, types);
      if (callee !== undefined) readSite(node, callee, sink);
    }
  };
}
