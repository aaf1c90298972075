import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { PYTHON_ROUTE_DECORATOR } from './python-grammar.js';
import { calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A route that reports a failure in a success response: FastAPI's or Flask's `return {"error":
 * "Student not found"}`, Express's `res.json({ error: 'not found' })`. The status is 200 OK, so
 * every client, cache, monitor and `fetch().ok` takes the failure for a success, and only code that
 * knows to look inside the body can tell. Found in a route's own code: a returned dict (or
 * `jsonify(...)`) with an `error` key and no status beside it, or `res.json`/`res.send` of an
 * object with an `error` key and no `res.status(...)` before it in the chain.
 */

const TEACHING = {
  concern: 'correctness',
  title: 'error sent with a success status',
  question: 'What status code does the client get with this error, and how would `response.ok` or a monitoring tool know something failed?',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Status#client_error_responses',
  fix: 'Send the failure with its status: FastAPI `raise HTTPException(status_code=404, detail="Student not found")`, Flask `return {"error": "..."}, 404`, Express `res.status(404).json({ error: "..." })`',
} as const;

/** A dict or object literal whose keys include `error` (or `err`, `errors`). */
const ERROR_KEY = /^['"]?(?:error|errors|err)['"]?$/;

function hasErrorKey(literal: Node | null | undefined): boolean {
  if (!literal) return false;
  if (literal.type === 'call' && calleeText(literal) === 'jsonify') {
    const args = literal.childForFieldName('arguments')?.namedChildren ?? [];
    return args.some((arg) => (arg?.type === 'keyword_argument' && ERROR_KEY.test(arg.childForFieldName('name')?.text ?? '')) || hasErrorKey(arg));
  }
  if (literal.type !== 'dictionary' && literal.type !== 'object') return false;
  return literal.namedChildren.some((pair) => (pair?.type === 'pair' && ERROR_KEY.test(pair.childForFieldName('key')?.text ?? '')) || (pair?.type === 'shorthand_property_identifier' && ERROR_KEY.test(pair.text)));
}

/** A Python function decorated as a route: `@app.get(...)`, `@router.post(...)`, `@app.route(...)`, `@bp.route(...)`. */
function isRoute(fn: Node): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  return decorated?.namedChildren.some((child) => child?.type === 'decorator' && PYTHON_ROUTE_DECORATOR.test(child.text)) ?? false;
}

const pythonRoute: SyntaxRule = {
  id: 'python/error-with-success-status',
  languages: ['python'],
  ...TEACHING,
  types: ['return_statement'],
  mentions: /['"]error['"]|jsonify\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const statement of index.of('return_statement')) {
      const value = statement.namedChildren[0];
      let fn = statement.parent;
      while (fn && fn.type !== 'function_definition') fn = fn.parent;
      // `return {...}, 404` is a tuple: the status is there.
      if (!fn || !isRoute(fn) || !hasErrorKey(value)) continue;
      hits.push({ node: statement, message: `This route answers \`${value?.text.slice(0, 40)}\` with 200 OK: the client is told it worked.` });
    }
    return hits;
  },
};

const expressRoute: SyntaxRule = {
  id: 'js/error-with-success-status',
  languages: ECMASCRIPT,
  ...TEACHING,
  types: ['call_expression'],
  mentions: /\berror\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      if (!/^(?:res|response)\.(?:json|send)$/.test(calleeText(call))) continue;
      if (hasErrorKey(call.childForFieldName('arguments')?.namedChildren[0])) hits.push({ node: call, message: `\`${call.text.slice(0, 50)}\` sends the error with 200 OK: the client is told it worked.` });
    }
    return hits;
  },
};

export const ERROR_WITH_SUCCESS_RULES: readonly SyntaxRule[] = [pythonRoute, expressRoute];
