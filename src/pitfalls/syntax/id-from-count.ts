import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * A new record's id made from how many there are: `new_id = len(students) + 1`,
 * `{ id: todos.length + 1, ... }`. It works until the first delete: with three students and the
 * second deleted, the next one gets id 3 again, and every lookup, update or delete by id now finds
 * two records (or overwrites the old one). Found where a name or key that says id is given a
 * collection's size plus a number.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'hidden',
  title: 'id made from the number of records',
  question: 'After one record is deleted, which id does the next new record get, and who already has it?',
  docsUrl: 'https://en.wikipedia.org/wiki/Surrogate_key',
  fix: 'Let the database give the id (an autoincrement or a UUID column), or keep a counter that only grows (`next_id = max(ids, default=0) + 1`, `crypto.randomUUID()`, `uuid.uuid4()`)',
} as const;

/** A name or key that holds an id: `id`, `id_` (kept off the builtin), `new_id`, `userId`, `"id"`. */
const ID_NAME = /^['"]?(?:\w*_)?id_?['"]?$|^\w*[a-z]Id$/i;

interface CountGrammar {
  id: string;
  languages: readonly ParsedLanguage[];
  /** Node types that give a name or key a value. */
  types: readonly string[];
  /** The name or key given, and the value, when `node` gives one. */
  given(node: Node): { name: Node; value: Node } | undefined;
  /** `len(xs) + 1`, `xs.length + 1`, with the spaces taken out. */
  sizePlus: RegExp;
  mentions: RegExp;
}

function idFromCount(grammar: CountGrammar): SyntaxRule {
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...TEACHING,
    types: grammar.types,
    mentions: grammar.mentions,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const node of grammar.types.flatMap((type) => index.of(type))) {
        const given = grammar.given(node);
        if (given && ID_NAME.test(given.name.text) && grammar.sizePlus.test(given.value.text.replace(/\s+/g, ''))) {
          hits.push({ node, message: `\`${given.value.text.slice(0, 40)}\` repeats an id still in use as soon as a record is deleted.` });
        }
      }
      return hits;
    },
  };
}

function fields(node: Node, name: string, value: string): { name: Node; value: Node } | undefined {
  const [key, given] = [node.childForFieldName(name), node.childForFieldName(value)];
  return key && given ? { name: key, value: given } : undefined;
}

export const ID_FROM_COUNT_RULES: readonly SyntaxRule[] = [
  idFromCount({
    id: 'python/id-from-count',
    languages: ['python'],
    types: ['assignment', 'pair', 'keyword_argument'],
    given: (node) => (node.type === 'assignment' ? fields(node, 'left', 'right') : node.type === 'pair' ? fields(node, 'key', 'value') : fields(node, 'name', 'value')),
    sizePlus: /^len\([\w.]+\)\+\d+$/,
    mentions: /\blen\(/,
  }),
  idFromCount({
    id: 'js/id-from-count',
    languages: ECMASCRIPT,
    types: ['variable_declarator', 'pair', 'assignment_expression'],
    given: (node) => (node.type === 'variable_declarator' ? fields(node, 'name', 'value') : node.type === 'pair' ? fields(node, 'key', 'value') : fields(node, 'left', 'right')),
    sizePlus: /^[\w.]+\.length\+\d+$/,
    mentions: /\.length\s*\+/,
  }),
];
