import type { Node } from 'web-tree-sitter';
import { NO_TIMEOUT_QUESTION } from '../teach.js';
import { builtArgument, localValue, type StringGrammar } from './built-string.js';
import { runsShell, SHELL_TEACHING, shellHit, sqlBuiltFromStrings } from './injection.js';
import { ancestor, firstUseAfter, isEmptyBlock, isReachedInto, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

const DECLARATIONS = ['formal_parameter', 'local_variable_declaration', 'field_declaration'];
const METHOD = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);

/** Catching these catches everything a block can throw. */
const CATCH_ALL = new Set(['Exception', 'Throwable', 'RuntimeException']);

/** Classes whose instances hold an open file or socket until closed. */
const RESOURCE_CLASSES = new Set(['FileInputStream', 'FileOutputStream', 'FileReader', 'FileWriter', 'RandomAccessFile', 'Socket', 'ServerSocket', 'ZipFile', 'JarFile']);
/** Classes that hold a resource only when what they wrap is one (a reader over a String holds nothing). */
const WRAPPER_CLASSES = new Set([
  'BufferedReader', 'BufferedWriter', 'InputStreamReader', 'OutputStreamWriter', 'BufferedInputStream', 'BufferedOutputStream',
  'ObjectInputStream', 'ObjectOutputStream', 'DataInputStream', 'DataOutputStream', 'PrintWriter', 'PrintStream', 'Scanner',
]);
/** Methods that open such a handle: JDBC connections and statements, NIO streams. */
const RESOURCE_METHODS = new Set(['getConnection', 'prepareStatement', 'createStatement', 'prepareCall', 'newInputStream', 'newOutputStream', 'newBufferedReader', 'newBufferedWriter', 'lines', 'list', 'walk']);
/** The only receivers `lines`, `list` and `walk` open a handle from (elsewhere they are ordinary names). */
const NIO_ONLY = new Set(['lines', 'list', 'walk']);
/** A catch parameter named like this says the exception is dropped on purpose. */
const IGNORED_ON_PURPOSE = /^(_|ignored?|expected|unused)$/i;

/** The arguments of a call or a `new`, as nodes. */
function argumentsOf(node: Node | null | undefined): Node[] {
  return node?.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null) ?? [];
}

/** How Java builds strings: `+`, `String.format(...)` and `"...".formatted(...)`. */
export const JAVA_STRINGS: StringGrammar = {
  literals: new Set(['string_literal']),
  builders: ['binary_expression', 'method_invocation'],
  formatCall(node) {
    if (node.type !== 'method_invocation') return undefined;
    const name = node.childForFieldName('name')?.text;
    const object = node.childForFieldName('object');
    const args = argumentsOf(node);
    if (name === 'formatted' && object?.type === 'string_literal') return { format: object, values: args };
    if (name !== 'format' || object?.text !== 'String') return undefined;
    // String.format(Locale.ROOT, "...", values) puts the locale first.
    const at = args.findIndex((arg) => arg.type === 'string_literal');
    return at === 0 || at === 1 ? { format: args[at] as Node, values: args.slice(at + 1) } : undefined;
  },
  declarations: ['variable_declarator'],
  declared(node) {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    return name && value ? { name: name.text, value } : undefined;
  },
  functions: METHOD,
};

/** Names declared `String` anywhere in the file (fields, parameters, locals). */
function stringNames(index: SyntaxIndex): Set<string> {
  const names = new Set<string>();
  for (const declaration of DECLARATIONS.flatMap((type) => index.of(type))) {
    if (declaration.childForFieldName('type')?.text !== 'String') continue;
    if (declaration.type === 'formal_parameter') {
      const name = declaration.childForFieldName('name')?.text;
      if (name) names.add(name);
      continue;
    }
    for (const declarator of declaration.childrenForFieldName('declarator')) {
      const name = declarator?.childForFieldName('name')?.text;
      if (name) names.add(name);
    }
  }
  return names;
}

/**
 * A String parameter or local of the method compared with an object's field or getter
 * (`booktitle == book[x].title`, `u.getPassword() == pass`). The name's type is read in its own
 * method, so a `Node s` there is not the `String s` of another method; a constant
 * (`SecurityConstants.FILE_READ_ACTION`, interned on purpose) and `type != other.type` (an equals()
 * comparing one field of two objects, whose type this file may not say) are left alone.
 */
function stringAgainstField(name: Node | null, member: Node | null, expression: Node, index: SyntaxIndex): boolean {
  if (name?.type !== 'identifier' || !member) return false;
  const field = member.type === 'field_access' ? member.childForFieldName('field')?.text : undefined;
  const getter = member.type === 'method_invocation' && /^get[A-Z]/.test(member.childForFieldName('name')?.text ?? '');
  const plainField = field !== undefined && field !== name.text && !/^[A-Z0-9_]+$/.test(field) && !/^[A-Z]/.test(member.childForFieldName('object')?.text ?? '');
  if (!getter && !plainField) return false;
  const method = ancestor(expression, METHOD);
  if (!method) return false;
  const declared = ['formal_parameter', 'local_variable_declaration'].flatMap((type) => index.of(type, method)).find((declaration) =>
    declaration.type === 'formal_parameter' ? declaration.childForFieldName('name')?.text === name.text : declaration.childrenForFieldName('declarator').some((declarator) => declarator?.childForFieldName('name')?.text === name.text),
  );
  return declared?.childForFieldName('type')?.text === 'String';
}

const stringEquality: SyntaxRule = {
  id: 'java/string-reference-equality',
  failure: 'certain',
  languages: ['java'],
  concern: 'correctness',
  title: 'strings compared with ==',
  question: 'Are these two the same String object, or two strings with the same letters, and which one does this line ask?',
  docsUrl: 'https://errorprone.info/bugpattern/StringEquality',
  fix: 'Compare the text with `a.equals(b)`, or `Objects.equals(a, b)` when either side may be null',
  types: [...DECLARATIONS, 'binary_expression'],
  find(index) {
    const strings = stringNames(index);
    const isString = (node: Node | null): boolean => node !== null && (node.type === 'string_literal' || (node.type === 'identifier' && strings.has(node.text)));
    const hits: SyntaxHit[] = [];
    for (const expression of index.of('binary_expression')) {
      const operator = expression.childForFieldName('operator')?.type;
      if (operator !== '==' && operator !== '!=') continue;
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      // A literal on one side makes it a String comparison; two names must both be known Strings.
      const literal = left?.type === 'string_literal' || right?.type === 'string_literal';
      if ((literal && left?.type !== 'null_literal' && right?.type !== 'null_literal') || (isString(left) && isString(right)) || stringAgainstField(left, right, expression, index) || stringAgainstField(right, left, expression, index)) {
        hits.push({ node: expression, message: `\`${expression.text}\` compares String references, not their text.` });
      }
    }
    return hits;
  },
};

function catchType(clause: Node): string | undefined {
  const parameter = clause.namedChildren.find((child) => child?.type === 'catch_formal_parameter');
  return parameter?.namedChildren.find((child) => child?.type === 'catch_type')?.text;
}

/** The empty catches whose parameter is not named to say the drop is meant: of a catch-all type, or of the others. */
function swallowingCatches(index: SyntaxIndex, catchAll: boolean): Node[] {
  return index.of('catch_clause').filter((clause) => {
    const parameter = clause.namedChildren.find((child) => child?.type === 'catch_formal_parameter');
    const meant = IGNORED_ON_PURPOSE.test(parameter?.childForFieldName('name')?.text ?? '');
    return isEmptyBlock(clause.childForFieldName('body')) && !meant && CATCH_ALL.has(catchType(clause) ?? '') === catchAll;
  });
}

const emptyCatch: SyntaxRule = {
  id: 'java/empty-catch',
  failure: 'hidden',
  languages: ['java'],
  concern: 'correctness',
  title: 'exception swallowed',
  question: 'When this fails in production, how will anyone find out?',
  docsUrl: 'https://pmd.github.io/pmd/pmd_rules_java_errorprone.html#emptycatchblock',
  fix: 'Handle the failure here if this code can, else let it propagate, wrapped in an exception that keeps it as its cause',
  types: ['catch_clause'],
  find(index) {
    return swallowingCatches(index, false).map((clause) => ({ node: clause, message: `This catch of ${catchType(clause) ?? 'an exception'} is empty: the failure disappears.` }));
  },
};

const swallowedCatchAll: SyntaxRule = {
  id: 'java/swallowed-catch-all',
  failure: 'hidden',
  languages: ['java'],
  concern: 'correctness',
  title: 'every exception swallowed',
  question: 'Which failures, including ones you have not thought of, end up in this empty block?',
  docsUrl: 'https://pmd.github.io/pmd/pmd_rules_java_errorprone.html#emptycatchblock',
  fix: 'Catch only the exceptions this block expects and handle or rethrow them; let the others propagate',
  types: ['catch_clause'],
  find(index) {
    return swallowingCatches(index, true).map((clause) => ({ node: clause, message: `This empty catch of ${catchType(clause)} hides every failure of its try block.` }));
  },
};

/** Whether `value` opens a resource: `new FileReader(...)`, a wrapper around one, or `DriverManager.getConnection(...)`. */
function opensResource(value: Node | null | undefined): boolean {
  if (!value) return false;
  if (value.type === 'object_creation_expression') {
    const type = value.childForFieldName('type')?.text.replace(/<.*$/, '') ?? '';
    if (RESOURCE_CLASSES.has(type)) return true;
    const wrapped = value.childForFieldName('arguments')?.namedChildren[0];
    return WRAPPER_CLASSES.has(type) && (opensResource(wrapped) || (wrapped?.type === 'object_creation_expression' && wrapped.childForFieldName('type')?.text === 'File'));
  }
  if (value.type !== 'method_invocation') return false;
  const name = value.childForFieldName('name')?.text ?? '';
  return RESOURCE_METHODS.has(name) && (!NIO_ONLY.has(name) || value.childForFieldName('object')?.text === 'Files');
}

const resourceOutsideTry: SyntaxRule = {
  id: 'java/resource-outside-try',
  languages: ['java'],
  concern: 'correctness',
  title: 'resource opened outside try-with-resources',
  question: 'If the next line throws, who closes what this line opened?',
  docsUrl: 'https://docs.oracle.com/javase/tutorial/essential/exceptions/tryResourceClose.html',
  fix: 'Open it in a try-with-resources statement, `try (var in = new FileInputStream(path)) { ... }`, which closes it however the block ends',
  types: ['local_variable_declaration', 'finally_clause', 'method_invocation', 'return_statement'],
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const declaration of index.of('local_variable_declaration')) {
      for (const declarator of declaration.childrenForFieldName('declarator')) {
        const name = declarator?.childForFieldName('name')?.text;
        if (!name || !opensResource(declarator?.childForFieldName('value'))) continue;
        // Closed in a finally, or handed to the caller: someone owns it.
        const body = ancestor(declaration, METHOD);
        const closed = index.of('finally_clause', body).some((clause) => index.of('method_invocation', clause).some((call) => call.childForFieldName('name')?.text === 'close' && call.childForFieldName('object')?.text === name));
        const returned = index.of('return_statement', body).some((statement) => statement.namedChildren[0]?.text === name);
        if (!closed && !returned) hits.push({ node: declaration, message: `\`${name}\` is opened outside try-with-resources and not closed in a finally.` });
      }
    }
    return hits;
  },
};

/** The elements of a command given as a list: `new String[] {...}`, `{...}`, `List.of(...)`, `Arrays.asList(...)`, or the arguments themselves. */
function commandOf(args: Node[], index: SyntaxIndex): Node[] {
  const [only] = args;
  if (args.length !== 1 || !only) return args;
  const list = localValue(only, index, JAVA_STRINGS) ?? only;
  // `new String[] {...}`, or `{...}` alone where the declaration gives the type.
  const elements = list.type === 'array_creation_expression' ? list.childForFieldName('value') : list.type === 'array_initializer' ? list : null;
  if (elements) return elements.namedChildren.filter((element): element is Node => element !== null);
  if (list.type === 'method_invocation' && /^(List\.of|Arrays\.asList)$/.test(`${list.childForFieldName('object')?.text}.${list.childForFieldName('name')?.text}`)) return argumentsOf(list);
  return args;
}

/** Where a command starts a program: `Runtime.getRuntime().exec(...)`, `new ProcessBuilder(...)`, `builder.command(...)`. */
function startsProgram(node: Node): boolean {
  if (node.type === 'object_creation_expression') return node.childForFieldName('type')?.text === 'ProcessBuilder';
  const name = node.childForFieldName('name')?.text;
  return (name === 'exec' && /getRuntime\(\)$/.test(node.childForFieldName('object')?.text ?? '')) || name === 'command';
}

/** How a note names what starts the program. */
function runnerOf(call: Node): string {
  if (call.type === 'object_creation_expression') return 'new ProcessBuilder';
  return call.childForFieldName('name')?.text === 'exec' ? 'Runtime.exec' : 'ProcessBuilder.command';
}

const shellCommand: SyntaxRule = {
  id: 'java/shell-command-from-strings',
  languages: ['java'],
  ...SHELL_TEACHING,
  types: ['method_invocation', 'object_creation_expression', ...JAVA_STRINGS.declarations],
  mentions: /\b(ProcessBuilder|getRuntime)\b|\.command\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of [...index.of('method_invocation'), ...index.of('object_creation_expression')]) {
      if (!startsProgram(call)) continue;
      const [program, flag, line] = commandOf(argumentsOf(call), index);
      const built = runsShell(program, flag, JAVA_STRINGS) ? builtArgument(line, index, JAVA_STRINGS) : undefined;
      if (line && built) hits.push(shellHit(line, runnerOf(call), built));
    }
    return hits.sort((a, b) => a.node.startIndex - b.node.startIndex);
  },
};

/** The calls of a builder chain, outermost first: `A.b().c()` is [c(), b()], the last the call it starts with. */
function chainOf(call: Node): Node[] {
  const chain: Node[] = [];
  for (let current: Node | null = call; current?.type === 'method_invocation'; current = current.childForFieldName('object')) chain.push(current);
  return chain;
}

const httpRequestWithoutTimeout: SyntaxRule = {
  id: 'java/http-request-without-timeout',
  languages: ['java'],
  concern: 'correctness',
  title: 'HTTP request without a timeout',
  question: NO_TIMEOUT_QUESTION,
  docsUrl: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.net.http/java/net/http/HttpRequest.Builder.html#timeout(java.time.Duration)',
  fix: 'Give the request builder `.timeout(Duration)`, the limit a named constant (and the HttpClient\'s builder a `connectTimeout`)',
  types: ['method_invocation'],
  mentions: /\bHttpRequest\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('method_invocation')) {
      if (call.childForFieldName('name')?.text !== 'build') continue;
      const chain = chainOf(call);
      const start = chain.at(-1);
      if (start?.childForFieldName('object')?.text !== 'HttpRequest' || start.childForFieldName('name')?.text !== 'newBuilder') continue;
      if (!chain.some((link) => link.childForFieldName('name')?.text === 'timeout')) {
        hits.push({ node: call, message: 'This HttpRequest is built without .timeout(...): by default java.net.http waits for the response forever.' });
      }
    }
    return hits;
  },
};

/** The method call made on a name, when that is what this use of it is: `line.equals("exit")`. */
export function methodCalledOn(use: Node | undefined): Node | undefined {
  return use?.parent?.type === 'method_invocation' && isReachedInto(use) ? use.parent : undefined;
}

/** The name a `readLine()` result is kept in: `String line = in.readLine()` or `line = in.readLine()`. */
function readLineTarget(node: Node): Node | undefined {
  const [name, value] = node.type === 'variable_declarator' ? [node.childForFieldName('name'), node.childForFieldName('value')] : [node.childForFieldName('left'), node.childForFieldName('right')];
  return name?.type === 'identifier' && value?.type === 'method_invocation' && value.childForFieldName('name')?.text === 'readLine' ? name : undefined;
}

/**
 * A line read with `readLine()` used before it is checked for null: `readLine()` returns null at
 * the end of the input (a file's end, Ctrl-D at a prompt, a closed socket), and `str.equals("exit")`
 * then throws NullPointerException. Found where the first use of the name after the read calls a
 * method on it; `while ((line = in.readLine()) != null)`, `if (line == null)` and
 * `"exit".equals(line)` come first, and the rule stays quiet.
 */
const uncheckedReadLine: SyntaxRule = {
  id: 'java/unchecked-read-line',
  languages: ['java'],
  concern: 'correctness',
  // A risk, like a handle left open: it fails only when the input ends early (an empty file, Ctrl-D).
  title: 'readLine() used without a null check',
  question: 'What does readLine() return when the input ends, and what does the next line do with it then?',
  docsUrl: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/io/BufferedReader.html#readLine()',
  fix: 'Check for the end of the input first (`if (line == null) break;`, or read in the loop condition: `while ((line = in.readLine()) != null)`), or compare from the literal side: `"exit".equals(line)`',
  types: ['variable_declarator', 'assignment_expression', 'identifier'],
  mentions: /\.readLine\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const node of [...index.of('variable_declarator'), ...index.of('assignment_expression')]) {
      const name = readLineTarget(node);
      const method = name ? ancestor(node, METHOD) : undefined;
      if (!name || !method) continue;
      const use = methodCalledOn(firstUseAfter(index, name, node, method));
      if (use) hits.push({ node: use, message: `\`${name.text}\` is null when the input ends, and \`${use.text.slice(0, 60)}\` calls a method on it first.` });
    }
    return hits;
  },
};

export const JAVA_RULES: readonly SyntaxRule[] = [
  stringEquality,
  emptyCatch,
  swallowedCatchAll,
  resourceOutsideTry,
  sqlBuiltFromStrings('java/sql-built-from-strings', ['java'], JAVA_STRINGS),
  shellCommand,
  httpRequestWithoutTimeout,
  uncheckedReadLine,
];
