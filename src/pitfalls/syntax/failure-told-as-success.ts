import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { goStatements } from './go.js';
import { isLogStatement, JS_LOG_CALL, PYTHON_LOG_CALL } from './log-calls.js';
import { calleeText, code, statementAfter, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

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
/** What a success message says: "saved", "Done!", "successfully", "Record added". */
const SUCCESS = /\b(?:saved|success(?:ful(?:ly)?)?|done|complete[ds]?|updated|deleted|removed|added|created|sent|stored|written|exported|imported|is up|online|connected)\b/i;

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
      if (CATCH_ALL.test(type) && statements.length > 0 && statements.every((line) => isLogStatement(line, 'call', PYTHON_LOG_CALL) || line.type === 'pass_statement')) handlers.push(handler);
    }
  }
  return handlers;
}

/** What a print or log statement prints first, as written, when the statement is one (a call of `type` matching `logs`). */
function printedBy(type: string, logs: RegExp): (statement: Node | null) => string | undefined {
  return (statement) => (statement && isLogStatement(statement, type, logs) ? statement.namedChildren[0]?.childForFieldName('arguments')?.namedChildren[0]?.text : undefined);
}

const printed = printedBy('call', PYTHON_LOG_CALL);

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
      const next = statementAfter(statement);
      const message = printed(next);
      if (!name || !handler || reported.has(name) || message === undefined || !SUCCESS.test(message)) continue;
      reported.add(name);
      hits.push({ node: handler, message: `\`${name}\` prints its failure and returns as if it had worked: line ${(next?.startPosition.row ?? 0) + 1} then tells the user ${message.length > 60 ? 'it succeeded' : message}.` });
    }
    return hits;
  },
};

/*
 * The same in one place: the failure branch only prints, and the next statement after it prints
 * success, so on a failure the user reads both. `if err != nil { fmt.Printf("%s is down\n", link) }`
 * then `fmt.Printf("%s is up\n", link)`; `except Exception as e: print(e)` then `print("Saved!")`;
 * `catch (err) { console.log(err) }` then `console.log('done')`.
 */

interface InPlaceGrammar {
  id: string;
  languages: readonly ParsedLanguage[];
  docsUrl: string;
  types: readonly string[];
  mentions: RegExp;
  /** Each branch that handles a failure, and the statement that follows the construct it is part of. */
  branches(index: SyntaxIndex): Array<{ branch: Node; statements: Node[]; construct: Node }>;
  /** The first argument of a print or log statement, as written. */
  printed(statement: Node): string | undefined;
}

function failureThenSuccess(grammar: InPlaceGrammar): SyntaxRule {
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...TEACHING,
    docsUrl: grammar.docsUrl,
    fix: 'End the failure branch where the failure is handled (`return`, `continue`, or an error passed up), or put the success message where only success reaches it: in the `try` after the call, in `else`, after the `if err != nil { ... return }`',
    types: grammar.types,
    mentions: grammar.mentions,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const { branch, statements, construct } of grammar.branches(index)) {
        const next = statementAfter(construct);
        const message = next ? grammar.printed(next) : undefined;
        if (statements.length === 0 || !statements.every((statement) => grammar.printed(statement) !== undefined) || message === undefined || !SUCCESS.test(message)) continue;
        hits.push({ node: branch, message: `The failure is only printed here, and line ${(next?.startPosition.row ?? 0) + 1} goes on to say it worked: on a failure the user is told both.` });
      }
      return hits;
    },
  };
}

const pythonInPlace = failureThenSuccess({
  id: 'python/failure-then-success-message',
  languages: ['python'],
  docsUrl: 'https://docs.python.org/3/tutorial/errors.html#handling-exceptions',
  types: ['try_statement'],
  mentions: /\bexcept\b/,
  branches: (index) =>
    index.of('try_statement').flatMap((statement) =>
      code(statement.namedChildren)
        .filter((child) => child.type === 'except_clause')
        .map((branch) => ({ branch, construct: statement, statements: code(branch.namedChildren.find((child) => child?.type === 'block')?.namedChildren ?? []) })),
    ),
  printed,
});

const ecmascriptInPlace = failureThenSuccess({
  id: 'js/failure-then-success-message',
  languages: ECMASCRIPT,
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Statements/try...catch',
  types: ['try_statement'],
  mentions: /\bcatch\b/,
  branches: (index) =>
    index.of('try_statement').flatMap((statement) => {
      const branch = statement.childForFieldName('handler');
      return branch && !statement.childForFieldName('finalizer') ? [{ branch, construct: statement, statements: code(branch.childForFieldName('body')?.namedChildren ?? []) }] : [];
    }),
  printed: printedBy('call_expression', JS_LOG_CALL),
});

/**
 * What a program tells its user, narrower than logging (log-calls.ts's GO_LOG_CALL): a service's
 * `slog.Warn` about a best-effort step followed by `slog.Info` about the request is not this fault
 * (miniflux's WebAuthn login), a CLI's `fmt.Printf("%s is down")` then `fmt.Printf("%s is up")` is.
 */
const GO_PRINT = /^(?:fmt\.Print(?:f|ln)?|log\.Print(?:f|ln)?)$/;
/** `if err != nil {`, `if err := save(); err != nil {`. */
const GO_ERROR_CHECK = /^(?:.+;\s*)?err\s*!=\s*nil$/;

const goInPlace = failureThenSuccess({
  id: 'go/failure-then-success-message',
  languages: ['go'],
  docsUrl: 'https://go.dev/blog/error-handling-and-go',
  types: ['if_statement'],
  mentions: /err\s*!=\s*nil/,
  branches: (index) =>
    index.of('if_statement').flatMap((statement) => {
      const branch = statement.childForFieldName('consequence');
      const condition = [statement.childForFieldName('initializer')?.text, statement.childForFieldName('condition')?.text].filter(Boolean).join('; ');
      return branch && !statement.childForFieldName('alternative') && GO_ERROR_CHECK.test(condition) ? [{ branch: statement, construct: statement, statements: code(goStatements(branch)) }] : [];
    }),
  printed: printedBy('call_expression', GO_PRINT),
});

export const FAILURE_TOLD_AS_SUCCESS_RULES: readonly SyntaxRule[] = [pythonFailureToldAsSuccess, pythonInPlace, ecmascriptInPlace, goInPlace];
