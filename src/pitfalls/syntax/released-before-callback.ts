import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { calleeText, inFunctionWithin, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A connection handed back before the work given to it is done: `try { client.query(sql, params,
 * (err, result) => { ... }) } finally { client.release() }`. The query takes a callback, so the
 * call returns at once; the `finally` runs next and releases the client to the pool while the
 * query is still running on it. The next request can be given the same client mid-query, and the
 * callback answers from a connection that is no longer this code's. Found where a `try` block makes
 * a driver's query call (`query`, `execute`, `run`, `all`...) with a callback on the same name its
 * `finally` releases, closes or ends.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'hidden',
  title: 'connection released before its callback runs',
  question: 'This query returns before its callback runs: what has the `finally` done to the connection by the time the results arrive?',
  docsUrl: 'https://node-postgres.com/apis/pool#releasing-clients',
  fix: 'Await the query so the `finally` runs after it: `const result = await client.query(sql, params)` (node-postgres, mysql2/promise return promises when given no callback), or release the client inside the callback once it is done',
} as const;

const RELEASES = /^(?:release|end|close|destroy)$/;
/** The database drivers' calls that take a callback (pg, mysql, sqlite3); an event listener's `on(...)` is meant to outlive the block. */
const QUERIES = /^(?:query|execute|run|all|get|each|exec)$/;
const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function']);

/** The names a `finally` block releases: `client` of `client.release()`. */
function releasedIn(finalizer: Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node): void => {
    if (node.type === 'call_expression') {
      const callee = node.childForFieldName('function');
      const object = callee?.type === 'member_expression' ? callee.childForFieldName('object') : null;
      if (object?.type === 'identifier' && RELEASES.test(callee?.childForFieldName('property')?.text ?? '')) names.add(object.text);
    }
    for (const child of node.namedChildren) if (child && !FUNCTIONS.has(child.type)) visit(child);
  };
  visit(finalizer);
  return names;
}

const releasedBeforeCallback: SyntaxRule = {
  id: 'js/released-before-callback',
  languages: ECMASCRIPT,
  ...TEACHING,
  types: ['try_statement', 'call_expression'],
  mentions: /\bfinally\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const statement of index.of('try_statement')) {
      const finalizer = statement.childForFieldName('finalizer');
      const body = statement.childForFieldName('body');
      if (!finalizer || !body) continue;
      const released = releasedIn(finalizer);
      if (released.size === 0) continue;
      for (const call of index.of('call_expression', body)) {
        const callee = call.childForFieldName('function');
        const object = callee?.type === 'member_expression' ? callee.childForFieldName('object') : null;
        const args = call.childForFieldName('arguments')?.namedChildren ?? [];
        const last = args.at(-1);
        if (object?.type !== 'identifier' || !released.has(object.text) || !QUERIES.test(callee?.childForFieldName('property')?.text ?? '') || !last || !FUNCTIONS.has(last.type) || call.parent?.type === 'await_expression' || inFunctionWithin(call, body, FUNCTIONS)) continue;
        hits.push({ node: call, message: `\`${calleeText(call)}\` takes a callback and returns at once, so the \`finally\` releases \`${object.text}\` while the query is still running on it.` });
      }
    }
    return hits;
  },
};

export const RELEASED_BEFORE_CALLBACK_RULES: readonly SyntaxRule[] = [releasedBeforeCallback];
