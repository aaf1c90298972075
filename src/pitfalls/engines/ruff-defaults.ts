import type { Node } from 'web-tree-sitter';
import { parse } from '../../index/parse/tree-sitter.js';
import { questionFor } from '../teach.js';
import type { Pitfall } from '../types.js';

/**
 * Ruff's B006 (a mutable default argument) is a live bug only where the function changes the
 * default or lets it out: `cart.append(item)`, `return cart`. A default the function only reads
 * (`if not statuses`, `x in statuses`) is safe today and a trap the day someone changes it: a
 * design matter, taught after the faults (a bare `except:` or a request without a timeout beside
 * it matters more). Read from the tree-sitter parse, conservatively: any use it cannot tell is
 * read-only keeps the pitfall a correctness one.
 */

/** Methods of lists, dicts and sets that change them in place. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'remove', 'pop', 'clear', 'sort', 'reverse', 'add', 'discard', 'update', 'setdefault', 'popitem', 'difference_update', 'intersection_update', 'symmetric_difference_update']);
/** Builtins a collection can be handed to without being changed or kept. */
const READERS = new Set(['len', 'bool', 'any', 'all', 'sum', 'min', 'max', 'sorted', 'list', 'tuple', 'set', 'frozenset', 'dict', 'iter', 'enumerate', 'str', 'repr', 'print', 'isinstance']);
/** Where a bare use of the name only reads it. */
const READING = new Set(['comparison_operator', 'boolean_operator', 'not_operator', 'if_statement', 'elif_clause', 'while_statement', 'assert_statement', 'for_in_clause', 'if_clause']);

const DEFAULTS = new Set(['default_parameter', 'typed_default_parameter']);
const FUNCTIONS = new Set(['function_definition', 'lambda']);

/** `pitfalls` with each B006 whose default the function only reads made a design matter. */
export async function withReadOnlyDefaultsDemoted(pitfalls: Pitfall[], text: string): Promise<Pitfall[]> {
  if (!pitfalls.some((pitfall) => pitfall.ruleId === 'ruff/B006')) return pitfalls;
  const tree = await parse(text, 'python').catch(() => null);
  if (!tree) return pitfalls;
  try {
    return pitfalls.map((pitfall) => {
      if (pitfall.ruleId !== 'ruff/B006') return pitfall;
      // Ruff's pitfall names a line: when it holds several mutable defaults, each must be only read.
      const names = defaultParametersOn(tree.rootNode, pitfall.startLine).map(readOnlyName);
      if (names.length === 0 || names.some((name) => name === undefined)) return pitfall;
      const named = names.map((name) => `\`${name}\``).join(' and ');
      // Only read, it hides nothing yet: a design matter with no failure to rank by.
      const { failure: _hidden, ...rest } = pitfall;
      return {
        ...rest,
        concern: 'design',
        message: `${pitfall.message}: ${named} ${names.length > 1 ? 'are only read here, so they are safe today, and a bug the day this function changes or returns them' : 'is only read here, so it is safe today, and a bug the day this function changes or returns it'}.`,
        question: questionFor('design', 'What happens the day someone appends to this default, and how would they know not to?'),
      };
    });
  } finally {
    tree.delete();
  }
}

/** The parameters whose default value starts on `line` (1-based). */
function defaultParametersOn(root: Node, line: number): Node[] {
  const found: Node[] = [];
  const walk = (node: Node): void => {
    if (node.startPosition.row + 1 > line || node.endPosition.row + 1 < line) return;
    if (DEFAULTS.has(node.type) && node.childForFieldName('value')?.startPosition.row === line - 1) found.push(node);
    for (const child of node.namedChildren) walk(child);
  };
  walk(root);
  return found;
}

/** The parameter's name when its function only reads it; undefined when it may change it or let it out. */
function readOnlyName(parameter: Node): string | undefined {
  const name = parameter.childForFieldName('name')?.text;
  const body = enclosingFunction(parameter)?.childForFieldName('body');
  return name && body && usesOf(body, name).every(onlyReads) ? name : undefined;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let at = node.parent; at; at = at.parent) if (FUNCTIONS.has(at.type)) return at;
  return undefined;
}

/** The identifiers named `name` in `body`, outside functions nested in it (their own scope). */
function usesOf(body: Node, name: string): Node[] {
  const uses: Node[] = [];
  const walk = (node: Node): void => {
    if (node.type === 'identifier' && node.text === name) uses.push(node);
    for (const child of node.namedChildren) if (!FUNCTIONS.has(child.type) || !shadows(child, name)) walk(child);
  };
  walk(body);
  return uses;
}

/** Whether a nested function has a parameter of that name (its uses are not the default's). */
function shadows(fn: Node, name: string): boolean {
  const parameters = fn.childForFieldName('parameters');
  return (parameters?.namedChildren ?? []).some((parameter) => (parameter.type === 'identifier' ? parameter.text : parameter.childForFieldName('name')?.text) === name);
}

/** Whether this use of the name leaves the default as it was and keeps it in the function. */
function onlyReads(use: Node): boolean {
  const parent = use.parent;
  if (!parent) return false;
  const is = (field: string) => parent.childForFieldName(field)?.id === use.id;
  switch (parent.type) {
    case 'attribute': {
      // `name.append(x)` changes it; `name.get(k)`, `name.count(x)` read it; `name.x = 1` changes it.
      const call = parent.parent;
      if (call?.type === 'call' && call.childForFieldName('function')?.id === parent.id) return !MUTATORS.has(parent.childForFieldName('attribute')?.text ?? '');
      return !isAssigned(parent);
    }
    case 'subscript':
      return is('value') && !isAssigned(parent) && parent.parent?.type !== 'delete_statement';
    case 'assignment':
      // Rebinding the name (`name = name or []`) leaves the default alone; handing it to another name lets it out.
      return is('left');
    case 'augmented_assignment':
      return false;
    case 'for_statement':
      return is('right') || is('left');
    case 'argument_list': {
      const callee = parent.parent?.childForFieldName('function');
      return callee?.type === 'identifier' && READERS.has(callee.text);
    }
    default:
      return READING.has(parent.type);
  }
}

function isAssigned(target: Node): boolean {
  const holder = target.parent;
  return (holder?.type === 'assignment' || holder?.type === 'augmented_assignment') && holder.childForFieldName('left')?.id === target.id;
}
