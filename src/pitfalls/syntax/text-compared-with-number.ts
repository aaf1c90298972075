import type { Node } from 'web-tree-sitter';
import { PYTHON_FUNCTIONS } from './python-grammar.js';
import { ancestor, code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * What was typed, compared with a number:
 *
 *   ch = input("Enter choice: ")
 *   if ch == 1:          # never true: ch is the text "1"
 *       withdraw()
 *
 * `input()` always gives a str, and in Python a str never equals an int, so every branch is dead
 * and a menu loops for ever. Found where a name whose last assignment before the test, in its
 * function (or the module), is a bare `input()` is compared with `==` or `!=` against an integer, or
 * tested with `in` against integers.
 */

/** Whether `node` is an integer literal, or a tuple, list or set of them. */
function integers(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'integer') return true;
  if (node.type === 'unary_operator') return node.namedChildren[0]?.type === 'integer';
  return ['tuple', 'list', 'set'].includes(node.type) && node.namedChildCount > 0 && code(node.namedChildren).every((item) => item.type === 'integer');
}

/**
 * Whether the last assignment to `name` that surely runs before `at` is a bare `input(...)`: the last
 * one above it, in the same function (or the module), in a block that holds `at` too (one inside an
 * earlier branch does not reach the branches after it).
 */
function lastSetByInput(name: Node, at: Node, assignments: readonly Node[]): boolean {
  const scope = ancestor(at, PYTHON_FUNCTIONS)?.id;
  const holdsAt = (assignment: Node) => {
    const block = assignment.parent?.parent;
    return block !== null && block !== undefined && block.startIndex <= at.startIndex && at.endIndex <= block.endIndex;
  };
  const last = assignments.filter((assignment) => assignment.endIndex <= at.startIndex && assignment.childForFieldName('left')?.text === name.text && ancestor(assignment, PYTHON_FUNCTIONS)?.id === scope && holdsAt(assignment)).at(-1);
  const value = last?.childForFieldName('right');
  return value?.type === 'call' && value.childForFieldName('function')?.text === 'input';
}

export const TEXT_COMPARED_WITH_NUMBER_RULES: readonly SyntaxRule[] = [
  {
    id: 'python/input-compared-with-number',
    languages: ['python'],
    concern: 'correctness',
    failure: 'certain',
    title: 'typed text compared with a number',
    question: 'What type does input() give back, and can it ever equal the number it is compared with?',
    docsUrl: 'https://docs.python.org/3/library/functions.html#input',
    fix: 'Compare text with text (`if ch == "1":`), or convert once where it is read (`ch = int(input(...))`, inside a `try` for input that is not a number)',
    types: ['assignment', 'comparison_operator'],
    mentions: /\binput\s*\(/,
    find(index) {
      const assignments = index.of('assignment');
      const hits: SyntaxHit[] = [];
      for (const comparison of index.of('comparison_operator')) {
        const [left, right, ...more] = code(comparison.namedChildren);
        const operator = comparison.children.filter((child) => child !== null && !child.isNamed).map((child) => child!.text).join(' ');
        if (!left || !right || more.length > 0 || !/^(?:==|!=|in|not in)$/.test(operator)) continue;
        const [name, number] = left.type === 'identifier' ? [left, right] : [right, left];
        if (name.type !== 'identifier' || !integers(number) || (operator.endsWith('in') && name.id !== left.id)) continue;
        if (lastSetByInput(name, comparison, assignments)) hits.push({ node: comparison, message: `\`${name.text}\` holds the text input() gave, a str: \`${comparison.text}\` is ${operator.startsWith('!') || operator === 'not in' ? 'always true' : 'never true'}.` });
      }
      return hits;
    },
  },
];
