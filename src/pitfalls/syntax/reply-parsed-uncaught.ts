import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT, FUNCTION_VALUES } from './ecmascript-grammar.js';
import { calleeText, code, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A reply parsed in a stream's callback with nothing to catch the failure:
 *
 *   res.on("end", function () {
 *     const json = JSON.parse(Buffer.concat(chunks));
 *     ...
 *
 * The callback runs on its own, long after any `try` around the request has returned, so when the
 * reply is not JSON (an error page, a rate-limit notice, a cut connection) the SyntaxError has no
 * one to catch it: Node stops the whole process, and a bot or a server goes down for every user.
 * Found where `JSON.parse` sits in a function handed to `.on("end" | "data", ...)` with no `try`
 * around it inside that function.
 */

const STREAM_EVENT = /^["'`](?:end|data)["'`]$/;

/** The callback `call` sits in, when that is a function value handed to `.on("end")` or `.on("data")`. */
function streamCallback(call: Node): Node | undefined {
  for (let at = call.parent; at; at = at.parent) {
    if (at.type === 'try_statement') return undefined;
    if (!FUNCTION_VALUES.has(at.type)) continue;
    const handedTo = at.parent?.type === 'arguments' ? at.parent.parent : null;
    const [event] = code(handedTo?.childForFieldName('arguments')?.namedChildren ?? []);
    return handedTo && /\.on$/.test(calleeText(handedTo)) && STREAM_EVENT.test(event?.text ?? '') ? at : undefined;
  }
  return undefined;
}

const replyParsedUncaught: SyntaxRule = {
  id: 'js/reply-parsed-uncaught',
  languages: ECMASCRIPT,
  concern: 'correctness',
  // Every reply that is not JSON: an error page, a rate limit, a cut connection.
  failure: 'hidden',
  title: 'reply parsed where no one catches the failure',
  question: 'What does the server send back when it is down or rate-limits you, and what happens to the whole program when JSON.parse meets that here?',
  docsUrl: 'https://nodejs.org/api/process.html#event-uncaughtexception',
  fix: 'Wrap the parse in `try { ... } catch (error) { ... }` inside the callback and answer the failure there (tell the user, log it); better, use `fetch` and `await res.json()` inside an async function whose errors are caught',
  types: ['call_expression'],
  mentions: /JSON\.parse/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      if (calleeText(call) !== 'JSON.parse' || !streamCallback(call)) continue;
      hits.push({ node: call, message: 'This parses the reply inside a stream callback with no try around it: a reply that is not JSON throws where nothing catches it, and Node stops the whole process.' });
    }
    return hits;
  },
};

export const REPLY_PARSED_UNCAUGHT_RULES: readonly SyntaxRule[] = [replyParsedUncaught];
