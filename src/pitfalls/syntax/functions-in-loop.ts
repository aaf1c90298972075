import type { Node } from 'web-tree-sitter';
import { code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A program written inside its menu loop: `while True:` shows the menu, then `def add_student():`,
 * `def calculate_grade(marks):`, `def view_students():`... are defined again on every pass, between
 * the prompts. Nothing can call them before the loop or test them apart from it, and the loop body
 * is the whole program. Found where a `while` loop's own body defines two functions or more (one
 * closure made in a loop is an idiom; a loop full of definitions is a program that lost its shape).
 */

const MIN_DEFINITIONS = 2;

const pythonFunctionsInLoop: SyntaxRule = {
  id: 'python/functions-in-loop',
  languages: ['python'],
  concern: 'design',
  title: 'functions defined inside the loop',
  question: 'How many times is each of these functions defined while the program runs, and how would you test one on its own?',
  docsUrl: 'https://docs.python.org/3/tutorial/controlflow.html#defining-functions',
  fix: 'Define the functions once at the top level, and keep only the menu and the calls in a `main()` loop: `def main(): while True: choice = input(...); if choice == "1": add_student()`',
  types: ['while_statement'],
  mentions: /\bwhile\b[\s\S]*\bdef\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const loop of index.of('while_statement')) {
      const body = loop.childForFieldName('body');
      const definitions = code(body?.namedChildren ?? []).filter((statement: Node) => statement.type === 'function_definition' || (statement.type === 'decorated_definition' && statement.childForFieldName('definition')?.type === 'function_definition'));
      const [first] = definitions;
      if (first && definitions.length >= MIN_DEFINITIONS) {
        hits.push({ node: first, message: `This loop defines ${definitions.length} functions on every pass (${definitions.map((fn) => `\`${(fn.childForFieldName('name') ?? fn.childForFieldName('definition')?.childForFieldName('name'))?.text ?? '?'}\``).slice(0, 3).join(', ')}${definitions.length > 3 ? '…' : ''}).` });
      }
    }
    return hits;
  },
};

export const FUNCTIONS_IN_LOOP_RULES: readonly SyntaxRule[] = [pythonFunctionsInLoop];
