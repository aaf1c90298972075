import type { Node } from 'web-tree-sitter';
import { ASSIGNMENTS, goStatements, LEAVES, readAfter } from './go.js';
import { ancestor, code, statementBefore, type SyntaxHit, type SyntaxRule } from './rule.js';

/**
 * A check for one failure that lets every other one through:
 *
 *   data, err := database.GetStudentById(id)
 *   if err != nil && err.Error() == "record not found" {
 *       respond(w, "not found", 404)
 *       return
 *   }
 *   respond(w, data, 200)        // a lost connection answers 200 with an empty student
 *
 * Found where an `if` with no else tests the error for one value (`err == sql.ErrNoRows`,
 * `errors.Is(err, ...)`, its message), leaves, and nothing reads the error after it. A test for
 * one value that is then followed by `if err != nil` is the usual, sound order.
 */
const ONE_FAILURE = [
  /^(\w*err\w*)\s*!=\s*nil\s*&&\s*(?:\1\s*==\s*[\w.]+|errors\.(?:Is|As)\(\s*\1\b[^)]*\)|\1\.Error\(\)\s*==\s*"[^"]*"|strings\.Contains\(\s*\1\.Error\(\)[^)]*\))$/,
  /^(\w*err\w*)\s*==\s*(?!nil$)[\w.]+$/,
  /^errors\.(?:Is|As)\(\s*(\w*err\w*)\s*,[^)]*\)$/,
  /^(\w*err\w*)\.Error\(\)\s*==\s*"[^"]*"$/,
];

const IF = new Set(['if_statement']);

/** Whether `statement` sits in the body of an `if <name> != nil` (first or part of the condition). */
function insideFailureCheck(statement: Node, name: string): boolean {
  const failed = new RegExp(`\\b${name}\\s*!=\\s*nil\\b`);
  for (let at = ancestor(statement, IF); at; at = ancestor(at, IF)) if (failed.test(at.childForFieldName('condition')?.text ?? '')) return true;
  return false;
}

/** Whether the statement just before reads `name` rather than assigns it (`require.NoError(t, err)`): the error was handled there. */
function checkedBefore(statement: Node, name: string): boolean {
  const before = statementBefore(statement);
  if (!before || !new RegExp(`\\b${name}\\b`).test(before.text)) return false;
  return !(ASSIGNMENTS.includes(before.type) && (before.childForFieldName('left')?.namedChildren ?? []).some((target) => target?.text === name));
}

const oneFailureHandled: SyntaxRule = {
  id: 'go/one-failure-handled',
  failure: 'hidden',
  languages: ['go'],
  concern: 'correctness',
  title: 'one failure handled, the others let through',
  question: 'When this call fails for any other reason than the one tested here, which line runs next?',
  docsUrl: 'https://go.dev/blog/go1.13-errors',
  fix: 'After the case you handle, check every other failure too: `if err != nil { http.Error(w, "could not load it", http.StatusInternalServerError); return }` in a handler, `return fmt.Errorf("loading %d: %w", id, err)` elsewhere',
  types: ['if_statement'],
  mentions: /\berr/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const statement of index.of('if_statement')) {
      const condition = (statement.childForFieldName('condition')?.text ?? '').replace(/\s+/g, ' ').trim();
      const name = ONE_FAILURE.map((pattern) => pattern.exec(condition)?.[1]).find(Boolean);
      const last = goStatements(statement.childForFieldName('consequence')).at(-1);
      if (!name || statement.childForFieldName('alternative') || statement.childForFieldName('initializer') || !last || !LEAVES.test(last.text) || readAfter(statement, name)) continue;
      // Only the code after it matters: at a function's end (or a loop's), nothing goes on with the
      // result; inside `if err != nil { ... }` (the JWT tutorials' `if err == http.ErrNoCookie`), what follows handles the rest.
      if (!code([statement.nextNamedSibling]).length || insideFailureCheck(statement, name) || checkedBefore(statement, name)) continue;
      hits.push({ node: statement, message: `Only \`${condition}\` is handled: any other failure of the call goes on as if it had worked.` });
    }
    return hits;
  },
};

export const ONE_FAILURE_HANDLED_RULES: readonly SyntaxRule[] = [oneFailureHandled];
