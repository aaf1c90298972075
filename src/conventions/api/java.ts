import type { Node } from 'web-tree-sitter';
import { FUNCTIONS } from '../specs/java.js';
import type { CallSite, ResultUse } from './call-site.js';
import type { FactSink } from '../facts.js';
import type { Path } from '../walk.js';
import { checkAfter, emitSite, enclosingTry, nodeAt, parentAt, statementLevel, type Callee, type CallGrammar, type CallVisitor } from './tree.js';

/**
 * Java calls named by their class: static ones (`Files.readString`, `Integer.parseInt`) and those on
 * a variable, parameter or field whose declared type the file states (`client.send` on an
 * `HttpClient client`): whether they sit in a try/catch or in try-with-resources, and whether their
 * result is tested right after (`if (x == null)`). Java has no keyword options and no await.
 */

const GRAMMAR: CallGrammar = {
  boundaries: new Set([...FUNCTIONS, 'class_body']),
  // A try's own block and resources are what it guards; its catch and finally blocks sit inside clauses.
  protects: (parent, child, children) =>
    (parent.type === 'try_statement' || parent.type === 'try_with_resources_statement') && (child.type === 'block' || child.type === 'resource_specification') && children.some((c) => c.type === 'catch_clause'),
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

function calleeOf(call: Node, types: ReadonlyMap<string, string | null>): Callee | undefined {
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
  return owner === undefined ? undefined : { name: `${owner}.${method}`, written: `${object.text}.${method}` };
}

/** What becomes of the value at `level`; a call is never a declarator's name or an assignment's target. */
function useOf(path: Path, level: number): { use: ResultUse; names: string[]; managed: boolean } {
  const parent = parentAt(path, level);
  const none = { names: [], managed: false };
  switch (parent?.type) {
    case 'expression_statement':
      return { use: 'drop', ...none };
    case 'return_statement':
    case 'lambda_expression':
      return { use: 'ret', ...none };
    case 'resource':
      return { use: 'other', names: [], managed: true };
    case 'variable_declarator': {
      const name = parent.childForFieldName('name')?.text;
      return { use: 'bind', names: name ? [name] : [], managed: false };
    }
    case 'assignment_expression': {
      const left = parent.childForFieldName('left');
      return { use: 'bind', names: left?.type === 'identifier' ? [left.text] : [], managed: false };
    }
    default:
      return { use: 'other', ...none };
  }
}

function readSite(call: Node, callee: Callee, sink: FactSink, path: Path): void {
  let level = path.length - 1;
  while (parentAt(path, level)?.type === 'parenthesized_expression' || parentAt(path, level)?.type === 'cast_expression') level -= 1;
  const { use, names, managed } = useOf(path, level);
  const statement = statementLevel(path, level, GRAMMAR);
  const found = statement !== undefined && (use === 'bind' || use === 'drop') ? checkAfter(path, statement, names, GRAMMAR) : undefined;
  const tryNode = enclosingTry(path, path.length - 1, GRAMMAR);
  const site: CallSite = { callee: callee.name, options: [], opaqueOptions: false, awaited: false, use, inTry: tryNode !== undefined, check: found?.form, managed };
  emitSite(sink, call, site, { written: callee.written, statement: statement === undefined ? undefined : nodeAt(path, statement), tryNode, through: found?.statement });
}

/** A fresh reader per file: declarations are remembered as they are met, above the calls that use them. */
export function javaCalls(): CallVisitor {
  const types = new Map<string, string | null>();
  return (node, sink, path) => {
    if (TYPED.has(node.type)) bindTypes(node, types);
    else if (node.type === 'method_invocation') {
      const callee = calleeOf(node, types);
      if (callee !== undefined && !node.hasError) readSite(node, callee, sink, path);
    }
  };
}
