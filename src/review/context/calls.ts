import { escapeRegExp } from '../../tutor/offline/changes/lines.js';

/**
 * The calls a piece of code makes, by callee name: what two pieces of code that do the same job
 * share first (`requests.get`, `JSON.parse`, `fs.readFile`), whatever they name their variables.
 * Read lexically so it works in every language and on a fragment that does not parse.
 */

/** `a.b.c(` keeps `b.c`: the receiver's last name and the method say what is called (`a?.b(` too). */
const CALL = /(?<![\w$.?])((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*[A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>)?\s*\(/g;
/** A method called on what a call returned, `…)?.join(`: named by the method alone, `.join`. */
const CHAINED = /\)\s*\??\.\s*([A-Za-z_$][\w$]*)\s*\(/g;
/** Comments: a block, or a line that is only a comment. Their code samples are not calls the code makes. */
const COMMENTS = /\/\*[\s\S]*?\*\/|^[ \t]*(?:\/\/|#(?![![])|\*).*$/gm;
/** Words followed by `(` that are not calls: control flow, declarations, operators. */
const NOT_CALLS = new Set([
  'if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'def', 'func', 'class', 'new', 'await', 'typeof', 'sizeof', 'elif', 'except', 'with', 'assert', 'print', 'in', 'not', 'and', 'or',
  'lambda', 'yield', 'throw', 'raise', 'super', 'this', 'self', 'else', 'do', 'try', 'finally', 'import', 'from', 'export', 'async', 'void', 'delete', 'instanceof', 'of', 'go', 'defer', 'select', 'case',
  'synchronized', 'foreach', 'using', 'match', 'when', 'let', 'const', 'var', 'public', 'private', 'protected', 'static', 'final', 'override',
]);
/** Calls nearly every piece of code makes: sharing them says nothing about doing the same job. */
const UBIQUITOUS = new Set([
  'len', 'str', 'int', 'float', 'bool', 'range', 'print', 'isinstance', 'sum', 'min', 'max', 'abs', 'round', 'sorted', 'list', 'dict', 'set', 'tuple', 'map', 'filter', 'zip', 'enumerate',
  'console.log', 'require', 'String', 'Number', 'Boolean', 'new Set', 'new Map', 'new Error', 'new ArrayList', 'new HashMap', 'Math.round', 'Math.max', 'Math.min', 'Math.floor', 'Date.now', 'new Date', 'time.Now', 'Object.keys', 'Array.isArray', 'push', 'append', 'toString', 'equals', 'get', 'has', 'add',
  // Go's conversions and builtins (`[]byte(s)`, `string(b)`, `strconv.Itoa`), and printing to the terminal in Go and Java, as `print` and `console.log` are.
  'byte', 'string', 'rune', 'int64', 'int32', 'uint', 'uint64', 'float64', 'make', 'cap', 'copy', 'panic', 'fmt.Println', 'fmt.Printf', 'fmt.Print', 'strconv.Itoa', 'strconv.Atoi', 'out.println', 'out.print', 'out.printf',
]);
/**
 * Methods of lists, maps and strings, string formatting and an exception's accessors: whatever they
 * are called on (`items.map`, `rows.push`, `fmt.Sprintf`, `e.getMessage`), they say nothing about
 * what the code does. `find` is not one: an unchecked `.find()` is a pitfall of its own.
 */
const DATA_METHODS = new Set([
  'push', 'pop', 'shift', 'append', 'extend', 'map', 'filter', 'forEach', 'reduce', 'some', 'every', 'sort', 'slice', 'splice', 'concat', 'join', 'split',
  'includes', 'indexOf', 'keys', 'values', 'entries', 'items', 'trim', 'strip', 'replace', 'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'lower', 'upper',
  'format', 'Sprint', 'Sprintf', 'Sprintln', 'getMessage', 'getLocalizedMessage', 'getCause', 'printStackTrace',
]);
/** A name right after these words is being declared, not called. */
const DECLARES = /(?:\bfunction\*?|\bdef|\bfunc(?:\s*\([^)]*\))?|\bclass|\binterface|\btype|\bget|\bset|\bstatic|\basync)\s*$/;
/** A constructor call: `new FileReader(…)` is the call `new FileReader`. */
const CONSTRUCTS = /\bnew\s+$/;
/**
 * A name right after a type is being declared (`String header(`, `List<Item> load(`), as in an
 * interface or an abstract method; a call follows an operator, a bracket or one of these words.
 */
const AFTER_TYPE = /(?:[A-Za-z_$][\w$]*|>|\])\s+$/;
const BEFORE_CALLS = /\b(?:return|await|throw|yield|else|case|in|of|typeof|void|not|and|or|do|assert|echo|go|defer)\s+$/;

/** Callee names in `code`, each once, in the order first seen. */
export function callsIn(text: string): string[] {
  const code = codeOnly(text);
  const calls = new Set<string>();
  for (const match of code.matchAll(CALL)) {
    const parts = (match[1] ?? '').split('.').map((part) => part.trim().replace(/\?$/, ''));
    const name = parts.at(-1) ?? '';
    const before = code.slice(Math.max(0, (match.index ?? 0) - 24), match.index);
    if (NOT_CALLS.has(name) || DECLARES.test(before) || (AFTER_TYPE.test(before) && !BEFORE_CALLS.test(before) && !CONSTRUCTS.test(before))) continue;
    const receiver = parts.length > 1 ? parts.at(-2) : undefined;
    const callee = receiver && receiver !== 'this' && receiver !== 'self' ? `${receiver}.${name}` : name;
    calls.add(CONSTRUCTS.test(before) ? `new ${callee}` : callee);
  }
  for (const match of code.matchAll(CHAINED)) calls.add(`.${match[1] ?? ''}`);
  return [...calls];
}

/**
 * The calls two pieces of code share: by callee (`requests.get`), the receivers' names alike when
 * they differ only in case or one holds the other (`LOGGER.info` and `logger.info`,
 * `cursor.execute` and `cur.execute`, `client.send` and `httpClient.send`); then by method when the
 * receivers' names differ (`cursor.execute` and `db.execute` share `.execute`, counted once), both
 * called on a value or both on a class (`Blog.find` on a model is not `blocks.find` on an array).
 */
export function sharedCalls(learner: readonly string[], golden: readonly string[]): string[] {
  const same = (call: string) => golden.some((other) => sameCallee(call, other));
  const sameMethod = (call: string) => golden.some((other) => methodOf(other) === methodOf(call) && staticCall(other) === staticCall(call));
  const shared = learner.filter((call) => same(call) && telling(call));
  const byMethod = learner.filter((call) => !same(call) && call.includes('.') && sameMethod(call) && methodOf(call).length > 3 && !UBIQUITOUS.has(methodOf(call)) && telling(call));
  return [...shared, ...new Set(byMethod.map((call) => `.${methodOf(call)}`))];
}

/** The same callee: the same name, and receivers alike (see `sharedCalls`); a chained `.join` only matches itself. */
function sameCallee(a: string, b: string): boolean {
  if (a === b) return true;
  if (methodOf(a) !== methodOf(b) || a.startsWith('.') || b.startsWith('.')) return false;
  const [x, y] = [receiverOf(a).toLowerCase(), receiverOf(b).toLowerCase()];
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return shorter.length >= 3 && longer.includes(shorter);
}

/**
 * A method called on a class (`Blog.find`, a Mongoose model; `Files.readString`) rather than on a
 * value (`blocks.find`, an array): the same method name on one and on the other is a different API.
 */
function staticCall(call: string): boolean {
  return /^[A-Z][a-z]/.test(receiverOf(call).split('.').at(-1) ?? '');
}

/** `requests` of `requests.get`, `new` of `new Foo`, '' of a plain call. */
function receiverOf(call: string): string {
  if (call.startsWith('new ')) return 'new';
  const dot = call.lastIndexOf('.');
  return dot < 0 ? '' : call.slice(0, dot);
}

/** A function, method or class declared by name: `function f`, `def f`, `func (s *S) f`, `const f = (…) =>`, `void f(…) {`, `class C`. */
const DECLARATION =
  /\b(?:function\*?|def|func(?:\s*\([^)]*\))?|class)\s+([A-Za-z_$][\w$]*)|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)|^[ \t]*(?:(?:public|private|protected|static|final|synchronized)\s+)*[\w<>[\],. ]+\s+([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?:throws\s+[\w., ]+)?\{/gm;

/**
 * The calls of `calls` made to what `text` declares itself (`getData()` where the file has
 * `function getData`, `new Student` where it has `class Student`): the learner's own functions,
 * whose names say nothing about sharing an API with golden code that happens to use the same name.
 */
export function ownDeclarations(text: string): (call: string) => boolean {
  const declared = new Set<string>();
  for (const match of codeOnly(text).matchAll(DECLARATION)) declared.add(match[1] ?? match[2] ?? match[3] ?? '');
  return (call) => {
    const plain = call.startsWith('new ') ? call.slice(4) : call;
    return !plain.includes('.') && declared.has(plain);
  };
}

/**
 * Whether a call says something about what code does (not `len`, `print`, `console.log`): as for
 * `sharedCalls`, a common method on a named receiver (`requests.get`, `cache.get`) does.
 */
export function telling(call: string): boolean {
  return !UBIQUITOUS.has(call) && !DATA_METHODS.has(methodOf(call)) && (call.includes('.') || !UBIQUITOUS.has(methodOf(call)));
}

function methodOf(call: string): string {
  return call.slice(call.lastIndexOf('.') + 1);
}

/**
 * The first line (1-based) of `text` that makes one of `calls`, by method name as a whole word
 * (`post(` is not `_post(`), outside comments (a doc comment's sample is no call).
 */
export function lineCalling(text: string, calls: readonly string[]): number | undefined {
  const names = calls.map((call) => call.split(/[. ]/).at(-1) ?? call).filter((name) => name !== '');
  if (names.length === 0) return undefined;
  const calling = new RegExp(`(?<![\\w$])(?:${names.map(escapeRegExp).join('|')})\\s*\\(`);
  const index = codeOnly(text)
    .split('\n')
    .findIndex((row) => calling.test(row));
  return index < 0 ? undefined : index + 1;
}

/** Words that give code its shape: where it branches, loops, waits, fails and returns. */
const SHAPE_WORDS = /\b(if|else|elif|for|while|try|catch|except|finally|return|throw|raise|await|with|switch|case|yield|defer|go|select)\b/g;

/**
 * The shape of a piece of code as pairs of consecutive steps (`try>JSON.parse`, `JSON.parse>catch`):
 * its control flow and its calls in order. Two pieces that do the same job the same way share most
 * of their pairs, whatever they call their variables.
 */
export function shapeOf(text: string): Set<string> {
  const code = codeOnly(text);
  const steps: Array<{ at: number; step: string }> = [];
  for (const match of code.matchAll(SHAPE_WORDS)) steps.push({ at: match.index ?? 0, step: match[1] ?? '' });
  for (const match of code.matchAll(CALL)) {
    const name = (match[1] ?? '').split('.').map((part) => part.trim()).at(-1) ?? '';
    if (!NOT_CALLS.has(name)) steps.push({ at: match.index ?? 0, step: name });
  }
  const ordered = steps.sort((a, b) => a.at - b.at).map((s) => s.step);
  return new Set(ordered.slice(1).map((step, i) => `${ordered[i]}>${step}`));
}

/** How much of their shape two pieces of code share, 0..1 (Jaccard over `shapeOf` pairs). */
export function shapeSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const pair of a) if (b.has(pair)) both++;
  return both / (a.size + b.size - both);
}

/** `text` with its comments blanked, line for line. */
export function withoutComments(text: string): string {
  return text.replace(COMMENTS, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** String literals: triple-quoted, quoted on one line, or a template (which may span lines). */
const STRINGS = /"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;

/**
 * `text` with its comments and the insides of its string literals blanked, line for line: a
 * format string's `"as %s (password %s)"` calls nothing, and a Go query's `count(*)` is SQL. A
 * template's `${…}` is kept: what it calls, the code calls.
 */
function codeOnly(text: string): string {
  return withoutComments(text.replace(STRINGS, (literal) => (literal.startsWith('`') ? blankTemplate(literal) : blank(literal))));
}

/** A literal with all but its quotes and line breaks blanked. */
function blank(literal: string): string {
  return literal[0] + literal.slice(1, -1).replace(/[^\n]/g, ' ') + literal.at(-1);
}

function blankTemplate(literal: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < literal.length; i++) {
    const char = literal[i] ?? '';
    if (depth > 0) {
      depth += char === '{' ? 1 : char === '}' ? -1 : 0;
      out += char;
    } else if (char === '$' && literal[i + 1] === '{') {
      out += '${';
      i++;
      depth = 1;
    } else {
      out += i === 0 || i === literal.length - 1 || char === '\n' ? char : ' ';
    }
  }
  return out;
}
