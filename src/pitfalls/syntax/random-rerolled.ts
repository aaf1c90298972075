import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { calleeText, code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A random draw made again in each branch:
 *
 *   if (randomNum() === 1) return 'rock';
 *   else if (randomNum() === 2) return 'paper';
 *   else return 'scissors';
 *
 * Each condition rolls anew, so the choices are no longer equally likely (rock 1/3, paper 2/9,
 * scissors 4/9). Found where two conditions or more of one if/else-if chain call `Math.random` or a
 * function of the file that does.
 */

/** The conditions of an `if` and of every `else if` chained to it. */
function chainConditions(statement: Node): Node[] {
  const conditions: Node[] = [];
  for (let at: Node | undefined = statement; at?.type === 'if_statement'; ) {
    const condition = at.childForFieldName('condition');
    if (condition) conditions.push(condition);
    const alternative = at.childForFieldName('alternative');
    at = alternative?.type === 'else_clause' ? code(alternative.namedChildren)[0] : undefined;
  }
  return conditions;
}

const randomRerolled: SyntaxRule = {
  id: 'js/random-rerolled',
  languages: ECMASCRIPT,
  concern: 'correctness',
  failure: 'certain',
  title: 'random drawn again in each branch',
  question: 'How many times is a random number drawn on the way to the last branch, and how likely is each branch now?',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Math/random',
  fix: 'Draw once and test the value: `const n = randomNum(); if (n === 1) ... else if (n === 2) ...`',
  types: ['if_statement', 'function_declaration', 'variable_declarator'],
  mentions: /Math\.random\s*\(/,
  find(index) {
    // Functions that draw: `Math.random` itself, and the file's own functions whose body calls it.
    const draws = new Set(['Math.random']);
    for (const fn of [...index.of('function_declaration'), ...index.of('variable_declarator')]) {
      const name = fn.childForFieldName('name')?.text;
      const body = fn.type === 'function_declaration' ? fn.childForFieldName('body') : fn.childForFieldName('value');
      if (name && body && /\bMath\.random\s*\(/.test(body.text) && (fn.type === 'function_declaration' || /^(?:arrow_function|function_expression|function)$/.test(body.type))) draws.add(name);
    }
    const hits: SyntaxHit[] = [];
    for (const statement of index.of('if_statement')) {
      // The head of a chain only: an `else if` is read with the `if` it belongs to.
      if (statement.parent?.type === 'else_clause') continue;
      const rolls = chainConditions(statement).filter((condition) => condition.descendantsOfType('call_expression').some((call) => call !== null && draws.has(calleeText(call))));
      if (rolls.length >= 2) hits.push({ node: statement, message: `Each of these ${rolls.length} conditions draws a new random number, so the later branches are reached less often than the earlier ones think.` });
    }
    return hits;
  },
};

export const RANDOM_REROLLED_RULES: readonly SyntaxRule[] = [randomRerolled];
