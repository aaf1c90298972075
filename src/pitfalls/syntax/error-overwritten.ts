import type { Node } from 'web-tree-sitter';
import { goStatements } from './go.js';
import { type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A Go error assigned and then assigned again before anything reads it:
 *
 *   page, err := util.Uint(c.Query("p"))
 *   limit, err := util.Uint(c.Query("l"))
 *
 * The first call's failure is gone; `?p=abc` quietly becomes page 0. staticcheck reports it as
 * SA4006 (a value never used); here it is told as what it is for an error. Found in one block,
 * between two statements that assign the same error name, when no statement between them, nor the
 * second one's right-hand side, mentions the name.
 */

const ASSIGNMENTS = new Set(['short_var_declaration', 'assignment_statement']);

/** The error names a statement assigns (`err`, `parseErr`), when it is an assignment. */
function errorsAssigned(statement: Node): string[] {
  if (!ASSIGNMENTS.has(statement.type)) return [];
  if (statement.type === 'assignment_statement' && statement.childForFieldName('operator')?.text !== '=') return [];
  return (statement.childForFieldName('left')?.namedChildren ?? []).flatMap((name) => (name?.type === 'identifier' && /^(?:err|\w*Err)$/.test(name.text) ? [name.text] : []));
}

function mentions(node: Node | null | undefined, name: string): boolean {
  return node !== null && node !== undefined && new RegExp(`\\b${name}\\b`).test(node.text);
}

const errorOverwritten: SyntaxRule = {
  id: 'go/error-overwritten',
  languages: ['go'],
  concern: 'correctness',
  failure: 'hidden',
  title: 'error replaced before it is checked',
  question: 'If the call on this line fails, which line ever finds out?',
  docsUrl: 'https://staticcheck.dev/docs/checks/#SA4006',
  fix: 'Check each error before the next call reuses the name: `page, err := util.Uint(c.Query("p")); if err != nil { ... return }`',
  types: ['block'],
  mentions: /\berr|Err\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const block of index.of('block')) {
      const statements = goStatements(block).filter((statement) => statement.type !== 'comment');
      statements.forEach((statement, at) => {
        for (const name of errorsAssigned(statement)) {
          const later = statements.slice(at + 1);
          const next = later.findIndex((after) => mentions(after, name));
          const again = later[next];
          if (!again || !errorsAssigned(again).includes(name) || mentions(again.childForFieldName('right'), name)) continue;
          hits.push({ node: statement, message: `The error this assigns to \`${name}\` is replaced on line ${again.startPosition.row + 1} before anything reads it.` });
        }
      });
    }
    return hits;
  },
};

export const ERROR_OVERWRITTEN_RULES: readonly SyntaxRule[] = [errorOverwritten];
