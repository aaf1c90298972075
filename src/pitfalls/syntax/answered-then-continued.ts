import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import { ECMASCRIPT, EXPRESS_SENDS } from './ecmascript-grammar.js';
import { goStatements } from './go.js';
import { isLogStatement, JS_LOG_CALL } from './log-calls.js';
import { calleeText, code, statementAfter, type SyntaxHit, type SyntaxRule } from './rule.js';

/*
 * A handler that answers a request with an error and then goes on as if it had not:
 * `if err != nil { http.Error(w, err.Error(), 400) }` with no `return`, or Express's
 * `if (!user) { res.status(404).json(...) }` followed by `res.json(user)`. Sending the response
 * does not end the function: the lines after it run with the bad input (saving an empty record),
 * and the second answer fails (Express throws "Cannot set headers after they are sent"; Go logs
 * "superfluous WriteHeader" and the client gets a mixed body). Found where a branch with no else
 * does nothing but answer with an error (it checks an error, or its answer carries an error status)
 * and perhaps log, and the same block has more statements after it; a help text written in parts
 * (`if c.HasExample() { fmt.Fprintf(w, ...) }`) is not an answer to a failure.
 */

const TEACHING = {
  concern: 'correctness',
  failure: 'certain',
  title: 'error answered, then the handler carries on',
  question: 'After this branch has sent its error response, which line runs next, and what does it do with the input that was just rejected?',
  fix: 'Return as you answer: `http.Error(w, msg, http.StatusBadRequest); return`, `return res.status(404).json({ error: "not found" })`, so nothing after the branch runs for a request already answered',
} as const;

interface HandlerGrammar {
  id: string;
  /** What the framework's documentation says about answering (net/http's `Error` does not end the request). */
  docsUrl: string;
  languages: readonly ParsedLanguage[];
  call: string;
  /** Whether a call writes the response: `http.Error(w, ...)`, `res.status(500).json(...)`. */
  answers(call: Node): boolean;
  logs: RegExp;
  /** The statements of a branch's body. */
  statements(body: Node | null): Node[];
  /**
   * Present when an answer is the whole response, so a second one fails (Express's `res.send` then
   * `res.json`); net/http's writes append to one body (`fmt.Fprintf(w, ...)` twice is a page). It
   * reads the body of a plain `else` (not an `else if`) from an `if`'s alternative.
   */
  answersOnce?: { elseBody(alternative: Node): Node | null };
}

/** An answer that reports a failure: a 4xx or 5xx status, by number or by name, or `http.Error`. */
const ERROR_STATUS = /\b[45]\d\d\b|Status(?:BadRequest|Unauthorized|Forbidden|NotFound|MethodNotAllowed|Conflict|Gone|UnprocessableEntity|TooManyRequests|InternalServerError|BadGateway|ServiceUnavailable)\b|\bhttp\.Error\b|\b(?:BAD_REQUEST|UNAUTHORIZED|FORBIDDEN|NOT_FOUND|CONFLICT|INTERNAL_SERVER_ERROR)\b/;
/** A condition that checks for a failure: `err != nil`, `if (err)`, `if (error)`. */
const CHECKS_ERROR = /\berr(?:or)?\b|\w[eE]rr\b/;

function answeredThenContinued(grammar: HandlerGrammar): SyntaxRule {
  const answers = (statement: Node): boolean => {
    const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
    return call?.type === grammar.call && grammar.answers(call);
  };
  return {
    id: grammar.id,
    languages: grammar.languages,
    ...TEACHING,
    docsUrl: grammar.docsUrl,
    types: ['if_statement'],
    find(index) {
      const hits: SyntaxHit[] = [];
      // Setting the status alone (`w.WriteHeader(400)`) leaves the body to the lines after: only a written answer counts.
      const onlyAnswers = (statements: Node[]): boolean =>
        statements.some((statement) => answers(statement) && !/\.WriteHeader\(/.test(statement.text)) && statements.every((statement) => answers(statement) || isLogStatement(statement, grammar.call, grammar.logs));
      // A branch that ends by answering: it does not return, so what follows it runs too.
      const endsAnswering = (statements: Node[]): boolean => {
        const last = statements.at(-1);
        return last !== undefined && answers(last) && !/\.WriteHeader\(/.test(last.text);
      };
      for (const branch of index.of('if_statement')) {
        const statements = grammar.statements(branch.childForFieldName('consequence'));
        const next = statementAfter(branch);
        if (!next) continue;
        const alternative = branch.childForFieldName('alternative');
        if (grammar.answersOnce && answers(next)) {
          // Answered in the branch (or in both branches of an if/else), and again on the next line: two responses, whatever the status.
          const otherwise = alternative ? grammar.answersOnce.elseBody(alternative) : null;
          if (!endsAnswering(statements) || (alternative && (!otherwise || !endsAnswering(grammar.statements(otherwise))))) continue;
        } else if (alternative || !onlyAnswers(statements) || (!CHECKS_ERROR.test(branch.childForFieldName('condition')?.text ?? '') && !statements.some((statement) => answers(statement) && ERROR_STATUS.test(statement.text)))) {
          continue;
        }
        const answer = statements.find(answers)?.namedChildren[0];
        hits.push({ node: branch, message: `This branch answers with \`${answer ? calleeText(answer).slice(0, 40) : 'an error'}\` and does not return: line ${next.startPosition.row + 1} runs next anyway.` });
      }
      return hits;
    },
  };
}

/** What a Go handler names its `http.ResponseWriter`. */
const RESPONSE_WRITER = /^(?:w|rw|wr|writer|resp|response|res)$/;

function sends(statement: Node): boolean {
  const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
  return call?.type === 'call_expression' && EXPRESS_SENDS.test(calleeText(call));
}

/**
 * Two responses sent one after the other in the same block: `res.send("Password incorrect!");
 * res.sendStatus(409);`. Express sends the first; the second throws "Cannot set headers after they
 * are sent to the client", inside a callback often enough that nothing catches it.
 */
const sentTwice: SyntaxRule = {
  id: 'js/response-sent-twice',
  languages: ECMASCRIPT,
  concern: 'correctness',
  failure: 'certain',
  title: 'response sent twice',
  question: 'Which of these two responses reaches the client, and what happens when the second one is sent?',
  docsUrl: 'https://expressjs.com/en/api.html#res.send',
  fix: 'Send one response: set the status and send the body together (`return res.status(409).send("Password incorrect!")`)',
  types: ['statement_block'],
  mentions: /\bres(?:ponse)?\.(?:send|json|end|sendStatus|render|redirect)\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const block of index.of('statement_block')) {
      const statements = code(block.namedChildren);
      const first = statements.findIndex(sends);
      const second = first === -1 ? -1 : statements.findIndex((statement, at) => at > first && sends(statement));
      if (second !== -1) hits.push({ node: statements[second] as Node, message: `A response was already sent on line ${(statements[first] as Node).startPosition.row + 1}: this second one throws "Cannot set headers after they are sent".` });
    }
    return hits;
  },
};

/** Loops, and `items.forEach(...)` as a statement. */
const LOOPS = new Set(['for_statement', 'for_in_statement', 'while_statement']);
const ENDS = new Set(['return_statement', 'break_statement', 'throw_statement']);

function isLoop(statement: Node): boolean {
  if (LOOPS.has(statement.type)) return true;
  const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
  return call?.type === 'call_expression' && /\.forEach$/.test(calleeText(call));
}

/**
 * A response sent inside a loop that searches, then another after the loop: `products.forEach((p) =>
 * { if (p.id == id) res.send(p); }); res.send('no matching item found');`, or a duplicate found in
 * the loop and the item added and answered for after it. When the loop answers, both are sent (a `return` inside `forEach`'s callback ends only the callback); the second throws
 * "Cannot set headers after they are sent". Reported at the answer inside the loop.
 */
const answeredInLoop: SyntaxRule = {
  ...sentTwice,
  id: 'js/answered-in-loop',
  question: 'When the loop finds what it looks for, how many responses does this request send?',
  fix: 'Find first, then answer once: `const product = products.find((p) => p.id == id); if (!product) return res.status(404).send("not found"); res.send(product)`',
  types: ['expression_statement', ...LOOPS],
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const loop of [...index.of('expression_statement'), ...[...LOOPS].flatMap((type) => index.of(type))]) {
      if (!isLoop(loop)) continue;
      // The first answer after the loop in its block, with nothing ending the handler before it.
      let after = statementAfter(loop);
      while (after && !sends(after) && !ENDS.has(after.type)) after = statementAfter(after);
      if (!after || !sends(after)) continue;
      const inside = index.of('expression_statement', loop).find((statement) => sends(statement) && !ENDS.has(statementAfter(statement)?.type ?? '') && !(statement.parent && ENDS.has(statement.parent.type)));
      if (inside) hits.push({ node: inside, message: `This answers inside the loop and the handler goes on: line ${after.startPosition.row + 1} answers again.` });
    }
    return hits;
  },
};

export const ANSWERED_THEN_CONTINUED_RULES: readonly SyntaxRule[] = [
  answeredThenContinued({
    id: 'go/answered-then-continued',
    languages: ['go'],
    docsUrl: 'https://pkg.go.dev/net/http#Error',
    call: 'call_expression',
    answers(call) {
      const callee = calleeText(call);
      const writer = call.childForFieldName('arguments')?.namedChildren[0]?.text ?? '';
      // net/http's: `http.Error(w, ...)`, `w.WriteHeader(...)`, `fmt.Fprintf(w, ...)` (not to os.Stderr), `json.NewEncoder(w).Encode(...)`.
      if (/^(?:http\.Error|fmt\.Fprint(?:f|ln)?)$/.test(callee)) return RESPONSE_WRITER.test(writer);
      const written = /^(\w+)\.(?:WriteHeader|Write)$/.exec(callee)?.[1] ?? /^json\.NewEncoder\((\w+)\)\.Encode$/.exec(callee)?.[1];
      if (written) return RESPONSE_WRITER.test(written);
      // gin's context.
      return /^c\.(?:JSON|IndentedJSON|String|Status|AbortWithStatus|AbortWithStatusJSON|AbortWithError|HTML|XML)$/.test(callee);
    },
    logs: /^(?:log\.(?:Print|Printf|Println)|fmt\.(?:Print|Printf|Println)|slog\.(?:Debug|Info|Warn|Error))$/,
    statements: (block) => code(goStatements(block)),
  }),
  answeredThenContinued({
    id: 'js/answered-then-continued',
    languages: ECMASCRIPT,
    docsUrl: 'https://expressjs.com/en/api.html#res.send',
    call: 'call_expression',
    // Express and its likes: `res.send(...)`, `res.status(500).json(...)`, `res.sendStatus(404)`.
    answers: (call) => EXPRESS_SENDS.test(calleeText(call)),
    logs: JS_LOG_CALL,
    statements: (body) => (body?.type === 'statement_block' ? code(body.namedChildren) : body ? [body] : []),
    answersOnce: {
      elseBody: (alternative) => {
        const body = alternative.type === 'else_clause' ? code(alternative.namedChildren)[0] : alternative;
        return body && body.type !== 'if_statement' ? body : null;
      },
    },
  }),
  sentTwice,
  answeredInLoop,
];
