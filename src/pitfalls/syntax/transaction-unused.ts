import type { Node } from 'web-tree-sitter';
import { declaresName, ECMASCRIPT } from './ecmascript-grammar.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * A transaction that holds no query:
 *
 *   const transaction = await sequelize.transaction();
 *   try {
 *     for (const user of users) await UserGroup.create({ userId: user.id, groupId });
 *     await transaction.commit();
 *   } catch (e) {
 *     await transaction.rollback();
 *   }
 *
 * Sequelize (and knex) run a query in a transaction only when it is given one (`{ transaction }`,
 * `.transacting(trx)`): here every insert commits on its own, so the rollback undoes nothing and a
 * failure halfway leaves half the rows. Found where the value of an awaited `.transaction()` is only
 * ever committed or rolled back. A file that turns on Sequelize's CLS (`useCLS`), which passes the
 * transaction implicitly, is left alone.
 */

const FINISH = /^(?:commit|rollback)$/;

/** `await sequelize.transaction()`, `await knex.transaction()`: the transaction made without a callback. */
function madeTransaction(value: Node | null): boolean {
  const call = value?.type === 'await_expression' ? value.namedChildren[0] : undefined;
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
  const args = call?.childForFieldName('arguments')?.namedChildren ?? [];
  return callee?.type === 'member_expression' && callee.childForFieldName('property')?.text === 'transaction' && !args.some((arg) => arg?.type === 'arrow_function' || arg?.type === 'function_expression');
}

export const TRANSACTION_UNUSED_RULES: readonly SyntaxRule[] = [
  {
    id: 'js/transaction-holds-no-query',
    languages: ECMASCRIPT,
    concern: 'correctness',
    failure: 'certain',
    title: 'transaction that holds no query',
    question: 'Which of the queries after this line run inside the transaction, and what does the rollback undo when the third one fails?',
    docsUrl: 'https://sequelize.org/docs/v6/other-topics/transactions/#unmanaged-transactions',
    fix: 'Give the transaction to every query that belongs to it (`await UserGroup.create(row, { transaction })`), or use a managed one: `await sequelize.transaction(async (transaction) => { ... })`',
    types: ['variable_declarator', 'identifier', 'shorthand_property_identifier'],
    mentions: /\.transaction\s*\(/,
    find(index, file) {
      if (/\buseCLS\s*\(/.test(file.text)) return [];
      const hits: SyntaxHit[] = [];
      for (const declarator of index.of('variable_declarator')) {
        const name = declarator.childForFieldName('name');
        const scope = declarator.parent?.parent;
        if (name?.type !== 'identifier' || !scope || !madeTransaction(declarator.childForFieldName('value'))) continue;
        // `{ where, transaction }` hands it over by a shorthand property.
        const uses = [...index.of('identifier', scope), ...index.of('shorthand_property_identifier', scope)].filter((identifier) => identifier.text === name.text && identifier.id !== name.id && !declaresName(identifier));
        const finishes = (use: Node) => use.parent?.type === 'member_expression' && use.parent.childForFieldName('object')?.id === use.id && FINISH.test(use.parent.childForFieldName('property')?.text ?? '');
        if (uses.length > 0 && uses.every(finishes)) hits.push({ node: declarator, message: `\`${name.text}\` is only committed or rolled back: no query is given it, so each one runs on its own and the rollback undoes nothing.` });
      }
      return hits;
    },
  },
];
