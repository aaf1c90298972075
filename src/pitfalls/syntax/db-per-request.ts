import type { Node } from 'web-tree-sitter';
import { GO_FUNCTIONS, GO_HANDLER_PARAMETER } from './go.js';
import { ancestor, calleeText, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A Go handler that opens the database on every request: `db, err = gorm.Open("mysql", dsn)` at the
 * top of `CreateHandle`, or `db := dbConn()` where `dbConn` calls `sql.Open`. `sql.Open` makes a
 * connection pool, meant to be made once and shared; one per request, never closed, piles up
 * connections until the database refuses new ones and every request fails. Found where a handler
 * calls an opener, directly or through a function of the file that does.
 */

/** Calls that make a connection pool or client: made once at start-up, shared by every request. */
export const OPENS_DATABASE = /^(?:sql\.Open|sqlx\.(?:Open|Connect)|gorm\.Open|pgxpool\.(?:New|Connect)|pgx\.Connect|mongo\.(?:Connect|NewClient))$/;

const goDbPerRequest: SyntaxRule = {
  id: 'go/db-open-per-request',
  languages: ['go'],
  concern: 'correctness',
  title: 'database opened on every request',
  question: 'How many connection pools does this server hold after a thousand requests, and who closes them?',
  docsUrl: 'https://go.dev/doc/database/manage-connections',
  fix: 'Open the database once in `main` (`db, err := sql.Open(...)`, checked, with `db.Ping()`), and hand the one `*sql.DB` to the handlers (a field of a struct whose methods are the handlers, or a closure)',
  types: ['call_expression'],
  mentions: /\b(?:sql|sqlx|gorm|pgxpool|pgx|mongo)\.(?:Open|Connect|New|NewClient)\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    const calls = index.of('call_expression');
    // The file's own functions that open (`func dbConn() *sql.DB { db, _ := sql.Open(...) }`), by name, with what they call.
    const openers = new Map<string, string>();
    for (const call of calls.filter((candidate) => OPENS_DATABASE.test(calleeText(candidate)))) {
      const fn = ancestor(call, GO_FUNCTIONS);
      const name = fn?.type === 'function_declaration' ? fn.childForFieldName('name')?.text : undefined;
      if (name && name !== 'main' && name !== 'init') openers.set(name, calleeText(call));
    }
    const isHandler = (fn: Node | undefined): boolean => fn !== undefined && GO_HANDLER_PARAMETER.test(fn.childForFieldName('parameters')?.text ?? '');
    for (const call of calls) {
      const callee = calleeText(call);
      const through = openers.get(callee);
      if (!(OPENS_DATABASE.test(callee) || through) || !isHandler(ancestor(call, GO_FUNCTIONS))) continue;
      hits.push({ node: call, message: through ? `\`${callee}()\` calls \`${through}\`: a new connection pool each time this handler runs.` : `\`${callee}\` makes a new connection pool each time this handler runs.` });
    }
    return hits;
  },
};

export const DB_PER_REQUEST_RULES: readonly SyntaxRule[] = [goDbPerRequest];
