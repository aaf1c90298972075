import type { Node } from 'web-tree-sitter';
import { isLogStatement } from './log-calls.js';
import { calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A function that catches every failure, prints it and returns as if it had worked, called by code
 * that then tells the user it did: `save_data` ends in `except Exception as e: print(f"Error
 * saving database: {e}")`, and the menu's exit runs `save_data(inventory)` then `print("Database
 * saved. Goodbye!")`. The message is on screen for a moment, the success line after it, and the
 * program exits with every change of the session lost. Found where a function's try catches
 * everything and its handler only prints or logs, and a call of that function as a statement is
 * followed by a print or log saying it succeeded.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'hidden',
  title: 'failure printed, then success reported',
  question: 'When this fails, what does the caller hear, and what does it tell the user next?',
  docsUrl: 'https://docs.python.org/3/tutorial/errors.html#handling-exceptions',
  fix: 'Let the caller know it failed: re-raise after logging (`raise`), or return whether it worked (`return False` in the handler, `return True` after the write) and have the caller report success only then',
} as const;

const CATCH_ALL = /^(?:Exception|BaseException)$/;
const LOGS = /^(?:print|(?:logging|(?:self\.)?(?:logger|log|LOGGER|LOG))\.(?:debug|info|warning|warn|error|exception|critical))$/;
/** What a success message says: "saved", "Done!", "successfully", "Record added". */
const SUCCESS = /\b(?:saved|success(?:ful(?:ly)?)?|done|complete[ds]?|updated|deleted|removed|added|created|sent|stored|written|exported|imported)\b/i;

/** The catch-all handlers of the try statements at the top of `fn`'s body that only print or log. */
function swallowingHandlers(fn: Node): Node[] {
  const body = fn.childForFieldName('body');
  const handlers: Node[] = [];
  for (const statement of body?.namedChildren ?? []) {
    if (statement?.type !== 'try_statement') continue;
    for (const handler of statement.namedChildren) {
      if (handler?.type !== 'except_clause') continue;
      const clause = handler.namedChildren.find((child) => child !== null && child.type !== 'block' && child.type !== 'comment');
      const type = clause?.type === 'as_pattern' ? (clause.namedChildren[0]?.text ?? '') : (clause?.text ?? 'Exception');
      const block = handler.namedChildren.find((child) => child?.type === 'block');
      const statements = (block?.namedChildren ?? []).filter((child): child is Node => child !== null && child.type !== 'comment');
      if (CATCH_ALL.test(type) && statements.length > 0 && statements.every((line) => isLogStatement(line, 'call', LOGS) || line.type === 'pass_statement')) handlers.push(handler);
    }
  }
  return handlers;
}

/** The text of a print or log statement's first argument, when it is one. */
function printed(statement: Node | null): string | undefined {
  if (!statement || !isLogStatement(statement, 'call', LOGS)) return undefined;
  return statement.namedChildren[0]?.childForFieldName('arguments')?.namedChildren[0]?.text;
}

const pythonFailureToldAsSuccess: SyntaxRule = {
  id: 'python/failure-told-as-success',
  languages: ['python'],
  ...TEACHING,
  types: ['function_definition', 'expression_statement'],
  mentions: /\bexcept\b/,
  find(index) {
    const swallowing = new Map<string, Node>();
    for (const fn of index.of('function_definition')) {
      const [handler] = swallowingHandlers(fn);
      const name = fn.childForFieldName('name')?.text;
      if (handler && name) swallowing.set(name, handler);
    }
    const hits: SyntaxHit[] = [];
    if (swallowing.size === 0) return hits;
    const reported = new Set<string>();
    for (const statement of index.of('expression_statement')) {
      const call = statement.namedChildren[0];
      const name = call?.type === 'call' ? calleeText(call).replace(/^self\./, '') : undefined;
      const handler = name ? swallowing.get(name) : undefined;
      let next = statement.nextNamedSibling;
      while (next?.type === 'comment') next = next.nextNamedSibling;
      const message = printed(next);
      if (!name || !handler || reported.has(name) || message === undefined || !SUCCESS.test(message)) continue;
      reported.add(name);
      hits.push({ node: handler, message: `\`${name}\` prints its failure and returns as if it had worked: line ${(next?.startPosition.row ?? 0) + 1} then tells the user ${message.length > 60 ? 'it succeeded' : message}.` });
    }
    return hits;
  },
};

export const FAILURE_TOLD_AS_SUCCESS_RULES: readonly SyntaxRule[] = [pythonFailureToldAsSuccess];
