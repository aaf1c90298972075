import { ECMASCRIPT } from './ecmascript-grammar.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * An Express response method assigned instead of called:
 *
 *   res.status = res.status || 500;
 *   return res.json({ msg: err.message });
 *
 * `res.status` is a method: assigning to it replaces the method and sets no status, so every error
 * goes out as 200. A function assigned on purpose (a test's mock, a caching wrapper around
 * `res.end`) is left alone, as is Koa's `response.status = 404`, a setter there.
 */

/** Express's response methods, which a handler calls and never assigns. */
const RESPONSE_METHOD = /^res\.(?:status|json|send|sendStatus|redirect|render|set|end|cookie)$/;
/** A replacement on purpose: a mock in a test (`res.cookie = (name, value) => {}`, `jest.fn()`), or a wrapper (`res.end = function (...)`). */
const REPLACEMENT = /^(?:arrow_function|function_expression|function)$/;

const responseMethodReplaced: SyntaxRule = {
  id: 'js/response-method-replaced',
  languages: ECMASCRIPT,
  concern: 'correctness',
  failure: 'certain',
  title: 'response method assigned, not called',
  question: 'Is `res.status` a value here or a function, and what status does the client get after this line?',
  docsUrl: 'https://expressjs.com/en/api.html#res.status',
  fix: 'Call it: `res.status(err.status || 500).json({ msg: err.message })`',
  types: ['assignment_expression'],
  mentions: /\bres\.\w+\s*=[^=]/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const assignment of index.of('assignment_expression')) {
      const target = assignment.childForFieldName('left')?.text.replace(/\s+/g, '') ?? '';
      const value = assignment.childForFieldName('right');
      if (!value || REPLACEMENT.test(value.type) || /^(?:jest|vi|sinon)\./.test(value.text)) continue;
      if (RESPONSE_METHOD.test(target)) hits.push({ node: assignment, message: `\`${target}\` is a method: this replaces it instead of calling it, so nothing it should set is set.` });
    }
    return hits;
  },
};

export const RESPONSE_METHOD_REPLACED_RULES: readonly SyntaxRule[] = [responseMethodReplaced];
