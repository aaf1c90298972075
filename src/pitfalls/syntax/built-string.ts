import type { Node } from 'web-tree-sitter';
import { ancestor, type SyntaxIndex } from './rule.js';

/** Stands for a value in a built string's text: a character no source literal holds. */
export const HOLE = '\u0000';

/** A format verb, `%s`, `%-8v`, `%.2f`, or a literal `%%`. */
const VERB = /%%|%[-+# 0]*\d*(\.\d+)?([a-zA-Z])/g;
/** Verbs that print a value as text; `%d`, `%f` or `%x` print only digits, which carry no quote or `;` into the string. */
const TEXT_VERBS = new Set(['s', 'S', 'v', 'q']);

/** How one grammar writes strings, and how it builds them from pieces. */
export interface StringGrammar {
  /** Node types of a string literal whose text (without its quotes) is known. */
  literals: ReadonlySet<string>;
  /** A template string with `${...}` substitutions, for languages that have one. */
  template?: { type: string; substitution: string };
  /** Node types that can build a string: a `+`, a template, a format call. */
  builders: readonly string[];
  /** The call that formats a literal with values, `fmt.Sprintf("...", a)`: the format literal, and the values. */
  formatCall(node: Node): { format: Node; values: Node[] } | undefined;
  /** Node types that declare a name with a value: `const x = ...`, `x := ...`. */
  declarations: readonly string[];
  /** The name and value of such a declaration, when it declares one name with one value. */
  declared(node: Node): { name: string; value: Node } | undefined;
  /** Node types of a function body a declaration is local to. */
  functions: ReadonlySet<string>;
}

/** `declared` for grammars whose declarations hold one identifier and its value in two fields (`const x = v`, `x = v`). */
export function identifierAnd(nameField: string, valueField: string): StringGrammar['declared'] {
  return (node) => {
    const name = node.childForFieldName(nameField);
    const value = node.childForFieldName(valueField);
    return name?.type === 'identifier' && value ? { name: name.text, value } : undefined;
  };
}

/** A string made at run time from literal text and values: its text with a HOLE for each value, and the values in the same order. */
export interface BuiltString {
  text: string;
  values: Node[];
}

/** A format literal with its text verbs as holes, each paired with the argument it prints. */
function fromFormat(format: Node, args: Node[]): BuiltString {
  const values: Node[] = [];
  let next = 0;
  const text = literalText(format).replace(VERB, (verb, _precision, letter: string | undefined) => {
    // `%%` prints a percent sign and `%n` (Java) a newline: neither takes an argument.
    if (!letter || letter === 'n') return verb;
    const value = args[next++];
    if (!TEXT_VERBS.has(letter) || !value) return verb;
    values.push(value);
    return HOLE;
  });
  return { text, values };
}

/** The text of a literal, without its quotes (`"a"`, `'a'`, `` `a` ``, `"""a"""`). */
export function literalText(node: Node): string {
  return node.text.replace(/^("""|[`'"])/, '').replace(/("""|[`'"])$/, '');
}

function unwrap(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) current = current.namedChildren[0] as Node;
  return current;
}

/** The node `node` is part of, past any parentheses around it. */
function parentOf(node: Node): Node | null {
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') parent = parent.parent;
  return parent;
}

function isPlus(node: Node | null): boolean {
  return node?.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+';
}

/** The operands of a chain of `+`, left to right: `a + "b" + c` is [a, "b", c]. */
function operands(node: Node): Node[] {
  const inner = unwrap(node);
  if (!isPlus(inner)) return [inner];
  return [inner.childForFieldName('left'), inner.childForFieldName('right')].flatMap((side) => (side ? operands(side) : []));
}

/** The text and values of a template string; undefined when it has no substitution. */
function fromTemplate(node: Node, grammar: StringGrammar): BuiltString | undefined {
  const template = grammar.template;
  if (node.type !== template?.type) return undefined;
  const values: Node[] = [];
  let text = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === template.substitution) {
      text += HOLE;
      values.push(...child.namedChildren.filter((value): value is Node => value !== null));
    } else {
      text += child.text;
    }
  }
  return values.length > 0 ? { text, values } : undefined;
}

/**
 * The string `node` builds from literal text and values, when it builds one: a template with a
 * substitution, a `+` chain that joins at least one literal to at least one value, or a format call
 * with a verb that prints a value as text. Only the outermost `+` of a chain answers, so one string
 * is reported once.
 */
export function builtString(node: Node, grammar: StringGrammar): BuiltString | undefined {
  const template = fromTemplate(node, grammar);
  if (template) return template;
  const format = grammar.formatCall(node);
  if (format) {
    const built = fromFormat(format.format, format.values);
    return built.values.length > 0 ? built : undefined;
  }
  if (!isPlus(node) || isPlus(parentOf(node))) return undefined;
  let text = '';
  let literals = 0;
  const values: Node[] = [];
  for (const operand of operands(node)) {
    if (grammar.literals.has(operand.type)) {
      text += literalText(operand);
      literals++;
    } else if (operand.type === grammar.template?.type) {
      const inner = fromTemplate(operand, grammar);
      text += inner?.text ?? literalText(operand);
      values.push(...(inner?.values ?? []));
      literals++;
    } else {
      text += HOLE;
      values.push(operand);
    }
  }
  return literals > 0 && values.length > 0 ? { text, values } : undefined;
}

/** A declaration of one name with one value, and the function it is local to (none: the file). */
interface Declaration {
  node: Node;
  value: Node;
  scope: Node | undefined;
}

/** Each file's declarations by name, gathered once: a rule asks about many names. */
const declarationsOf = new WeakMap<SyntaxIndex, Map<string, Declaration[]>>();

function declarationsNamed(name: string, index: SyntaxIndex, grammar: StringGrammar): Declaration[] {
  let byName = declarationsOf.get(index);
  if (!byName) {
    byName = new Map();
    for (const node of grammar.declarations.flatMap((type) => index.of(type))) {
      const declared = grammar.declared(node);
      if (!declared) continue;
      const list = byName.get(declared.name) ?? [];
      list.push({ node, value: declared.value, scope: ancestor(node, grammar.functions) });
      byName.set(declared.name, list);
    }
    declarationsOf.set(index, byName);
  }
  return byName.get(name) ?? [];
}

/**
 * What a name stands for at `use`: the value of the nearest declaration of that name before it, in
 * a function around it or at the top of the file (one declared in some other function is another
 * variable). Later assignments are not followed.
 */
export function localValue(use: Node, index: SyntaxIndex, grammar: StringGrammar): Node | undefined {
  if (use.type !== 'identifier') return undefined;
  const before = declarationsNamed(use.text, index, grammar).filter(
    ({ node, scope }) => node.endIndex <= use.startIndex && (!scope || (scope.startIndex <= use.startIndex && use.endIndex <= scope.endIndex)),
  );
  const nearest = before.sort((a, b) => a.node.endIndex - b.node.endIndex).at(-1);
  return nearest && !shadowedByParameter(use, nearest.node) ? nearest.value : undefined;
}

/**
 * Every value a name may hold at `use`: the values of all its declarations before it, in a function
 * around it or at the top of the file, unless a parameter shadows them. For taint, where one branch's
 * value is enough (`if ...: path = self.path` / `else: path = "index.html"`).
 */
export function reachingValues(use: Node, index: SyntaxIndex, grammar: StringGrammar): Node[] {
  if (use.type !== 'identifier') return [];
  return declarationsNamed(use.text, index, grammar)
    .filter(({ node, scope }) => node.endIndex <= use.startIndex && (!scope || (scope.startIndex <= use.startIndex && use.endIndex <= scope.endIndex)) && !shadowedByParameter(use, node))
    .map(({ value }) => value);
}

/** Whether a function between `use` and `declaration` takes a parameter of the same name (`addUser(String password)` under a field `password`). */
function shadowedByParameter(use: Node, declaration: Node): boolean {
  for (let at = use.parent; at && !(at.startIndex <= declaration.startIndex && declaration.endIndex <= at.endIndex); at = at.parent) {
    if (at.childForFieldName('parameters')?.descendantsOfType(['identifier']).some((name) => name?.text === use.text)) return true;
  }
  return false;
}

/** The built string an argument is, or names: `exec("ls " + dir)`, or `cmd := "ls " + dir; exec(cmd)`. */
export function builtArgument(argument: Node | null | undefined, index: SyntaxIndex, grammar: StringGrammar): BuiltString | undefined {
  if (!argument) return undefined;
  const value = localValue(argument, index, grammar) ?? argument;
  return builtString(value, grammar);
}

/** A name written as a constant's: `LIMIT`, `Tables.ORDERS`, `this.MAX_ROWS`. */
const CONSTANT_NAME = /(^|\.)[A-Z][A-Z0-9_]*$/;
/** Placeholders made from a list, `ids.map(() => '?').join(',')` or `` `$${i + 1}` ``: parameters, not values. */
const PLACEHOLDERS = /(['"`])\?\1|`\$\$\{/;
/** Literals of numbers and other scalars, in JavaScript, Java and Go. */
const SCALAR_LITERALS = new Set([
  'number', 'true', 'false', 'null', 'nil',
  'decimal_integer_literal', 'hex_integer_literal', 'decimal_floating_point_literal', 'character_literal',
  'int_literal', 'float_literal', 'rune_literal',
]);
/** How far `a` is followed when it names `b` that names `c`. */
const MAX_NAME_HOPS = 3;

/**
 * Whether a value in a built string is fixed text rather than data: a number, a name written as a
 * constant's, placeholders made from a list, or a local name whose value is one of those or a
 * string built only from them.
 */
export function isConstantValue(value: Node, index: SyntaxIndex, grammar: StringGrammar, hops = 0): boolean {
  if (grammar.literals.has(value.type) || SCALAR_LITERALS.has(value.type)) return true;
  if (CONSTANT_NAME.test(value.text) || PLACEHOLDERS.test(value.text)) return true;
  const named = hops < MAX_NAME_HOPS ? localValue(value, index, grammar) : undefined;
  if (!named) return false;
  const built = builtString(named, grammar);
  if (built) return built.values.every((inner) => isConstantValue(inner, index, grammar, hops + 1));
  return named.type === grammar.template?.type || isConstantValue(named, index, grammar, hops + 1);
}
