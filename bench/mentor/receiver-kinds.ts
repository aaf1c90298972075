// What a call's receiver is, when its own file says so: the type or class it was declared with or
// made from. Two calls of one method on receivers named differently are the same call when the
// receivers are of one kind: `new Random().nextBytes(b)` and a `SecureRandom random` field's
// `random.nextBytes(b)`, a `MessageDigest digest` and a `MessageDigest sha1`, `self.post` inside
// `class APIClient` and a `client.post`. Read from the tree-sitter parse, within the file only:
//
// - `new X(…)` (and Go's `X{…}`, `&X{…}`; Python's `X(…)` with a capitalised name) is an X;
// - `this` / `self` is the class the code is in;
// - a package whose functions are its client's methods is that client: Go's `http.Get` is
//   `http.DefaultClient.Get`, and Python's `requests.get` opens a `requests.Session` and calls its
//   `get`, so `http.Get` and a `client := &http.Client{...}`'s `client.Get` are one call;
// - a name (or `this.name`, `self.name`) is what its nearest declaration says: a declared type
//   (`MessageDigest digest`, `digest: MessageDigest`, `var d MessageDigest`, a parameter's), else
//   what its initial value was made from; a `function name(): T` makes its calls' results T.
//
// Types that hold plain data (strings, numbers, lists, maps, arrays, promises) are no kind: every
// function has them, and sharing one says nothing about the code.
import type { Node, Tree } from 'web-tree-sitter';

export type Family = 'ecmascript' | 'python' | 'java' | 'go';

const PLAIN = /^(string|String|number|Number|boolean|Boolean|bool|int|long|short|byte|char|double|float|float32|float64|int32|int64|uint|uint8|uint32|uint64|rune|Object|object|any|unknown|void|var|List|ArrayList|LinkedList|Map|HashMap|LinkedHashMap|TreeMap|Set|HashSet|TreeSet|Collection|Iterable|Array|ReadonlyArray|Record|Optional|Promise|str|dict|list|tuple|set|bytes|error|interface)$/;

const CLASSES = new Set(['class_declaration', 'class_definition', 'class', 'abstract_class_declaration', 'enum_declaration', 'record_declaration']);
const FUNCTIONS = new Set([
  'function_declaration', 'function_definition', 'method_declaration', 'method_definition', 'function_expression', 'arrow_function', 'generator_function_declaration',
  'func_literal', 'lambda', 'constructor_declaration', 'lambda_expression',
]);

interface Declared {
  name: string;
  kind: string;
  /** The function, class or file the name is declared in. */
  scope: Node;
  at: number;
}

const declaredIn = new WeakMap<Tree, Declared[]>();

/** The kind of the receiver `object` (see the top of this file), or undefined when its file does not say. */
export function receiverKind(object: Node, family: Family): string | undefined {
  const made = madeFrom(object);
  if (made) return made;
  if (object.type === 'this' || (family === 'python' && (object.text === 'self' || object.text === 'cls'))) return classAround(object);
  const name = declaredName(object, family);
  const declared = name ? lookUp(object, name) : undefined;
  return declared ?? (object.type === 'identifier' ? PACKAGE_CLIENTS[family]?.[object.text] : undefined);
}

/** Packages whose functions are a default client's methods (see the top of this file), by the client's type name. */
const PACKAGE_CLIENTS: Partial<Record<Family, Record<string, string>>> = {
  go: { http: 'Client' },
  python: { requests: 'Session' },
};

/** The kind a function's result has, from its declaration in the same file (`PlatformLogger getLogger()`). */
export function resultKind(at: Node, functionName: string): string | undefined {
  return lookUp(at, `${functionName}()`);
}

/** The name a receiver is known by: `digest`, or the field of `this.sha1` / `self.session`. */
function declaredName(object: Node, family: Family): string | undefined {
  if (object.type === 'identifier') return object.text;
  const member = object.type === 'member_expression' || object.type === 'field_access' ? { object: 'object', name: object.type === 'member_expression' ? 'property' : 'field' } : object.type === 'attribute' ? { object: 'object', name: 'attribute' } : undefined;
  if (!member) return undefined;
  const owner = object.childForFieldName(member.object);
  const isSelf = owner && (owner.type === 'this' || (family === 'python' && owner.text === 'self') || (family === 'java' && owner.type === 'identifier' && classAround(owner) === owner.text));
  return isSelf ? object.childForFieldName(member.name)?.text : undefined;
}

function lookUp(use: Node, name: string): string | undefined {
  const declared = declarations(use.tree).filter((entry) => entry.name === name && entry.scope.startIndex <= use.startIndex && use.startIndex < entry.scope.endIndex);
  declared.sort((a, b) => b.scope.startIndex - a.scope.startIndex || Number(b.at <= use.startIndex) - Number(a.at <= use.startIndex) || b.at - a.at);
  return declared[0]?.kind;
}

function classAround(node: Node): string | undefined {
  for (let at = node.parent; at; at = at.parent) if (CLASSES.has(at.type)) return at.childForFieldName('name')?.text;
  return undefined;
}

function scopeOf(node: Node, field: boolean): Node {
  for (let at = node.parent; at; at = at.parent) {
    if (field ? CLASSES.has(at.type) : FUNCTIONS.has(at.type) || CLASSES.has(at.type)) return at;
  }
  return node.tree.rootNode;
}

/** Every name the file declares with a kind, read once per parse. */
function declarations(tree: Tree): Declared[] {
  let found = declaredIn.get(tree);
  if (!found) {
    found = [];
    collect(tree.rootNode, found);
    declaredIn.set(tree, found);
  }
  return found;
}

function collect(node: Node, into: Declared[]): void {
  for (const [name, kind, asField, scopeNode] of declared(node)) {
    if (name && kind && !PLAIN.test(kind)) into.push({ name, kind, scope: scopeNode ?? scopeOf(node, asField), at: node.startIndex });
  }
  for (const child of node.namedChildren) collect(child, into);
}

type Declaration = [name: string | undefined, kind: string | undefined, asField: boolean, scope?: Node];

/** What `node` declares: names with the kind the declaration gives them. */
function declared(node: Node): Declaration[] {
  const field = (name: string) => node.childForFieldName(name);
  switch (node.type) {
    case 'variable_declarator': {
      // JavaScript/TypeScript `const d: T = …`, Java `T d = …` (the type is the declaration's).
      const parent = node.parent;
      const javaType = parent && (parent.type === 'local_variable_declaration' || parent.type === 'field_declaration') ? parent.childForFieldName('type') : null;
      return [[field('name')?.text, typeName(javaType ?? field('type')) ?? madeFrom(field('value')), parent?.type === 'field_declaration']];
    }
    case 'public_field_definition':
    case 'field_definition':
      return [[field('name')?.text ?? field('property')?.text, typeName(field('type')) ?? madeFrom(field('value')), true]];
    case 'required_parameter':
    case 'optional_parameter':
      return [[field('pattern')?.text, typeName(field('type')), false]];
    case 'formal_parameter':
      return [[field('name')?.text, typeName(field('type')), false]];
    case 'typed_parameter':
      return [[node.namedChildren.find((child) => child.type === 'identifier')?.text, typeName(field('type')), false]];
    case 'typed_default_parameter':
      return [[field('name')?.text, typeName(field('type')), false]];
    case 'assignment_expression':
    case 'assignment': {
      // `this.x = new X()`, `self.session = Session()`, `d = Zed()`, `e: Foo = g()`.
      const left = field('left');
      if (!left) return [];
      const self = left.type === 'member_expression' || left.type === 'attribute' ? left.childForFieldName('object') : null;
      if (self && (self.type === 'this' || self.text === 'self')) {
        const owner = classNode(node);
        return owner ? [[(left.childForFieldName('property') ?? left.childForFieldName('attribute'))?.text, madeFrom(field('right')), true, owner]] : [];
      }
      return left.type === 'identifier' ? [[left.text, typeName(field('type')) ?? madeFrom(field('right')), false]] : [];
    }
    case 'parameter_declaration':
    case 'var_spec': {
      const kind = typeName(field('type')) ?? madeFrom(field('value')?.namedChildren[0] ?? null);
      return node.childrenForFieldName('name').filter((name): name is Node => name !== null).map((name) => [name.text, kind, false]);
    }
    case 'short_var_declaration': {
      const names = field('left')?.namedChildren ?? [];
      const values = field('right')?.namedChildren ?? [];
      return names.map((name, index) => [name.text, madeFrom(values[index] ?? null), false]);
    }
    case 'function_declaration':
    case 'method_declaration':
    case 'method_definition':
    case 'function_definition': {
      const name = field('name')?.text;
      const result = field('return_type') ?? field('result') ?? (node.type === 'method_declaration' ? field('type') : null);
      const kind = result?.type === 'parameter_list' ? typeName(result.namedChildren[0]?.childForFieldName('type') ?? null) : typeName(result);
      return [[name && `${name}()`, kind, false, node.parent ?? undefined]];
    }
    default:
      return [];
  }
}

function classNode(node: Node): Node | undefined {
  for (let at = node.parent; at; at = at.parent) if (CLASSES.has(at.type)) return at;
  return undefined;
}

/** The class a value was made from: `new X()`, `X{}`, `&X{}`, Python's `X()` or `mod.X()`. */
function madeFrom(value: Node | null): string | undefined {
  if (!value) return undefined;
  switch (value.type) {
    case 'new_expression':
      return typeName(value.childForFieldName('constructor'));
    case 'object_creation_expression':
    case 'composite_literal':
      return typeName(value.childForFieldName('type'));
    case 'unary_expression':
      return value.childForFieldName('operand')?.type === 'composite_literal' ? madeFrom(value.childForFieldName('operand')) : undefined;
    case 'call': {
      const name = typeName(value.childForFieldName('function'));
      return name && /^[A-Z][a-z]/.test(name) ? name : undefined;
    }
    default:
      return undefined;
  }
}

/** The name of a type as written: `Foo` of `Foo`, `*Foo`, `pkg.Foo`, `Map<K, V>`, `: Foo`, `a.Foo`. */
function typeName(type: Node | null): string | undefined {
  if (!type) return undefined;
  switch (type.type) {
    case 'type_annotation':
    case 'type':
    case 'pointer_type':
      return typeName(type.namedChildren[0] ?? null);
    case 'generic_type':
      return typeName(type.childForFieldName('name') ?? type.namedChildren[0] ?? null);
    case 'qualified_type':
      return typeName(type.childForFieldName('name'));
    case 'scoped_type_identifier':
    case 'nested_type_identifier':
    case 'member_expression':
      return typeName(type.namedChildren.at(-1) ?? null);
    case 'attribute':
      return typeName(type.childForFieldName('attribute'));
    case 'type_identifier':
    case 'identifier':
    case 'property_identifier':
      return type.text === 'var' ? undefined : type.text;
    default:
      return undefined;
  }
}
