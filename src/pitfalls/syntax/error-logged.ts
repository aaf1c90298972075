import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT, FUNCTION_VALUES } from './ecmascript-grammar.js';
import { GO_LOG_CALL, isLogStatement, JS_LOG_CALL } from './log-calls.js';
import { goStatements } from './go.js';
import { calleeText, reachedInto, statementBefore, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * An error that is only logged, after which the code goes on with the result of the call that
 * failed: `db, err := gorm.Open(...); if err != nil { log.Println(err) }; db.AutoMigrate(...)`, or
 * a Node callback's `if (err) console.log(err);` followed by `res.rows`. The log line makes it look
 * handled; the next line then runs with a nil or undefined value and fails somewhere else, or
 * carries on with nothing. Found only where the branch does nothing but log (no return, throw,
 * exit, callback or else) and a later statement of the same block reaches into the failed call's
 * result (`db.AutoMigrate`, `res.rows`), so best-effort work that is logged and skipped on purpose,
 * or a result only handed on, is left alone. In Go, also a branch that handles only some errors
 * (`if err != nil { if os.IsNotExist(err) { ...; return } }`) before `info.IsDir()`.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'hidden',
  title: 'error logged, then the code carries on',
  question: 'When this call fails, what do the next lines do with the result it never gave?',
  docsUrl: 'https://go.dev/blog/error-handling-and-go',
  fix: 'Stop after handling the error: return it to the caller (in Go wrapped, `return fmt.Errorf("opening the database: %w", err)`), or answer the request and return; logging alone lets the next lines run on a nil or undefined value',
} as const;

/** The statements of a branch, when all of them only log. */
function onlyLogs(statements: Node[], log: RegExp): boolean {
  return (
    statements.length > 0 &&
    statements.every((statement) => statement.type === 'comment' || isLogStatement(statement, 'call_expression', log))
  );
}

/**
 * Whether a statement after `node` among its siblings reaches into one of `names` (`db.AutoMigrate`,
 * `res.rows`): what fails on the value a failed call leaves. Handing the value on (`return re`,
 * `cache.Store(key, re)`) is left to the code that receives it.
 */
function dereferencedAfter(node: Node, names: ReadonlySet<string>): string | undefined {
  for (let next = node.nextNamedSibling; next; next = next.nextNamedSibling) {
    const used = reachedInto(next, names);
    if (used) return used.text;
  }
  return undefined;
}

/** Ends the function or the loop: what makes an error branch a handling of it. */
const GO_LEAVES = /^(?:return|break|continue|goto|panic\(|log\.(?:Fatal|Panic)|os\.Exit)/;

/**
 * A branch that handles only some errors: `if os.IsNotExist(err) { http.NotFound(w, r); return }`
 * and nothing for the others, which fall through. Each statement logs, or is an `if` with no else
 * whose body leaves.
 */
function handlesSome(statements: Node[]): boolean {
  const code = statements.filter((statement) => statement.type !== 'comment');
  return (
    code.some((statement) => statement.type === 'if_statement') &&
    code.every((statement) => {
      if (isLogStatement(statement, 'call_expression', GO_LOG_CALL)) return true;
      if (statement.type !== 'if_statement' || statement.childForFieldName('alternative')) return false;
      const last = goStatements(statement.childForFieldName('consequence')).filter((inner) => inner.type !== 'comment').at(-1);
      return last !== undefined && GO_LEAVES.test(last.text);
    })
  );
}

const goErrorLogged: SyntaxRule = {
  id: 'go/error-logged-then-used',
  languages: ['go'],
  ...TEACHING,
  types: ['if_statement'],
  mentions: /!=\s*nil/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const branch of index.of('if_statement')) {
      if (branch.childForFieldName('alternative') || branch.childForFieldName('initializer')) continue;
      const checked = /^(\w+)\s*!=\s*nil$/.exec(branch.childForFieldName('condition')?.text ?? '')?.[1];
      if (!checked || !/^err$|[eE]rr$|^error$/.test(checked)) continue;
      const statements = goStatements(branch.childForFieldName('consequence'));
      const logs = onlyLogs(statements, GO_LOG_CALL);
      if (!logs && !handlesSome(statements)) continue;
      // The call that failed is the statement just before: `db, err := gorm.Open(...)`.
      const before = statementBefore(branch);
      if (before?.type !== 'short_var_declaration' && before?.type !== 'assignment_statement') continue;
      const left = before.childForFieldName('left')?.namedChildren.map((name) => name?.text ?? '') ?? [];
      if (!left.includes(checked)) continue;
      const results = new Set(left.filter((name) => name !== checked && name !== '_'));
      const used = dereferencedAfter(branch, results);
      const call = before.childForFieldName('right')?.namedChildren[0];
      const failing = call?.type === 'call_expression' ? `\`${calleeText(call)}\`` : 'this';
      if (used) hits.push({ node: branch, message: logs ? `When ${failing} fails, the error is only logged and the lines after it go on with \`${used}\`.` : `When ${failing} fails with any other error than the one this branch checks for, the lines after it go on with \`${used}\`.` });
    }
    return hits;
  },
};

const JS_FUNCTIONS = [...FUNCTION_VALUES, 'function_declaration'];

const jsCallbackErrorLogged: SyntaxRule = {
  id: 'js/callback-error-logged-then-used',
  languages: ECMASCRIPT,
  ...TEACHING,
  docsUrl: 'https://nodejs.org/en/learn/asynchronous-work/javascript-asynchronous-programming-and-callbacks#handling-errors-in-callbacks',
  fix: 'Stop after handling the error: `if (err) { console.error(err); return reply("Something went wrong"); }`, or hand it to the caller (`return callback(err)`, `return next(err)`); logging alone lets the next lines run on an undefined result',
  types: JS_FUNCTIONS,
  mentions: /\bif\s*\(\s*err(?:or)?\s*\)/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const fn of JS_FUNCTIONS.flatMap((type) => index.of(type))) {
      // A Node-style callback: `(err, result) => ...`.
      const params = fn.childForFieldName('parameters')?.namedChildren.filter((param): param is Node => param !== null) ?? [];
      const [error, ...results] = params;
      if (error?.type !== 'identifier' || !/^err(?:or)?$/.test(error.text) || results.length === 0 || results.some((param) => param.type !== 'identifier')) continue;
      const body = fn.childForFieldName('body');
      if (body?.type !== 'statement_block') continue;
      for (const branch of body.namedChildren) {
        if (branch?.type !== 'if_statement' || branch.childForFieldName('alternative')) continue;
        if (branch.childForFieldName('condition')?.text.replace(/[()\s]/g, '') !== error.text) continue;
        const consequence = branch.childForFieldName('consequence');
        const statements = consequence?.type === 'statement_block' ? consequence.namedChildren.filter((child): child is Node => child !== null) : consequence ? [consequence] : [];
        if (!onlyLogs(statements, JS_LOG_CALL)) continue;
        const used = dereferencedAfter(branch, new Set(results.map((param) => param.text)));
        if (used) hits.push({ node: branch, message: `The callback's error is only logged, and the lines after it go on with \`${used}\`, which is undefined when it failed.` });
      }
    }
    return hits;
  },
};

export const ERROR_LOGGED_RULES: readonly SyntaxRule[] = [goErrorLogged, jsCallbackErrorLogged];
