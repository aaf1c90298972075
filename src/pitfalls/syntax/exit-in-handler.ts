import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT, EXPRESS_ROUTE, FUNCTIONS, FUNCTION_VALUES, takesRequestAndResponse } from './ecmascript-grammar.js';
import { GO_FUNCTIONS, GO_HANDLER_PARAMETER } from './go.js';
import { ancestor, calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * The whole server stopped by one request: `log.Fatalf("Unable to get user. %v", err)` in a Go
 * handler, `process.exit(1)` in an Express route. What was meant as "this request failed" ends
 * the process for every user, and `/api/user/abc` is enough to take the API down. Go's `panic` is
 * left alone (net/http recovers a handler's panic and only that request fails), and so is Python's
 * `sys.exit()` (raised in a request thread it ends only that thread, in most servers).
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'one request stops the whole server',
  question: 'When this line runs for one bad request, what happens to every other user of the server?',
} as const;

/** Go calls that end the process. */
const GO_EXIT = /^(?:log\.Fatal(?:f|ln)?|os\.Exit)$/;

const goExitInHandler: SyntaxRule = {
  id: 'go/exit-in-handler',
  languages: ['go'],
  ...TEACHING,
  docsUrl: 'https://pkg.go.dev/log#Fatal',
  fix: 'Answer this request with the error and return: `http.Error(w, "user not found", http.StatusNotFound); return` (log it with `log.Printf` if the server should remember it)',
  types: ['call_expression'],
  mentions: /log\.Fatal|os\.Exit/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      if (!GO_EXIT.test(calleeText(call))) continue;
      const handler = ancestor(call, GO_FUNCTIONS);
      if (handler && GO_HANDLER_PARAMETER.test(handler.childForFieldName('parameters')?.text ?? '')) {
        hits.push({ node: call, message: `\`${calleeText(call)}\` ends the server process, and this runs inside a request handler: one bad request stops it for everyone.` });
      }
    }
    return hits;
  },
};

const JS_FUNCTIONS = new Set([...FUNCTIONS, ...FUNCTION_VALUES]);

/** Whether `fn` is a route's handler: given to `app.get(...)`-like calls, or taking `(req, res)`. */
function isRouteHandler(fn: Node): boolean {
  const call = fn.parent?.type === 'arguments' ? fn.parent.parent : null;
  if (call?.type === 'call_expression' && EXPRESS_ROUTE.test(calleeText(call))) return true;
  return takesRequestAndResponse(fn);
}

const jsExitInHandler: SyntaxRule = {
  id: 'js/exit-in-handler',
  languages: ECMASCRIPT,
  ...TEACHING,
  docsUrl: 'https://nodejs.org/api/process.html#processexitcode',
  fix: 'Answer this request with the error and return: `return res.status(500).json({ error: "..." })`, or pass it on with `next(err)`',
  types: ['call_expression'],
  mentions: /process\.exit/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      if (calleeText(call) !== 'process.exit') continue;
      const handler = ancestor(call, JS_FUNCTIONS);
      if (handler && isRouteHandler(handler)) hits.push({ node: call, message: '`process.exit` ends the server process, and this runs inside a route handler: one bad request stops it for everyone.' });
    }
    return hits;
  },
};

export const EXIT_IN_HANDLER_RULES: readonly SyntaxRule[] = [goExitInHandler, jsExitInHandler];
