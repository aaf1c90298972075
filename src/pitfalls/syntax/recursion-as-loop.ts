import type { Node } from 'web-tree-sitter';
import { PYTHON_FUNCTIONS } from './python-grammar.js';
import { ancestor, calleeText, code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A program that goes round by calling itself:
 *
 *   def menu():
 *       choice = input("1) add  2) list  3) quit: ")
 *       if choice == "1":
 *           add()
 *       menu()
 *
 * Every pass leaves the last one's frame on the stack, so after about a thousand passes (Python's
 * recursion limit) the program stops with RecursionError, and whatever it held only in memory is
 * lost. Found where a function that reads the keyboard (`input()`) calls itself on its way out:
 * as its last statement, or the last of a loop or of a branch that ends it. A retry that returns the
 * new call's answer (`return ask()`) is left alone: it recurses only as often as the user errs.
 */

/**
 * Whether `call` is a statement that ends a pass: the last of the function's body, of a loop's body,
 * or of a branch of an `if` that is itself last in one of those.
 */
function endsAPass(call: Node, fn: Node): boolean {
  let at: Node | null = call.parent;
  if (at?.type !== 'expression_statement') return false;
  while (at) {
    const block: Node | null = at.parent;
    if (block?.type !== 'block' || code(block.namedChildren).at(-1)?.id !== at.id) return false;
    const owner: Node | null = block.parent;
    if (!owner) return false;
    if (owner.id === fn.id || owner.type === 'while_statement' || owner.type === 'for_statement') return true;
    const branch: Node | null = owner.type === 'elif_clause' || owner.type === 'else_clause' ? owner.parent : owner;
    at = branch?.type === 'if_statement' ? branch : null;
  }
  return false;
}

export const RECURSION_AS_LOOP_RULES: readonly SyntaxRule[] = [
  {
    id: 'python/recursion-as-loop',
    languages: ['python'],
    concern: 'correctness',
    title: 'function that loops by calling itself',
    question: 'How many times can this function call itself before Python stops it, and what is lost when it does?',
    docsUrl: 'https://docs.python.org/3/library/sys.html#sys.getrecursionlimit',
    fix: 'Go round with a loop instead: `while True:` around the body, `break` (or `return`) when the user is done, and no call to the function inside itself',
    types: ['call'],
    mentions: /\binput\s*\(/,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const call of index.of('call')) {
        const fn = ancestor(call, PYTHON_FUNCTIONS);
        const name = fn?.childForFieldName('name')?.text;
        if (!fn || !name || calleeText(call) !== name || !endsAPass(call, fn)) continue;
        const readsKeyboard = index.of('call', fn).some((inner) => calleeText(inner) === 'input' && ancestor(inner, PYTHON_FUNCTIONS)?.id === fn.id);
        if (readsKeyboard) hits.push({ node: call, message: `\`${name}()\` calls itself to go round again: each pass stays on the stack, and after about a thousand Python stops with RecursionError.` });
      }
      return hits;
    },
  },
];
