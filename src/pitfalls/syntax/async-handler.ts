import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT, FUNCTION_VALUES, FUNCTIONS, takesRequestAndResponse } from './ecmascript-grammar.js';
import type { SyntaxHit, SyntaxIndex, SyntaxRule } from './rule.js';

/*
 * An async Express handler with no error path: `const show = async (req, res) => { const blogs =
 * await Blog.find(); ... }`, exported for a routes file to register. Express 4 does not look at
 * the promise a handler returns, so when the awaited call rejects, or the handler throws, no
 * response is ever sent: the request hangs until the client gives up, and Node reports an
 * unhandled rejection (since Node 15 it ends the process). oxlint's `no-async-endpoint-handlers`
 * sees a handler written inside `app.get(...)`; this sees the ones defined on their own.
 *
 * A `throw` outside any try is a certain failure. An `await` outside any try is one only when the
 * database or the network fails, and the rule reports it only when another handler of the same
 * file does catch (the file's own habit, forgotten here), so a codebase that wraps its handlers
 * in the routes file (`asyncHandler(show)`) is not told to do it twice. A handler passed straight
 * to a call (a wrapper, or `app.get`, where oxlint reports it) and one that hands errors to
 * `next` are left alone, as is a file that loads `express-async-errors`.
 */

const TEACHING = {
  concern: 'correctness',
  title: 'async handler with no error path',
  docsUrl: 'https://expressjs.com/en/guide/error-handling.html',
  fix: 'Catch in the handler and answer: `try { ... } catch (err) { console.error(err); res.status(500).json({ error: "..." }) }`, or pass it on with `next(err)`; Express 5 (or `express-async-errors`) does this for every async handler',
} as const;

const HANDLERS = [...FUNCTIONS, ...FUNCTION_VALUES];
const NESTED = new Set(HANDLERS);
/** An async function taking `(req, res)` or `(req, res, next)` that is not handed straight to a call. */
function isStandaloneHandler(fn: Node): boolean {
  if (!fn.children.some((child) => child?.type === 'async')) return false;
  return takesRequestAndResponse(fn) && fn.parent?.type !== 'arguments';
}

/** The nodes of `type` inside `fn` but not inside a function nested in it. */
function ownNodes(index: SyntaxIndex, type: string, fn: Node): Node[] {
  return index.of(type, fn).filter((node) => {
    for (let at = node.parent; at && at.id !== fn.id; at = at.parent) if (NESTED.has(at.type)) return false;
    return true;
  });
}

/** Whether a try with a catch, inside `fn`, holds `node` in its body. */
function caught(node: Node, fn: Node): boolean {
  for (let at = node.parent; at && at.id !== fn.id; at = at.parent) {
    if (at.type === 'statement_block' && at.parent?.type === 'try_statement' && at.parent.childForFieldName('body')?.id === at.id && at.parent.childForFieldName('handler')) return true;
  }
  return false;
}

interface Unguarded {
  fn: Node;
  throws: Node | undefined;
  awaits: Node | undefined;
  catches: boolean;
}

function handlers(index: SyntaxIndex, text: string): Unguarded[] {
  if (/express-async-errors/.test(text)) return [];
  return HANDLERS.flatMap((type) => index.of(type))
    .filter(isStandaloneHandler)
    .map((fn) => ({
      fn,
      throws: ownNodes(index, 'throw_statement', fn).find((node) => !caught(node, fn)),
      // `await x.catch(...)` handles its own rejection.
      awaits: ownNodes(index, 'await_expression', fn).find((node) => !caught(node, fn) && !/\.catch\s*\(/.test(node.text)),
      catches: ownNodes(index, 'try_statement', fn).some((node) => node.childForFieldName('handler') !== null),
    }))
    .filter(({ fn }) => !/\bnext\s*\(/.test(fn.text));
}

const TYPES = [...HANDLERS, 'throw_statement', 'await_expression', 'try_statement'];

const throwingHandler: SyntaxRule = {
  id: 'js/async-handler-throws',
  languages: ECMASCRIPT,
  ...TEACHING,
  failure: 'certain',
  question: 'When this line throws inside an async handler, what does Express 4 send the client, and what happens to the request?',
  types: TYPES,
  mentions: /\bres(?:ponse)?\b/,
  find(index, file) {
    return handlers(index, file.text)
      .filter(({ throws }) => throws !== undefined)
      .map(({ fn, throws }): SyntaxHit => ({ node: throws as Node, message: `This async handler (line ${fn.startPosition.row + 1}) throws outside any try: Express 4 never answers the request, and the rejection goes unhandled.` }));
  },
};

const unguardedHandler: SyntaxRule = {
  id: 'js/async-handler-unguarded',
  languages: ECMASCRIPT,
  ...TEACHING,
  failure: 'hidden',
  question: 'Your other handlers catch their errors: when this awaited call fails, who answers the request?',
  types: TYPES,
  mentions: /\bres(?:ponse)?\b/,
  find(index, file) {
    const all = handlers(index, file.text);
    if (!all.some(({ catches }) => catches)) return [];
    return all
      .filter(({ throws, awaits, catches }) => throws === undefined && awaits !== undefined && !catches)
      .map(({ awaits }): SyntaxHit => ({ node: awaits as Node, message: `\`${(awaits as Node).text.slice(0, 60)}\` is awaited outside any try, in a file whose other handlers catch: when it rejects, the request is never answered.` }));
  },
};

export const ASYNC_HANDLER_RULES: readonly SyntaxRule[] = [throwingHandler, unguardedHandler];
