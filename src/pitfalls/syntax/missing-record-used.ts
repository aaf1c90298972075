import type { ParsedLanguage } from '../../index/language.js';
import { ancestor, firstUseAfter, isReachedInto, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A lookup that finds nothing, used as if it had found something:
 *
 *   todo = Todo.query.get(id)                 AccountHolder holder = customers.stream()
 *   db.session.delete(todo)                       .filter(a -> a.getNumber() == number)
 *                                                 .findFirst().orElse(null);
 *                                             if (holder.getPassWord().equals(password)) {
 *
 * For an id nobody has (a typo, a deleted record, a wrong account number) the lookup gives None or
 * null, and the next line fails on it: a 500 instead of a 404, a crash instead of "incorrect
 * account number". Found where the first use of the name after the lookup reaches into it (an
 * attribute, a method call) or hands it to the session's `delete`/`add`, before any test of it,
 * outside a `try` (where the failure is caught).
 */

const TRY = new Set(['try_statement']);

interface LookupGrammar {
  languages: readonly ParsedLanguage[];
  /** What the lookup gives when nothing matches. */
  missing: 'None' | 'null';
  /** Where a lookup's result is named: the node type, and its name and value fields. */
  binding: { type: string; name: string; value: string };
  /** A lookup that gives None or null when nothing matches, as written. */
  lookup: RegExp;
  /** Calls that fail when handed the missing value (`db.session.delete(todo)`). */
  failsOn?: RegExp;
  functions: ReadonlySet<string>;
  docsUrl: string;
  fix: string;
  mentions: RegExp;
}

function missingRecordRule(id: string, grammar: LookupGrammar): SyntaxRule {
  return {
    id,
    languages: grammar.languages,
    concern: 'correctness',
    // Every lookup of an id nobody has.
    failure: 'hidden',
    title: 'lookup that may find nothing, used unchecked',
    question: 'What does this lookup give back for an id nobody has, and what does the next line do with that?',
    docsUrl: grammar.docsUrl,
    fix: grammar.fix,
    types: [grammar.binding.type, 'identifier'],
    mentions: grammar.mentions,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const node of index.of(grammar.binding.type)) {
        const name = node.childForFieldName(grammar.binding.name);
        const value = node.childForFieldName(grammar.binding.value);
        const scope = ancestor(node, grammar.functions);
        if (name?.type !== 'identifier' || !value || !scope || !grammar.lookup.test(value.text.replace(/\s+/g, ''))) continue;
        const use = firstUseAfter(index, name, node, scope);
        const parent = use?.parent;
        if (!use || !parent) continue;
        const reached = isReachedInto(use);
        const call = parent.type === 'argument_list' ? parent.parent : null;
        const handedOn = call !== null && grammar.failsOn !== undefined && grammar.failsOn.test(call.childForFieldName('function')?.text ?? '');
        // Inside a `try`, the failure is caught and answered (flyway's `catch (Exception e)` around `field.getType()`).
        if ((reached || handedOn) && !ancestor(parent, TRY)) hits.push({ node: parent, message: `\`${name.text}\` is ${grammar.missing} when nothing matches, and this line uses it before anything checks.` });
      }
      return hits;
    },
  };
}

export const MISSING_RECORD_USED_RULES: readonly SyntaxRule[] = [
  missingRecordRule('python/missing-record-used', {
    languages: ['python'],
    missing: 'None',
    binding: { type: 'assignment', name: 'left', value: 'right' },
    // Flask-SQLAlchemy's `Todo.query.get(id)` and `Todo.query.filter_by(...).first()`.
    lookup: /\.query\.(?:get\(.*\)|.*\.first\(\))$/,
    failsOn: /\.session\.(?:delete|add)$/,
    functions: new Set(['function_definition']),
    docsUrl: 'https://flask-sqlalchemy.readthedocs.io/en/stable/queries/#queries-for-views',
    fix: 'In a view, use `Todo.query.get_or_404(id)` (or `first_or_404()`), which answers 404 for you; elsewhere test `if todo is None:` and answer before using it',
    mentions: /\.query\./,
  }),
  missingRecordRule('java/missing-record-used', {
    languages: ['java'],
    missing: 'null',
    binding: { type: 'variable_declarator', name: 'name', value: 'value' },
    lookup: /\.orElse\(null\)$/,
    functions: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
    docsUrl: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/util/Optional.html',
    fix: 'Keep the Optional and say what happens when it is empty: `.orElseThrow(() -> new IllegalArgumentException("no such account"))`, or `if (holder == null) { ...; return; }` before using it',
    mentions: /\.orElse\s*\(\s*null\s*\)/,
  }),
];
