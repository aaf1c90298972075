import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { isLogStatement, JAVA_LOG_CALL, JS_LOG_CALL } from './log-calls.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * A handler that catches every failure and drops it: `catch (err) { console.log('error') }`,
 * `except Exception: print("Failed")`, `catch (Exception e) { return null; }`. It is not empty, so
 * the empty-catch checks pass it, but the error itself, what failed and why, is thrown away: the
 * log line says only that something went wrong, and the caller carries on as if nothing had.
 * Found where the handler catches everything (any JavaScript catch; Python's `Exception`; Java's
 * `Exception`, `Throwable`), never mentions the caught error, and does nothing but log a message
 * or return a nothing value. A typed handler (`except ValueError: print("not a number")`) is a
 * decision about one failure and is left alone, as is a JavaScript catch that only returns: the
 * `try { return JSON.parse(text) } catch { return undefined }` fallback.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'hidden',
  title: 'error caught and dropped',
  question: 'When this fails, what will the log tell you about what went wrong, and what does the caller think happened?',
  docsUrl: 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html',
  fix: 'Keep the error: log it with what was being done (`console.error("importing the CSV failed", err)`, `logger.exception("...")`, `LOGGER.log(Level.WARNING, "...", e)`), and let the caller know, by rethrowing it or returning an error, unless this is really the place to give up',
} as const;

interface HandlerGrammar {
  id: string;
  languages: readonly ParsedLanguage[];
  handler: string;
  calls: string;
  /** Logging and printing calls, by their callee as written. */
  logs: RegExp;
  /** The caught error's name and whether the handler catches everything; undefined for a handler this rule does not judge. */
  caught(handler: Node): { name: string | undefined; catchAll: boolean } | undefined;
  /** The handler's statements. */
  statements(handler: Node): Node[];
  /** A statement that gives up quietly: `return`, `return null`, `pass`, `continue`, `break`. */
  givesUp(statement: Node): boolean;
  /** Whether a handler that only gives up, logging nothing, is judged too (Java and Python; not JavaScript's fallback idiom). */
  silentCounts: boolean;
}

/** Literals that say "no value": what a handler returns when it gives up. */
const NOTHING = /^(?:null|undefined|None|false|False|-1|""|''|\[\]|\{\}|0)?$/;

function named(nodes: ReadonlyArray<Node | null>): Node[] {
  return nodes.filter((node): node is Node => node !== null);
}

function droppedError(grammar: HandlerGrammar): SyntaxRule {
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...TEACHING,
    types: [grammar.handler],
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const handler of index.of(grammar.handler)) {
        const caught = grammar.caught(handler);
        if (!caught?.catchAll) continue;
        const statements = grammar.statements(handler).filter((statement) => !statement.type.includes('comment'));
        if (statements.length === 0) continue;
        const logs = statements.filter((statement) => isLogStatement(statement, grammar.calls, grammar.logs));
        if (!statements.every((statement) => logs.includes(statement) || grammar.givesUp(statement))) continue;
        if (logs.length === 0 && !grammar.silentCounts) continue;
        // `except Exception: pass` is Ruff's S110, an empty catch the empty-catch checks': said once, there.
        if (statements.every((statement) => statement.type === 'pass_statement')) continue;
        const mentions = caught.name === undefined ? false : new RegExp(`(?<![\\w$.])${caught.name.replace(/\$/g, '\\$')}(?![\\w$])`).test(statements.map((s) => s.text).join('\n'));
        if (mentions) continue;
        hits.push({ node: handler, message: logs.length > 0 ? 'This handler catches every failure and logs only a message: what failed, and why, is dropped.' : 'This handler catches every failure and gives up without a word: what failed, and why, is dropped.' });
      }
      return hits;
    },
  };
}

const javascript: HandlerGrammar = {
  id: 'js/error-dropped',
  languages: ECMASCRIPT,
  handler: 'catch_clause',
  calls: 'call_expression',
  logs: JS_LOG_CALL,
  caught(handler) {
    const parameter = handler.childForFieldName('parameter');
    if (parameter && parameter.type !== 'identifier') return undefined;
    return { name: parameter?.text, catchAll: true };
  },
  statements: (handler) => named(handler.childForFieldName('body')?.namedChildren ?? []),
  givesUp: (statement) => statement.type === 'return_statement' && NOTHING.test((statement.namedChildren[0]?.text ?? '').trim()),
  silentCounts: false,
};

const PYTHON_CATCH_ALL = /^(?:Exception|BaseException)$/;

const python: HandlerGrammar = {
  id: 'python/error-dropped',
  languages: ['python'],
  handler: 'except_clause',
  calls: 'call',
  // Not `logger.exception`: it records the error and its traceback.
  logs: /^(?:print|(?:logging|(?:self\.)?(?:logger|log|LOGGER|LOG))\.(?:debug|info|warning|warn|error|critical))$/,
  caught(handler) {
    // `except Exception as e:` (the grammar has an as_pattern or a value and an alias); a bare `except:` is Ruff's E722.
    const clause = named(handler.namedChildren).find((child) => child.type !== 'block' && child.type !== 'comment');
    if (!clause) return undefined;
    const [type, alias] = clause.type === 'as_pattern' ? [clause.namedChildren[0]?.text ?? '', clause.namedChildren[1]?.text] : [clause.text, undefined];
    return { name: alias, catchAll: PYTHON_CATCH_ALL.test(type) };
  },
  statements: (handler) => named(named(handler.namedChildren).find((child) => child.type === 'block')?.namedChildren ?? []),
  givesUp: (statement) => statement.type === 'pass_statement' || statement.type === 'continue_statement' || statement.type === 'break_statement' || (statement.type === 'return_statement' && NOTHING.test((statement.namedChildren[0]?.text ?? '').trim())),
  silentCounts: true,
};

const JAVA_CATCH_ALL = /^(?:Exception|Throwable|RuntimeException)$/;

const java: HandlerGrammar = {
  id: 'java/error-dropped',
  languages: ['java'],
  handler: 'catch_clause',
  calls: 'method_invocation',
  logs: JAVA_LOG_CALL,
  caught(handler) {
    const parameter = named(handler.namedChildren).find((child) => child.type === 'catch_formal_parameter');
    const type = parameter ? named(parameter.namedChildren).find((child) => child.type === 'catch_type')?.text : undefined;
    return { name: parameter?.childForFieldName('name')?.text, catchAll: JAVA_CATCH_ALL.test(type ?? '') };
  },
  statements: (handler) => named(handler.childForFieldName('body')?.namedChildren ?? []),
  givesUp: (statement) => statement.type === 'return_statement' && NOTHING.test((statement.namedChildren[0]?.text ?? '').trim()),
  silentCounts: true,
};

/** A function that does nothing: `() => {}`, `() => null`, `function () {}`. */
function doesNothing(fn: Node | undefined): boolean {
  if (!fn || (fn.type !== 'arrow_function' && fn.type !== 'function_expression' && fn.type !== 'function')) return false;
  const body = fn.childForFieldName('body');
  if (!body) return false;
  return body.type === 'statement_block' ? body.namedChildren.every((child) => child === null || child.type === 'comment') : NOTHING.test(body.text.trim());
}

/**
 * The same drop on a promise: `user.save().catch(() => {})`. The rejection is handled, so nothing
 * warns, and nobody hears that the save failed; the next line goes on as if it had worked.
 */
const promiseErrorDropped: SyntaxRule = {
  id: 'js/promise-error-dropped',
  languages: ECMASCRIPT,
  ...TEACHING,
  fix: 'Handle the failure or let it reach the caller: `await user.save()` inside a try whose catch logs the error and answers the user, or `.catch((error) => logger.warn("saving the reward failed", error))` when this is really best-effort',
  types: ['call_expression'],
  mentions: /\.catch\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'member_expression' || callee.childForFieldName('property')?.text !== 'catch') continue;
      const [handler] = named(call.childForFieldName('arguments')?.namedChildren ?? []);
      if (doesNothing(handler)) hits.push({ node: call, message: `\`${(callee.childForFieldName('object')?.text ?? '').replace(/\s+/g, ' ').slice(0, 50)}\` may fail, and this .catch() drops the rejection without a word.` });
    }
    return hits;
  },
};

export const DROPPED_ERROR_RULES: readonly SyntaxRule[] = [droppedError(javascript), droppedError(python), droppedError(java), promiseErrorDropped];
