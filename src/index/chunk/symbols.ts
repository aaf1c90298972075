import type { Node } from 'web-tree-sitter';
import type { DeclarationKind, LanguageRules } from './rules.js';

/** A node that declares something, seen through its wrappers (export, decorators, templates). */
export interface Declaration {
  kind: DeclarationKind;
  /** The declared name as written (`Foo`, `Server.Handle` for a Go method), or null when anonymous. */
  name: string | null;
  /** The declaring node itself, inside any wrapper. */
  node: Node;
}

/** Longest symbol kept; longer "names" are expressions, not identifiers. */
const MAX_NAME_LENGTH = 120;

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);

/** What `node` declares, or null when it is a plain statement. */
export function describeDeclaration(node: Node, rules: LanguageRules): Declaration | null {
  const core = unwrap(node, rules);
  const kind = rules.declarations[core.type];
  if (kind) return { kind: refineKind(core, kind), name: nameOf(core), node: core };
  return rules.functionValues ? describeFunctionValue(core) : null;
}

function unwrap(node: Node, rules: LanguageRules): Node {
  let current = node;
  while (rules.wrappers.has(current.type)) {
    const children = current.namedChildren;
    let inner: Node | null = null;
    for (let i = children.length - 1; i >= 0 && !inner; i--) {
      const child = children[i];
      if (child && !rules.leading.has(child.type)) inner = child;
    }
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** Go spells both structs and interfaces `type X ...`. */
function refineKind(core: Node, kind: DeclarationKind): DeclarationKind {
  if (core.type === 'type_declaration' && core.firstNamedChild?.childForFieldName('type')?.type === 'interface_type') return 'interface';
  return kind;
}

function nameOf(core: Node): string | null {
  const receiver = core.childForFieldName('receiver');
  const name = core.childForFieldName('name');
  if (receiver && name) return clean(`${receiverType(receiver)}.${name.text}`);
  if (name) return clean(name.text);
  const declarator = core.childForFieldName('declarator');
  if (declarator) return clean(innermostDeclarator(declarator));
  const implemented = core.childForFieldName('type');
  if (implemented && core.type === 'impl_item') return clean(implemented.text);
  const spec = core.type === 'type_declaration' ? core.firstNamedChild?.childForFieldName('name') : null;
  return spec ? clean(spec.text) : null;
}

/** The type a Go method is declared on: `(s *Server[T])` → `Server`. */
function receiverType(receiver: Node): string {
  const match = /([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\)\s*$/.exec(receiver.text);
  return match?.[1] ?? receiver.text;
}

/** C and C++ bury a function's name in declarators: `static char *(*name)(int)`. */
function innermostDeclarator(declarator: Node): string {
  let current = declarator;
  for (let inner = current.childForFieldName('declarator'); inner; inner = current.childForFieldName('declarator')) current = inner;
  const text = current.text;
  const beforeParams = text.split('(')[0] ?? text;
  return /[\w:~]+$/.exec(beforeParams)?.[0] ?? beforeParams;
}

/** `const f = () => {}`, `exports.f = function () {}`, `Foo.prototype.f = ...`, `handle = () => {}` in a class. */
function describeFunctionValue(core: Node): Declaration | null {
  switch (core.type) {
    case 'lexical_declaration':
    case 'variable_declaration': {
      if (core.namedChildCount !== 1) return null;
      const declarator = core.firstNamedChild;
      if (!isFunction(declarator?.childForFieldName('value'))) return null;
      return { kind: 'function', name: clean(declarator?.childForFieldName('name')?.text ?? ''), node: core };
    }
    case 'assignment_expression': {
      if (!isFunction(core.childForFieldName('right'))) return null;
      const left = core.childForFieldName('left')?.text ?? '';
      return { kind: 'function', name: clean(left.replace('.prototype.', '.').replace(/^(module\.)?exports\./, '')), node: core };
    }
    case 'public_field_definition':
    case 'field_definition': {
      if (!isFunction(core.childForFieldName('value'))) return null;
      const name = core.childForFieldName('name') ?? core.childForFieldName('property');
      return { kind: 'method', name: clean(name?.text ?? ''), node: core };
    }
    default:
      return null;
  }
}

function isFunction(node: Node | null | undefined): boolean {
  return node !== null && node !== undefined && FUNCTION_VALUES.has(node.type);
}

/** `ns::Foo<T>` → `ns.Foo`; whitespace collapsed; empty or overlong names become null. */
function clean(name: string): string | null {
  const generic = name.indexOf('<');
  const plain = (generic > 0 ? name.slice(0, generic) : name).replace(/::/g, '.').replace(/\s+/g, ' ').trim();
  return plain === '' || plain.length > MAX_NAME_LENGTH ? null : plain;
}
