import type { Node } from 'web-tree-sitter';
import { ancestor, descendants, isEmptyBlock, type SyntaxHit, type SyntaxRule } from './rule.js';

const ASSIGNMENTS = new Set(['assignment_statement', 'short_var_declaration']);
const IFS = new Set(['if_statement']);
const CALLS = new Set(['call_expression']);
const COMPOSITES = new Set(['composite_literal']);
const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const DEFERS = new Set(['defer_statement']);
const RETURNS = new Set(['return_statement']);
const IDENTIFIERS = new Set(['identifier']);

/** Calls whose results are ignored by long custom: printing to a terminal or a buffer. */
const CONVENTIONALLY_IGNORED = /^fmt\.(Print|Fprint)/;
/** Package functions that go through http.DefaultClient, which never times out. */
const DEFAULT_CLIENT_CALLS = new Set(['http.Get', 'http.Post', 'http.Head', 'http.PostForm']);
/** Calls that return something to Close (a file, a connection, a response whose Body must be closed). */
const OPENERS = new Map([
  ['os.Open', 'Close'],
  ['os.Create', 'Close'],
  ['os.OpenFile', 'Close'],
  ['net.Dial', 'Close'],
  ['http.Get', 'Body.Close'],
  ['http.Post', 'Body.Close'],
  ['http.Head', 'Body.Close'],
  ['http.PostForm', 'Body.Close'],
]);

function calleeOf(call: Node): string {
  return call.childForFieldName('function')?.text ?? '';
}

/** The single call on the right of an assignment, if that is all there is. */
function soleCall(assignment: Node): Node | undefined {
  const right = assignment.childForFieldName('right')?.namedChildren ?? [];
  return right.length === 1 && right[0]?.type === 'call_expression' ? right[0] : undefined;
}

const ignoredError: SyntaxRule = {
  id: 'go/ignored-error',
  languages: ['go'],
  concern: 'correctness',
  title: 'error thrown away',
  question: 'What happens next when this call fails, and how would you know?',
  docsUrl: 'https://go.dev/doc/effective_go#errors',
  find(root) {
    const hits: SyntaxHit[] = [];
    for (const assignment of descendants(root, ASSIGNMENTS)) {
      const call = soleCall(assignment);
      const left = assignment.childForFieldName('left')?.namedChildren ?? [];
      // Go returns the error last: a blank there, after a call, drops it.
      if (!call || left.at(-1)?.text !== '_' || CONVENTIONALLY_IGNORED.test(calleeOf(call))) continue;
      if (left.length === 1 && assignment.type !== 'assignment_statement') continue;
      hits.push({ node: assignment, message: `The last result of \`${calleeOf(call)}\`, by Go custom its error, is assigned to _.` });
    }
    return hits;
  },
};

const emptyErrorCheck: SyntaxRule = {
  id: 'go/empty-error-check',
  languages: ['go'],
  concern: 'correctness',
  title: 'error checked and then ignored',
  question: 'This branch runs when the call failed: what should the code do then?',
  docsUrl: 'https://go.dev/doc/effective_go#errors',
  find(root) {
    return descendants(root, IFS)
      .filter((statement) => /^\w*err\w*\s*!=\s*nil$/i.test(statement.childForFieldName('condition')?.text ?? '') && isEmptyBlock(statement.childForFieldName('consequence')))
      .map((statement) => ({ node: statement, message: `\`if ${statement.childForFieldName('condition')?.text}\` has an empty body: the error is dropped.` }));
  },
};

const missingDeferClose: SyntaxRule = {
  id: 'go/missing-defer-close',
  languages: ['go'],
  concern: 'correctness',
  title: 'opened without defer Close',
  question: 'On every path out of this function, including the early returns, who closes what this line opened?',
  docsUrl: 'https://go.dev/doc/effective_go#defer',
  find(root) {
    const hits: SyntaxHit[] = [];
    for (const assignment of descendants(root, ASSIGNMENTS)) {
      const call = soleCall(assignment);
      const close = call && OPENERS.get(calleeOf(call));
      const name = assignment.childForFieldName('left')?.namedChildren[0]?.text;
      if (!close || !name || name === '_') continue;
      const body = ancestor(assignment, FUNCTIONS);
      if (!body) continue;
      const deferred = descendants(body, DEFERS).some((statement) => statement.text.includes(`${name}.${close}(`));
      // Returned to the caller: closing it is the caller's job.
      const returned = descendants(body, RETURNS).some((statement) => descendants(statement, IDENTIFIERS).some((identifier) => identifier.text === name));
      if (!deferred && !returned) hits.push({ node: assignment, message: `No \`defer ${name}.${close}()\` follows \`${calleeOf(call)}\` in this function.` });
    }
    return hits;
  },
};

const defaultHttpClient: SyntaxRule = {
  id: 'go/http-without-timeout',
  languages: ['go'],
  concern: 'correctness',
  title: 'HTTP client without a timeout',
  question: 'What happens to this request if the server never answers?',
  docsUrl: 'https://pkg.go.dev/net/http#Client',
  find(root) {
    const hits: SyntaxHit[] = [];
    for (const call of descendants(root, CALLS)) {
      if (DEFAULT_CLIENT_CALLS.has(calleeOf(call))) hits.push({ node: call, message: `\`${calleeOf(call)}\` uses http.DefaultClient, which has no timeout.` });
    }
    for (const literal of descendants(root, COMPOSITES)) {
      if (literal.childForFieldName('type')?.text !== 'http.Client') continue;
      const keys = literal.childForFieldName('body')?.namedChildren.map((element) => element?.childForFieldName('key')?.text) ?? [];
      if (!keys.includes('Timeout')) hits.push({ node: literal, message: 'This http.Client sets no Timeout: a request can wait forever.' });
    }
    return hits;
  },
};

export const GO_RULES: readonly SyntaxRule[] = [ignoredError, emptyErrorCheck, missingDeferClose, defaultHttpClient];
