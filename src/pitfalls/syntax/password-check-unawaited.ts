import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { calleeText, firstUseAfter, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A password check whose answer is a promise, tested without `await`:
 *
 *   const validPassword = this.hashingProvider.comparePassword(user.password, dto.password);
 *   if (!validPassword) throw new BadRequestException('Password does not match');
 *
 * A pending promise is an object, and an object is always true: `!validPassword` is always false,
 * so every password passes and anyone who knows an email can change that account's password (or
 * log in as anyone). Found where a password comparison (`bcrypt.compare`, `argon2.verify`, or a
 * `compare…`/`verify…` method of a service the class holds and awaits elsewhere, `await
 * this.hashingProvider.hashpassword(...)`) is tested in a condition, directly or through the name
 * it is kept in, without `await`.
 */

/** Libraries whose compare is always async. */
const ASYNC_COMPARE = /^(?:bcrypt|bcryptjs|argon2)\.(?:compare|verify)$/;
/** A comparison's name: `comparePassword`, `verifyPassword`, `compare`. */
const COMPARE = /\.(?:compare\w*|verify\w*|check\w*Password\w*)$/i;

/** Whether `node` is tested as a condition: an `if`'s or a loop's, a `!`, a `&&`/`||`, a ternary's. */
function tested(node: Node): boolean {
  let at = node;
  while (at.parent?.type === 'parenthesized_expression' || (at.parent?.type === 'unary_expression' && at.parent.text.startsWith('!'))) at = at.parent;
  const parent = at.parent;
  if (!parent) return false;
  if (parent.type === 'if_statement' || parent.type === 'while_statement') return true;
  if (parent.type === 'ternary_expression') return parent.childForFieldName('condition')?.id === at.id;
  return parent.type === 'binary_expression' && /^(?:&&|\|\|)$/.test(parent.childForFieldName('operator')?.text ?? '');
}

const passwordCheckUnawaited: SyntaxRule = {
  id: 'js/password-check-unawaited',
  languages: ECMASCRIPT,
  concern: 'security',
  // Every password passes, for anyone, now.
  failure: 'certain',
  title: 'password check tested without await',
  question: 'What does this compare return before it has finished, and is that value true or false?',
  docsUrl: 'https://typescript-eslint.io/rules/no-misused-promises/',
  fix: '`await` the comparison before testing it: `const ok = await bcrypt.compare(password, user.passwordHash); if (!ok) throw ...`',
  types: ['call_expression', 'variable_declarator', 'identifier'],
  mentions: /compare|verify|check/i,
  find(index, file) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      const callee = calleeText(call);
      if (call.parent?.type === 'await_expression' || !COMPARE.test(callee)) continue;
      // A service the class holds (`this.hashingProvider`) whose other calls the file awaits: its
      // methods are async. A module's own helper may not be (uptime-kuma's `passwordHash.verify`
      // is synchronous beside an awaited `passwordHash.generate`).
      const receiver = callee.slice(0, callee.lastIndexOf('.'));
      const asyncService = receiver.startsWith('this.') && file.text.includes(`await ${receiver}.`);
      if (!ASYNC_COMPARE.test(callee) && !asyncService) continue;
      // Tested where it is made (`if (!bcrypt.compare(...))`), or kept in a name whose first use is a test.
      const declarator = call.parent?.type === 'variable_declarator' ? call.parent : undefined;
      const name = declarator?.childForFieldName('name');
      const scope = declarator?.parent?.parent;
      const use = name?.type === 'identifier' && scope ? firstUseAfter(index, name, declarator!, scope) : undefined;
      if (tested(call) || (use !== undefined && tested(use))) {
        hits.push({ node: call, message: `\`${callee}\` gives a promise, and a promise is always true: tested without await, this check lets every password through.` });
      }
    }
    return hits;
  },
};

export const PASSWORD_CHECK_UNAWAITED_RULES: readonly SyntaxRule[] = [passwordCheckUnawaited];
