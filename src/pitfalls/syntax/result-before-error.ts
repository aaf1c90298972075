import type { Node } from 'web-tree-sitter';
import { ASSIGNMENTS } from './go.js';
import { reachedInto, statementAfter, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A result used before its error is looked at:
 *
 *   claims, err := util.ParseToken(token)          resp, err := http.Get(url)
 *   c.Set("userId", claims.UserId)                 defer resp.Body.Close()
 *   if err != nil {                                if err != nil {
 *
 * When the call fails, its result is nil (or empty), so the line between panics (a nil pointer
 * dereference: the request answers 500, the program stops) before the check written for exactly
 * that case is reached. Found where a statement between `x, err := f()` and the first statement
 * that reads `err` reaches into `x` (`x.Field`, `x.Method()`, `x[i]`) without testing it for nil; a
 * result only handed on (`return x, err`, `total += n`) is left to whoever checks it. A test file is
 * left alone: there the panic fails the test, as the check would (expert Go's only hits, 6 of them).
 */

const resultBeforeError: SyntaxRule = {
  id: 'go/result-before-error',
  languages: ['go'],
  concern: 'correctness',
  // It fails every time the call does, and that is when it matters.
  failure: 'hidden',
  title: 'result used before its error is checked',
  question: 'When this call fails, what is in its result, and which line runs first: the one using it or the error check?',
  docsUrl: 'https://go.dev/doc/effective_go#errors',
  fix: 'Check the error straight after the call (`if err != nil { ...; return }`) and only then touch the result; a `defer resp.Body.Close()` goes after that check too',
  types: ASSIGNMENTS,
  mentions: /\berr\b/,
  find(index, file) {
    if (file.path.endsWith('_test.go')) return [];
    const hits: SyntaxHit[] = [];
    for (const assignment of ASSIGNMENTS.flatMap((type) => index.of(type))) {
      const targets = (assignment.childForFieldName('left')?.namedChildren ?? []).filter((target): target is Node => target !== null);
      const error = targets.at(-1)?.text;
      if (targets.length < 2 || !error || !/^\w*err\w*$/i.test(error) || assignment.childForFieldName('right')?.namedChildren[0]?.type !== 'call_expression') continue;
      const results = new Set(targets.slice(0, -1).map((target) => target.text).filter((name) => name !== '_'));
      const mentionsError = new RegExp(`\\b${error}\\b`);
      for (let next = statementAfter(assignment); next && !mentionsError.test(next.text); next = statementAfter(next)) {
        const reached = reachedInto(next, results);
        // `if tokenClaims != nil { ... tokenClaims.Claims ... }` looks before it reaches.
        if (reached && !new RegExp(`\\b${reached.text}\\s*[!=]=\\s*nil\\b`).test(next.text)) {
          hits.push({ node: next, message: `This reaches into \`${reached.text}\` before \`${error}\` is checked: when the call fails, \`${reached.text}\` is nil or empty and this line fails first.` });
          break;
        }
      }
    }
    return hits;
  },
};

export const RESULT_BEFORE_ERROR_RULES: readonly SyntaxRule[] = [resultBeforeError];
