import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A record looked up by its id alone where the file's other lookups also ask for its owner:
 * `findOne({ where: { id, user: { id: userId } } })` in `findOne` and `update`, then `findOne({
 * where: { id } })` in `remove`. The other methods keep each user to their own records; this one
 * lets any signed-in user reach anyone's by guessing or counting ids (an insecure direct object
 * reference). Found only when at least two lookups by id on the same repository or model name an
 * owner (`user`, `userId`, `owner`, `author`...) and this one does not: the file's own habit,
 * forgotten once.
 */

const QUERY_CALL = /\.(?:find|findOne|findOneBy|findFirst|findUnique|findAll|delete|deleteOne|deleteMany|destroy|update|updateOne|updateMany|findOneAndUpdate|findOneAndDelete|softDelete|remove|count|exists)$/;
const ID_KEY = /^['"]?_?id['"]?$/;
const OWNER_KEY = /^['"]?(?:user|owner|author|account|creator|createdBy|tenant)(?:_?[iI]d)?['"]?$/;

function keyOf(entry: Node): string {
  return entry.type === 'shorthand_property_identifier' ? entry.text : (entry.childForFieldName('key')?.text ?? '');
}

/** The repository or model a query object is given to (`this.taskRepo`), when it is one, walking out of `where: {...}`. */
function queriedOn(object: Node): string | undefined {
  let at: Node | null = object;
  while (at?.parent?.type === 'pair' && at.parent.parent?.type === 'object') at = at.parent.parent;
  const call = at?.parent?.type === 'arguments' ? at.parent.parent : null;
  if (call?.type !== 'call_expression') return undefined;
  const callee = calleeText(call);
  return QUERY_CALL.test(callee) ? callee.slice(0, callee.lastIndexOf('.')) : undefined;
}

interface Lookup {
  object: Node;
  on: string;
  owned: boolean;
}

const ownerCheckForgotten: SyntaxRule = {
  id: 'js/owner-check-forgotten',
  languages: ECMASCRIPT,
  concern: 'security',
  title: 'record reached by id alone',
  question: 'The other lookups here also ask whose record it is: which user can reach this one, and what stops them using someone else\'s id?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html',
  fix: 'Ask for the owner as the other lookups do (`where: { id, user: { id: userId } }`), so a record that is not the caller\'s is not found',
  types: ['object'],
  mentions: /\b(?:user|owner|author)(?:_?[iI]d)?\b/,
  find(index) {
    const lookups: Lookup[] = [];
    for (const object of index.of('object')) {
      const entries = object.namedChildren.filter((entry): entry is Node => entry !== null && (entry.type === 'pair' || entry.type === 'shorthand_property_identifier'));
      // `user: { id: userId }` is the owner named, not a lookup of its own.
      const ownerValue = object.parent?.type === 'pair' && OWNER_KEY.test(keyOf(object.parent));
      if (ownerValue || !entries.some((entry) => ID_KEY.test(keyOf(entry)))) continue;
      const on = queriedOn(object);
      if (on) lookups.push({ object, on, owned: entries.some((entry) => OWNER_KEY.test(keyOf(entry))) });
    }
    const hits: SyntaxHit[] = [];
    for (const lookup of lookups) {
      const owned = lookups.filter((other) => other.on === lookup.on && other.owned).length;
      if (!lookup.owned && owned >= 2) hits.push({ node: lookup.object, message: `${owned} other lookups on \`${lookup.on}\` ask for the record's owner; \`${lookup.object.text.slice(0, 40)}\` asks for the id alone.` });
    }
    return hits;
  },
};

export const OWNER_CHECK_RULES: readonly SyntaxRule[] = [ownerCheckForgotten];
