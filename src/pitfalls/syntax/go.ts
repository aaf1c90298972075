import type { Node } from 'web-tree-sitter';
import { NO_TIMEOUT_QUESTION } from '../teach.js';
import { builtArgument, type StringGrammar } from './built-string.js';
import { runsShell, SHELL_TEACHING, shellHit, sqlBuiltFromStrings } from './injection.js';
import { ancestor, calleeText, code, isEmptyBlock, statementBefore, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

export const ASSIGNMENTS = ['assignment_statement', 'short_var_declaration'];
/** Go's functions: declared, methods, and literals. */
export const GO_FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);
/** A Go handler's parameters: net/http's, gin's, echo's, fiber's. */
export const GO_HANDLER_PARAMETER = /\bhttp\.ResponseWriter\b|\*gin\.Context\b|\becho\.Context\b|\*fiber\.Ctx\b/;

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


/** The one name and one value of `x := v`, `var x = v`. */
function declaredOne(left: Node | null, right: Node | null): { name: string; value: Node } | undefined {
  const names = left?.type === 'expression_list' ? left.namedChildren : [left];
  const values = right?.namedChildren ?? [];
  const [name] = names;
  const [value] = values;
  return names.length === 1 && values.length === 1 && name?.type === 'identifier' && value ? { name: name.text, value } : undefined;
}

/** How Go builds strings: `+` and `fmt.Sprintf`. */
export const GO_STRINGS: StringGrammar = {
  literals: new Set(['interpreted_string_literal', 'raw_string_literal']),
  builders: ['binary_expression', 'call_expression'],
  formatCall(node) {
    if (node.type !== 'call_expression' || calleeText(node) !== 'fmt.Sprintf') return undefined;
    const [format, ...values] = node.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null) ?? [];
    return format && GO_STRINGS.literals.has(format.type) ? { format, values } : undefined;
  },
  declarations: ['short_var_declaration', 'var_spec'],
  declared(node) {
    return node.type === 'var_spec' ? declaredOne(node.childForFieldName('name'), node.childForFieldName('value')) : declaredOne(node.childForFieldName('left'), node.childForFieldName('right'));
  },
  functions: GO_FUNCTIONS,
};

/** The statements of a Go block, comments among them (`{ ... }` holds a statement list). */
export function goStatements(block: Node | null): Node[] {
  const list = block?.namedChildren.find((child) => child?.type === 'statement_list') ?? block;
  return (list?.namedChildren ?? []).filter((child): child is Node => child !== null);
}

/** Every `a = f()` and `a, b := f()`, in source order. */
function assignments(index: SyntaxIndex): Node[] {
  return ASSIGNMENTS.flatMap((type) => index.of(type)).sort((a, b) => a.startIndex - b.startIndex);
}

/** The single call on the right of an assignment, if that is all there is. */
function soleCall(assignment: Node): Node | undefined {
  const right = assignment.childForFieldName('right')?.namedChildren ?? [];
  return right.length === 1 && right[0]?.type === 'call_expression' ? right[0] : undefined;
}

const ignoredError: SyntaxRule = {
  id: 'go/ignored-error',
  failure: 'hidden',
  languages: ['go'],
  concern: 'correctness',
  title: 'error thrown away',
  question: 'What happens next when this call fails, and how would you know?',
  docsUrl: 'https://go.dev/doc/effective_go#errors',
  fix: 'Name the error and check it: `if err != nil { return fmt.Errorf("...: %w", err) }`',
  types: ASSIGNMENTS,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const assignment of assignments(index)) {
      const call = soleCall(assignment);
      const left = assignment.childForFieldName('left')?.namedChildren ?? [];
      // Go returns the error last: a blank there, after a call, drops it.
      if (!call || left.at(-1)?.text !== '_' || CONVENTIONALLY_IGNORED.test(calleeText(call))) continue;
      if (left.length === 1 && assignment.type !== 'assignment_statement') continue;
      hits.push({ node: assignment, message: `The last result of \`${calleeText(call)}\`, by Go custom its error, is assigned to _.` });
    }
    return hits;
  },
};

/**
 * Calls whose error is the point of calling them, made as statements of their own so the error
 * goes nowhere (errcheck's finding, for the calls where dropping it is a bug rather than a habit):
 * decoding and scanning into a value that then stays zero, files and folders that may not have
 * been written, a transaction that may not have committed, and `http.ListenAndServe`, which
 * returns at once when the port is taken.
 */
const ERROR_IS_THE_RESULT = /^(?:json\.Unmarshal|xml\.Unmarshal|yaml\.Unmarshal|fmt\.(?:Scan|Scanln|Scanf|Sscan|Sscanf|Sscanln|Fscan|Fscanf|Fscanln)|os\.(?:Remove|RemoveAll|Mkdir|MkdirAll|WriteFile|Rename|Chdir|Setenv)|http\.ListenAndServe(?:TLS)?|[\w.()]*\.(?:Decode|Commit|Scan))$/;

const uncheckedError: SyntaxRule = {
  id: 'go/unchecked-error',
  failure: 'hidden',
  languages: ['go'],
  concern: 'correctness',
  title: 'error never looked at',
  question: 'When this call fails, what does the program do next, and how would you know it failed?',
  docsUrl: 'https://github.com/kisielk/errcheck',
  fix: 'Take the error and check it: `if err := json.Unmarshal(body, &data); err != nil { return fmt.Errorf("decoding the reply: %w", err) }` (for a server, `log.Fatal(http.ListenAndServe(addr, nil))`)',
  types: ['expression_statement'],
  mentions: /Unmarshal|Scan|Remove|Mkdir|WriteFile|Rename|Chdir|Setenv|ListenAndServe|Decode|Commit/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const statement of index.of('expression_statement')) {
      const call = statement.namedChildren[0];
      if (call?.type !== 'call_expression') continue;
      const callee = calleeText(call);
      // With nothing to fill, a scan is not one: bufio's `scanner.Scan()` returns a bool, a bare `fmt.Scanln()` waits for Enter.
      const filled = (call.childForFieldName('arguments')?.namedChildren.length ?? 0) > 0;
      if (ERROR_IS_THE_RESULT.test(callee) && (filled || /ListenAndServe|Commit$/.test(callee))) hits.push({ node: statement, message: `\`${callee}\` returns an error, and this line lets it go.` });
    }
    return hits;
  },
};

const emptyErrorCheck: SyntaxRule = {
  id: 'go/empty-error-check',
  failure: 'hidden',
  languages: ['go'],
  concern: 'correctness',
  title: 'error checked and then ignored',
  question: 'This branch runs when the call failed: what should the code do then?',
  docsUrl: 'https://go.dev/doc/effective_go#errors',
  fix: 'In that branch, handle the error or return it wrapped with what was being done: `return fmt.Errorf("...: %w", err)`',
  types: ['if_statement'],
  find(index) {
    return index
      .of('if_statement')
      .filter((statement) => /^\w*err\w*\s*!=\s*nil$/i.test(statement.childForFieldName('condition')?.text ?? '') && isEmptyBlock(statement.childForFieldName('consequence')))
      .map((statement) => ({ node: statement, message: `\`if ${statement.childForFieldName('condition')?.text}\` has an empty body: the error is dropped.` }));
  },
};

const SUCCESS_CHECK = /^(\w*err\w*)\s*==\s*nil$/i;
/** A test saying the call should have failed: `if err == nil { t.Fatal("expected an error") }`. */
const EXPECTED_FAILURE = /\b(?:t|b|tb|f|s|suite)\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(|\b(?:require|assert)\.\w+\s*\(/;
export const LEAVES = /^(?:return|break|continue|goto|panic\(|log\.Fatal|os\.Exit)/;

/** Whether the statements after `statement` read `name` before giving it a new value. */
export function readAfter(statement: Node, name: string): boolean {
  const mentions = new RegExp(`\\b${name}\\b`);
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (!mentions.test(next.text)) continue;
    const assigned = ASSIGNMENTS.includes(next.type) && (next.childForFieldName('left')?.namedChildren ?? []).some((target) => target?.text === name);
    return !assigned || mentions.test(next.childForFieldName('right')?.text ?? '');
  }
  return false;
}

/**
 * `if err == nil { ...use the result... }` with no else: the failure path is the one with nothing in
 * it, so a failed call does nothing and says nothing. Left alone when the `if` declares what it
 * checks (`if n, err := strconv.Atoi(s); err == nil { size = n }`, the "use it when it parses"
 * idiom), when its body leaves (the code after it is then the failure path), when it is a test
 * saying the call should have failed (`t.Fatal("expected an error")`) and when the error is read in
 * it or after it.
 */
const successOnlyCheck: SyntaxRule = {
  id: 'go/success-only-error-check',
  failure: 'hidden',
  languages: ['go'],
  concern: 'correctness',
  title: 'failure path left empty',
  question: 'This block runs when the call worked: what happens when it did not, and who hears about it?',
  docsUrl: 'https://go.dev/doc/effective_go#errors',
  fix: 'Check for the failure first and handle it: `if err != nil { return fmt.Errorf("opening %s: %w", name, err) }`, then carry on with the result unindented',
  types: ['if_statement'],
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const statement of index.of('if_statement')) {
      const name = SUCCESS_CHECK.exec(statement.childForFieldName('condition')?.text ?? '')?.[1];
      const body = statement.childForFieldName('consequence');
      if (!name || !body || statement.childForFieldName('alternative') || statement.childForFieldName('initializer')) continue;
      const last = goStatements(body).at(-1);
      if (!last || LEAVES.test(last.text) || EXPECTED_FAILURE.test(body.text) || new RegExp(`\\b${name}\\b`).test(body.text) || readAfter(statement, name)) continue;
      hits.push({ node: statement, message: `\`if ${name} == nil\` has no else: when the call fails, nothing happens and nobody is told.` });
    }
    return hits;
  },
};

/** A `for` and the function bodies a `defer` or a `continue` can belong to, nearest first. */
const LOOP_OR_FUNCTION = new Set(['for_statement', ...GO_FUNCTIONS]);

/** Reads from a stream that fail the same way for ever once it has ended: EOF comes back on every call. */
const STREAM_READ = /^(?:.+\.(?:ReadString|ReadLine|ReadBytes|ReadRune|Read)|fmt\.(?:Scan|Scanln|Scanf))$/;

/**
 * An endless loop that answers a failed read with `continue`, or with nothing at all: `for { line,
 * err := reader.ReadString('\n'); if err != nil { fmt.Println("try again"); continue } ... }`. Once
 * the input has ended (Ctrl-D, a closed pipe, a client gone), every read fails with io.EOF at once,
 * so the loop spins for ever at full speed.
 */
const retriedEndOfInput: SyntaxRule = {
  id: 'go/read-error-retried-forever',
  failure: 'certain',
  languages: ['go'],
  concern: 'correctness',
  title: 'end of input retried for ever',
  question: 'When the input has ended, what does every later read return, and how does this loop ever stop?',
  docsUrl: 'https://pkg.go.dev/io#EOF',
  fix: 'Stop on io.EOF (`if errors.Is(err, io.EOF) { return }`) and only ask again for errors worth retrying; or read with a `bufio.Scanner`, whose `for scanner.Scan()` loop ends with the input',
  types: ['for_statement', 'if_statement'],
  mentions: /\bRead(?:String|Line|Bytes|Rune)\b|\bfmt\.Scan/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const branch of index.of('if_statement')) {
      const checked = /^(\w+)\s*!=\s*nil$/.exec(branch.childForFieldName('condition')?.text ?? '')?.[1];
      const body = code(goStatements(branch.childForFieldName('consequence')));
      const last = body.at(-1);
      const loop = ancestor(branch, LOOP_OR_FUNCTION);
      // `for { ... }`: a loop with nothing but its body. An empty check goes round just as `continue` does.
      if (!checked || (body.length > 0 && last?.type !== 'continue_statement') || branch.childForFieldName('alternative') || loop?.type !== 'for_statement' || code(loop.namedChildren).length !== 1) continue;
      const before = statementBefore(branch);
      const call = before && ASSIGNMENTS.includes(before.type) ? soleCall(before) : undefined;
      const assigned = before?.childForFieldName('left')?.namedChildren.some((name) => name?.text === checked);
      if (call && assigned && STREAM_READ.test(calleeText(call)) && !/\bEOF\b/.test(branch.text)) hits.push({ node: branch, message: `When the input ends, \`${calleeText(call)}\` fails at once on every turn, and ${body.length > 0 ? 'this `continue` asks' : 'this empty check lets the loop ask'} again for ever.` });
    }
    return hits;
  },
};

const missingDeferClose: SyntaxRule = {
  id: 'go/missing-defer-close',
  languages: ['go'],
  concern: 'correctness',
  title: 'opened without defer Close',
  question: 'On every path out of this function, including the early returns, who closes what this line opened?',
  docsUrl: 'https://go.dev/doc/effective_go#defer',
  fix: 'Right after the error check that follows the open, `defer f.Close()` (for an HTTP response, `defer resp.Body.Close()`)',
  types: ['short_var_declaration', 'defer_statement', 'return_statement', 'identifier'],
  find(index) {
    const hits: SyntaxHit[] = [];
    // Only a new local (`f, err := os.Open(...)`): assigned with `=`, it may be a field or an outer variable that outlives the function.
    for (const assignment of index.of('short_var_declaration')) {
      const call = soleCall(assignment);
      const close = call && OPENERS.get(calleeText(call));
      const name = assignment.childForFieldName('left')?.namedChildren[0]?.text;
      if (!close || !name || name === '_') continue;
      const body = ancestor(assignment, GO_FUNCTIONS);
      if (!body) continue;
      const deferred = index.of('defer_statement', body).some((statement) => statement.text.includes(`${name}.${close}(`));
      // Returned to the caller: closing it is the caller's job.
      const returned = index.of('return_statement', body).some((statement) => index.of('identifier', statement).some((identifier) => identifier.text === name));
      if (!deferred && !returned) hits.push({ node: assignment, message: `No \`defer ${name}.${close}()\` follows \`${calleeText(call)}\` in this function.` });
    }
    return hits;
  },
};

/**
 * `defer` inside a loop: it runs when the function returns, not at the end of the iteration, so
 * every file, body or row set the loop opens stays open until the last page is fetched (gocritic's
 * deferInLoop, revive's defer rule). Found where the nearest enclosing loop-or-function is a loop.
 */
const deferInLoop: SyntaxRule = {
  id: 'go/defer-in-loop',
  languages: ['go'],
  concern: 'correctness',
  title: 'defer inside a loop',
  question: 'When does this deferred call run: at the end of this iteration, or only when the whole function returns?',
  docsUrl: 'https://go.dev/ref/spec#Defer_statements',
  fix: 'Close at the end of each iteration, or move the loop body into a function of its own so that its `defer` runs once per call',
  types: ['defer_statement'],
  mentions: /\bdefer\b/,
  find(index) {
    return index
      .of('defer_statement')
      .filter((statement) => ancestor(statement, LOOP_OR_FUNCTION)?.type === 'for_statement')
      .map((statement) => ({ node: statement, message: `\`${statement.text.slice(0, 60)}\` runs when the function returns, not when this iteration ends: what each pass opens stays open until then.` }));
  },
};

const defaultHttpClient: SyntaxRule = {
  id: 'go/http-without-timeout',
  languages: ['go'],
  concern: 'correctness',
  title: 'HTTP client without a timeout',
  question: NO_TIMEOUT_QUESTION,
  docsUrl: 'https://pkg.go.dev/net/http#Client',
  fix: 'Send it with an `http.Client` that sets `Timeout` (a named constant), or build the request with `http.NewRequestWithContext` and a context that has a deadline',
  types: ['call_expression', 'composite_literal'],
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      if (DEFAULT_CLIENT_CALLS.has(calleeText(call))) hits.push({ node: call, message: `\`${calleeText(call)}\` uses http.DefaultClient, which has no timeout.` });
    }
    for (const literal of index.of('composite_literal')) {
      if (literal.childForFieldName('type')?.text !== 'http.Client') continue;
      const keys = literal.childForFieldName('body')?.namedChildren.map((element) => element?.childForFieldName('key')?.text) ?? [];
      if (!keys.includes('Timeout')) hits.push({ node: literal, message: 'This http.Client sets no Timeout: a request can wait forever.' });
    }
    return hits;
  },
};

/** The calls that start a program, and where its arguments begin: `exec.CommandContext` takes a context first. */
const COMMANDS = new Map([
  ['exec.Command', 0],
  ['exec.CommandContext', 1],
]);

const shellCommand: SyntaxRule = {
  id: 'go/shell-command-from-strings',
  languages: ['go'],
  ...SHELL_TEACHING,
  types: ['call_expression', ...GO_STRINGS.declarations],
  mentions: /\bexec\.Command/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      const first = COMMANDS.get(calleeText(call));
      if (first === undefined) continue;
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      const line = runsShell(args[first], args[first + 1], GO_STRINGS) ? args[first + 2] : undefined;
      const built = builtArgument(line, index, GO_STRINGS);
      if (line && built) hits.push(shellHit(line, calleeText(call), built));
    }
    return hits;
  },
};

export const GO_RULES: readonly SyntaxRule[] = [
  ignoredError,
  uncheckedError,
  emptyErrorCheck,
  successOnlyCheck,
  retriedEndOfInput,
  missingDeferClose,
  deferInLoop,
  defaultHttpClient,
  sqlBuiltFromStrings('go/sql-built-from-strings', ['go'], GO_STRINGS),
  shellCommand,
];
