import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import { isLogStatement } from './log-calls.js';
import { code, statementAfter, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A check that says no and lets it happen anyway:
 *
 *   if amount < 1:                        if (enterpin == PIN) { menu(); }
 *       print("invalid amount")           else { System.out.println("Enter a valid pin"); menu(); }
 *   self.balance = self.balance + amount
 *
 * The message shows the author saw the bad case; nothing stops it. Found where an `if` with no
 * `else` only prints a refusal and the next statement uses what the condition tested, and where an
 * `else` prints a refusal and then ends with the very call its `if`, which prints nothing, ends with.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'check that stops nothing',
  question: 'After this prints its refusal, which line runs next, and with what value?',
  docsUrl: 'https://docs.python.org/3/tutorial/controlflow.html#if-statements',
} as const;

/**
 * What tells the user no: a print to the terminal or the browser's console (`print`, `console.log`,
 * `alert`, `System.out.println`). A logger's line (`log.error('heartbeat failed')`) is a record for
 * whoever runs the service, and code that logs a failure and goes on usually means to.
 */
const PYTHON_PRINT = /^print$/;
const JS_PRINT = /^(?:console\.(?:log|error|warn|info)|alert|window\.alert)$/;
const JAVA_PRINT = /^System\.(?:out|err)\.(?:println|print|printf)$/;
/** What a refusal says. */
const REFUSAL = /\b(?:invalid|(?:enter|provide|give|type|use) (?:a |an )?valid|wrong|incorrect|not (?:valid|allowed|enough|found|exist)|cannot|can't|must|insufficient|negative|too (?:many|much|large|small|long|short|low|high)|out of range|denied|error|failed)\b/i;

interface CheckGrammar {
  languages: readonly ParsedLanguage[];
  /** The node type of a call, for telling a print statement. */
  callType: string;
  prints: RegExp;
  /** The statements of a branch (a block's children, or the branch itself when it is one statement). */
  statements(branch: Node): Node[];
  /** An `else` branch's body, when the `if` has one. */
  elseBody(ifStatement: Node): Node | undefined;
}

/** What a print statement prints first, as written. */
function printed(statement: Node): string {
  return statement.namedChildren[0]?.childForFieldName('arguments')?.namedChildren[0]?.text ?? '';
}

function names(node: Node | null | undefined): Set<string> {
  const found = new Set<string>();
  const visit = (at: Node): void => {
    if (at.type === 'identifier' || at.type === 'field_identifier' || at.type === 'property_identifier') found.add(at.text);
    for (const child of at.namedChildren) if (child) visit(child);
  };
  if (node) visit(node);
  return found;
}

function checkRule(id: string, grammar: CheckGrammar, fix: string): SyntaxRule {
  // What the check lets through: a call that is not a print (`menu()`), not `continue` or a score printed on both paths.
  const isAction = (statement: Node): boolean => statement.type === 'expression_statement' && statement.namedChildren[0]?.type === grammar.callType && !isLogStatement(statement, grammar.callType, grammar.prints);
  // A warning ("Warning: invalid role") is meant to let the code go on.
  const refuses = (statement: Node): boolean =>
    isLogStatement(statement, grammar.callType, grammar.prints) && REFUSAL.test(printed(statement)) && !/^\W*warn/i.test(printed(statement).replace(/^[fbru]+(?=["'])/i, ''));
  return {
    id,
    languages: grammar.languages,
    ...TEACHING,
    fix,
    types: ['if_statement'],
    mentions: REFUSAL,
    find(index) {
      const hits: SyntaxHit[] = [];
      for (const check of index.of('if_statement')) {
        const body = grammar.statements(check.childForFieldName('consequence')!);
        const otherwise = grammar.elseBody(check);
        if (!otherwise && body.length > 0 && body.every(refuses)) {
          // An `if` that only prints: does the next statement go on with what it tested?
          const next = statementAfter(check);
          const tested = names(check.childForFieldName('condition'));
          const used = [...names(next)].filter((name) => tested.has(name));
          // A next `if` on the same value is a chain of checks (`if score < 5: ... if score < 20: ...`), not going on.
          if (next && next.type !== 'if_statement' && used.length > 0) hits.push({ node: check, message: `This prints ${printed(body[0]!)} and goes on: the next line still uses \`${used[0]}\`.` });
          continue;
        }
        if (!otherwise) continue;
        const alternative = grammar.statements(otherwise);
        const last = body.at(-1);
        // An `else` that prints a refusal, then does what the `if` does.
        // The `if` only acts (a quiz that prints "Correct" or "Wrong" and then shows the score on both paths differs by its message, as meant).
        const silent = !body.some((statement) => isLogStatement(statement, grammar.callType, grammar.prints));
        if (last && silent && isAction(last) && alternative.length > 1 && alternative.slice(0, -1).some(refuses) && alternative.at(-1)?.text === last.text) {
          hits.push({ node: check, message: `The \`else\` prints ${printed(alternative.find(refuses)!)} and then runs \`${last.text.slice(0, 40)}\` just as the \`if\` does: the check changes nothing.` });
        }
      }
      return hits;
    },
  };
}

/** A C-family branch: a `{ ... }` block's statements, or the one statement written without braces. */
function braceStatements(branch: Node): Node[] {
  return branch.type === 'block' || branch.type === 'statement_block' ? code(branch.namedChildren) : [branch];
}

/** JavaScript's `else` is an `else_clause` holding the statement; Java's `alternative` is the statement itself. */
function cElse(check: Node): Node | undefined {
  const alternative = check.childForFieldName('alternative');
  const body = alternative?.type === 'else_clause' ? code(alternative.namedChildren)[0] : alternative;
  // `else if` is a chain of checks, not one refusal.
  return body && body.type !== 'if_statement' ? body : undefined;
}

export const CHECK_STOPS_NOTHING_RULES: readonly SyntaxRule[] = [
  checkRule(
    'python/check-stops-nothing',
    {
      languages: ['python'],
      callType: 'call',
      prints: PYTHON_PRINT,
      statements: (branch) => code(branch.namedChildren),
      elseBody: (check) => {
        const clauses = code(check.namedChildren).filter((child) => child.type === 'else_clause' || child.type === 'elif_clause');
        const only = clauses.length === 1 && clauses[0]?.type === 'else_clause' ? clauses[0] : undefined;
        return only?.childForFieldName('body') ?? undefined;
      },
    },
    'Stop on the bad case: `return` (or `raise ValueError("invalid amount")`) after the message, or put the rest in an `else`',
  ),
  checkRule(
    'js/check-stops-nothing',
    { languages: ECMASCRIPT, callType: 'call_expression', prints: JS_PRINT, statements: braceStatements, elseBody: cElse },
    'Stop on the bad case: `return` after the message, or put the rest in an `else`',
  ),
  checkRule(
    'java/check-stops-nothing',
    { languages: ['java'], callType: 'method_invocation', prints: JAVA_PRINT, statements: braceStatements, elseBody: cElse },
    'Stop on the bad case: `return;` after the message (or ask again), and run the rest only when the check passes',
  ),
];
