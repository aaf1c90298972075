import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT, FUNCTION_VALUES, FUNCTIONS } from './ecmascript-grammar.js';
import { readImport, readRequire } from '../../conventions/api/ecmascript-imports.js';
import { detectLanguage, type ParsedLanguage } from '../../index/language.js';
import { parse } from '../../index/parse/tree-sitter.js';
import type { PitfallFile } from '../types.js';
import { ancestor, firstUseAfter, SyntaxIndex, type SyntaxHit, type SyntaxRule } from './rule.js';

/** Declarations of a function by name, with a body or (in a `declare` block or a `.d.ts`) without. */
const NAMED_FUNCTIONS = [...FUNCTIONS.filter((type) => type !== 'method_definition'), 'function_signature'];
/** Declarations that give a type its members: classes, interfaces, object type aliases. */
const TYPES = ['class_declaration', 'abstract_class_declaration', 'class', 'interface_declaration', 'type_alias_declaration'];
const CLASSES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);
/** Members of a class or type body that may return a promise. */
const MEMBERS = new Set(['method_definition', 'method_signature', 'abstract_method_signature', 'property_signature', 'public_field_definition']);
/** Where a name gets its declared type: a parameter, or a variable. */
const PARAMETERS = ['required_parameter', 'optional_parameter'];

/** A `Promise<...>` or `PromiseLike<...>` type, which `await` would unwrap. */
const PROMISE_TYPE = /^(Promise|PromiseLike)\s*</;

/** The type a `: T` annotation or a `() => T` function type names, as written (`Promise<void>`). */
function typeText(node: Node | null | undefined): string {
  return node?.type === 'type_annotation' ? (node.namedChildren[0]?.text ?? '') : (node?.text ?? '');
}

/** Whether a function, method or member says it returns a promise: `async`, `: Promise<T>`, `save: () => Promise<T>`, `save = async () => {}`. */
function returnsPromise(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (node.children.some((child) => child?.type === 'async')) return true;
  if (PROMISE_TYPE.test(typeText(node.childForFieldName('return_type')))) return true;
  const type = node.childForFieldName('type');
  const declared = type?.type === 'type_annotation' ? type.namedChildren[0] : type;
  if (declared?.type === 'function_type' && PROMISE_TYPE.test(typeText(declared.childForFieldName('return_type')))) return true;
  const value = node.childForFieldName('value');
  return value !== null && FUNCTION_VALUES.has(value.type) && returnsPromise(value);
}

/** What this file says returns a promise: functions by name, and the members of each class, interface and type. */
interface PromiseDeclarations {
  functions: Set<string>;
  /** By the type's name: for `store.save()` where `store: OrderStore`. */
  byType: Map<string, Set<string>>;
  /** By the class's node: for `this.save()` inside it. */
  byClass: Map<number, Set<string>>;
}

function promiseDeclarations(index: SyntaxIndex): PromiseDeclarations {
  const declared: PromiseDeclarations = { functions: promiseFunctions(index), byType: new Map(), byClass: new Map() };
  for (const type of TYPES.flatMap((kind) => index.of(kind))) {
    const body = type.childForFieldName('body') ?? type.childForFieldName('value');
    const members = new Set<string>();
    for (const member of body?.namedChildren ?? []) if (member && MEMBERS.has(member.type) && returnsPromise(member)) members.add(member.childForFieldName('name')?.text ?? '');
    if (members.size === 0) continue;
    const name = type.childForFieldName('name')?.text;
    if (name) declared.byType.set(name, members);
    if (CLASSES.has(type.type)) declared.byClass.set(type.id, members);
  }
  return declared;
}

/**
 * The functions a file declares (or exports, CommonJS-style: `exports.send = async () => {}`) that
 * return a promise, by name.
 */
function promiseFunctions(index: SyntaxIndex): Set<string> {
  const functions = new Set<string>();
  for (const fn of NAMED_FUNCTIONS.flatMap((type) => index.of(type))) if (returnsPromise(fn)) functions.add(fn.childForFieldName('name')?.text ?? '');
  for (const declarator of index.of('variable_declarator')) if (returnsPromise(declarator)) functions.add(declarator.childForFieldName('name')?.text ?? '');
  for (const assignment of index.of('assignment_expression')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'member_expression' && right && FUNCTION_VALUES.has(right.type) && returnsPromise(right)) functions.add(left.childForFieldName('property')?.text ?? '');
  }
  functions.delete('');
  return functions;
}

/** Where the functions of the project's own modules this file imports are declared to return a promise. */
interface ImportedPromises {
  /** `sendMail` of `const { sendMail } = require('./mailer')`, with where it comes from. */
  functions: Map<string, string>;
  /** `mailer` of `import * as mailer from './mailer'`: its members that return one, and where they come from. */
  modules: Map<string, { specifier: string; members: Set<string> }>;
}

/** The node types an imported module is read for: its functions, and its CommonJS exports. */
const MODULE_TYPES = new Set([...NAMED_FUNCTIONS, 'variable_declarator', 'assignment_expression']);

/**
 * Follows this file's relative imports one step into the working tree: an async function imported
 * from `./mailer` and called without `await` floats as surely as one declared here. A module that
 * is not there, not JavaScript or TypeScript, or does not parse says nothing.
 */
async function importedPromises(index: SyntaxIndex, file: PitfallFile): Promise<ImportedPromises> {
  const found: ImportedPromises = { functions: new Map(), modules: new Map() };
  const read = file.imported;
  if (!read) return found;
  const bindings: Array<{ local: string; specifier: string; members: readonly string[] }> = [];
  const bind = (local: string, specifier: string, members: readonly string[]) => {
    if (/^\.\.?\//.test(specifier) && members.length <= 1) bindings.push({ local, specifier, members });
  };
  for (const statement of index.of('import_statement')) readImport(statement, bind);
  for (const declarator of index.of('variable_declarator')) readRequire(declarator, bind);
  // Only modules whose names are called as statements of their own could float a promise here.
  const called = new Set(index.of('expression_statement').map(statementCallee).filter((name) => name !== undefined));
  const modules = new Map<string, Promise<Set<string>>>();
  const promisesOf = (specifier: string) => {
    let functions = modules.get(specifier);
    if (!functions) modules.set(specifier, (functions = modulePromiseFunctions(read(specifier))));
    return functions;
  };
  for (const { local, specifier, members } of bindings.filter((binding) => called.has(binding.local))) {
    const functions = await promisesOf(specifier);
    const [member] = members;
    if (member === undefined && functions.size > 0) found.modules.set(local, { specifier, members: functions });
    else if (member !== undefined && functions.has(member)) found.functions.set(local, specifier);
  }
  return found;
}

/** The name a statement's call is made through: `sendMail` of `sendMail(x);`, `mailer` of `mailer.send(x);`. */
function statementCallee(statement: Node): string | undefined {
  const call = statement.namedChildren[0];
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  const name = callee?.type === 'member_expression' ? callee.childForFieldName('object') : callee;
  return name?.type === 'identifier' ? name.text : undefined;
}

async function modulePromiseFunctions(module: { path: string; text: string } | undefined): Promise<Set<string>> {
  const language = module && detectLanguage(module.path);
  if (!module || !language || !(ECMASCRIPT as readonly string[]).includes(language)) return new Set();
  const tree = await parse(module.text, language as ParsedLanguage).catch(() => null);
  if (!tree) return new Set();
  try {
    return promiseFunctions(new SyntaxIndex(tree, MODULE_TYPES));
  } finally {
    tree.delete();
  }
}

/** The type name `T` of `: T` or `: T<U>`. */
function namedType(annotation: Node | null | undefined): string | undefined {
  const type = annotation?.type === 'type_annotation' ? annotation.namedChildren[0] : annotation;
  if (type?.type === 'type_identifier') return type.text;
  if (type?.type === 'generic_type') return type.childForFieldName('name')?.text;
  return undefined;
}

const SCOPES = new Set([...FUNCTIONS, ...FUNCTION_VALUES, 'statement_block']);

/**
 * The type this file gives `name` where `at` uses it: from its nearest declaration before `at` in a
 * scope around it, a parameter `store: OrderStore` or a variable `const store: OrderStore` or
 * `const store = new OrderStore()`.
 */
function declaredType(name: string, at: Node, index: SyntaxIndex): string | undefined {
  const inScope = (node: Node): boolean => {
    const scope = ancestor(node, SCOPES);
    return node.startIndex < at.startIndex && (!scope || (scope.startIndex <= at.startIndex && at.endIndex <= scope.endIndex));
  };
  const parameters = PARAMETERS.flatMap((type) => index.of(type)).filter((node) => node.childForFieldName('pattern')?.text === name);
  const variables = index.of('variable_declarator').filter((node) => node.childForFieldName('name')?.text === name);
  const nearest = [...parameters, ...variables].filter(inScope).sort((a, b) => a.startIndex - b.startIndex).at(-1);
  if (!nearest) return undefined;
  const value = nearest.childForFieldName('value');
  return namedType(nearest.childForFieldName('type')) ?? (value?.type === 'new_expression' ? value.childForFieldName('constructor')?.text : undefined);
}

/**
 * Why the file says this call returns a promise, if it does: `save` is async; `store` is an
 * `OrderStore`, whose `save` returns one; `sendMail`, imported from `./mailer`, is async there.
 */
function promiseOf(call: Node, declared: PromiseDeclarations, imported: ImportedPromises, index: SyntaxIndex): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') {
    if (declared.functions.has(callee.text)) return `\`${callee.text}\` returns a promise`;
    const from = imported.functions.get(callee.text);
    return from === undefined ? undefined : `\`${callee.text}\` (from \`${from}\`) returns a promise`;
  }
  if (callee?.type !== 'member_expression') return undefined;
  const object = callee.childForFieldName('object');
  const method = callee.childForFieldName('property')?.text ?? '';
  const module = object?.type === 'identifier' ? imported.modules.get(object.text) : undefined;
  if (module?.members.has(method)) return `\`${object!.text}.${method}\` (from \`${module.specifier}\`) returns a promise`;
  if (object?.type === 'this') {
    const owner = ancestor(call, CLASSES);
    return owner && declared.byClass.get(owner.id)?.has(method) ? `\`this.${method}\` returns a promise` : undefined;
  }
  if (object?.type !== 'identifier' || ![...declared.byType.values()].some((members) => members.has(method))) return undefined;
  const type = declaredType(object.text, call, index);
  return type && declared.byType.get(type)?.has(method) ? `\`${object.text}\` is declared ${type}, whose \`${method}\` returns a promise` : undefined;
}

export const floatingPromise: SyntaxRule = {
  id: 'js/floating-async-call',
  failure: 'hidden',
  languages: ECMASCRIPT,
  concern: 'correctness',
  title: 'async call not awaited',
  question: 'When this call fails, where does its error go, and does the next line need it to have finished?',
  docsUrl: 'https://typescript-eslint.io/rules/no-floating-promises/',
  fix: '`await` the call (or return its promise); a call meant to run on its own ends with a `.catch(...)` that reports its error',
  types: [...NAMED_FUNCTIONS, 'method_definition', 'variable_declarator', 'assignment_expression', 'import_statement', ...TYPES, ...PARAMETERS, 'expression_statement'],
  // Declares something async, or imports the project's own modules (whose functions may be).
  mentions: /\basync\b|\bPromise(Like)?\s*<|\brequire\s*\(\s*['"]\.|\bfrom\s*['"]\./,
  async find(index, file) {
    const declared = promiseDeclarations(index);
    const imported = await importedPromises(index, file);
    if (declared.functions.size === 0 && declared.byType.size === 0 && declared.byClass.size === 0 && imported.functions.size === 0 && imported.modules.size === 0) return [];
    const hits: SyntaxHit[] = [];
    for (const statement of index.of('expression_statement')) {
      const call = statement.namedChildren[0];
      const why = call?.type === 'call_expression' ? promiseOf(call, declared, imported, index) : undefined;
      if (call && why) hits.push({ node: call, message: `${why}, and here it is neither awaited, returned nor caught.` });
    }
    return hits;
  },
};

export const asyncForEach: SyntaxRule = {
  id: 'js/async-foreach-callback',
  failure: 'hidden',
  languages: ECMASCRIPT,
  concern: 'correctness',
  title: 'async callback in forEach',
  question: 'When does this loop finish: before or after the awaits inside its callback, and who sees their errors?',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/forEach#description',
  fix: 'Use `for (const item of items) { await ... }` to run them one after another, or `await Promise.all(items.map(async (item) => ...))` to run them together',
  types: ['call_expression'],
  mentions: /\.forEach\s*\(\s*async\b/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'member_expression' || callee.childForFieldName('property')?.text !== 'forEach') continue;
      const callback = call.childForFieldName('arguments')?.namedChildren[0];
      if (callback && FUNCTION_VALUES.has(callback.type) && callback.children.some((child) => child?.type === 'async')) {
        hits.push({ node: call, message: '`forEach` does not wait for an async callback: the loop is over before its awaits are, and their errors go unhandled.' });
      }
    }
    return hits;
  },
};

/** A database query that returns a promise: Mongoose's, Sequelize's, Prisma's and TypeORM's lookups. */
const QUERY_METHODS = /^(?:findById|findOne|findByPk|findUnique|findUniqueOrThrow|findFirst|findOneBy|findAll|countDocuments|count|exists)$/;
/** What a query is run on: a model (`User`, `models.User`, `db.users`, `prisma.user`, `getRepository(User)`). */
const QUERY_RECEIVER = /(?:^|\.)(?:[A-Z]\w*|prisma\.\w+|db\.\w+|models?\.\w+)$|^getRepository\(/;
/** What is read off a pending query that is part of the query, not its result. */
const QUERY_BUILDER = /^(?:then|catch|finally|exec|lean|populate|select|sort|limit|skip|where|orFail|session)$/;

/** The query call a declaration's value is, without await: `User.findById(id)`. */
function unawaitedQuery(value: Node | null): Node | undefined {
  if (value?.type !== 'call_expression') return undefined;
  const callee = value.childForFieldName('function');
  if (callee?.type !== 'member_expression') return undefined;
  const method = callee.childForFieldName('property')?.text ?? '';
  const receiver = callee.childForFieldName('object')?.text ?? '';
  return QUERY_METHODS.test(method) && QUERY_RECEIVER.test(receiver) ? value : undefined;
}

/**
 * A database query kept without `await` and then used as its result: `const user =
 * models.User.findById(id); if (!user) ...` or `user.active`. The name holds the pending query
 * (a promise), never the row: `!user` is always false and `user.active` is undefined, so a missing
 * record passes every check. Left alone when what is read is the query's own builder (`.populate`,
 * `.exec`, `.then`). The same test written on the call itself (`findUnique(...) === null`) is as wrong.
 */
export const unawaitedQueryUsed: SyntaxRule = {
  id: 'js/unawaited-query-used',
  failure: 'certain',
  languages: ECMASCRIPT,
  concern: 'correctness',
  title: 'query used before it is awaited',
  question: 'What does this name hold before the query has run: the record, or a promise of it, and what does the check on the next line see?',
  docsUrl: 'https://mongoosejs.com/docs/promises.html',
  fix: '`await` the query where it is made (`const user = await User.findById(id);`), then check what it found',
  types: ['variable_declarator', 'identifier', 'binary_expression', 'unary_expression'],
  mentions: /\.(?:findById|findOne|findByPk|findUnique|findFirst|findOneBy|findAll|countDocuments|count|exists)\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    // Tested where it is made: `if (prisma.user.findUnique(...) === null)`, `if (!User.findOne(...))`.
    for (const test of [...index.of('binary_expression'), ...index.of('unary_expression')]) {
      const operator = test.childForFieldName('operator')?.text ?? '';
      const sides = test.type === 'unary_expression' ? (operator === '!' ? [test.childForFieldName('argument')] : []) : /^[!=]==?$/.test(operator) ? [test.childForFieldName('left'), test.childForFieldName('right')] : [];
      const query = sides.map(unawaitedQuery).find(Boolean);
      const other = sides.find((side) => side && side.id !== query?.id);
      if (!query || (test.type === 'binary_expression' && !/^(?:null|undefined)$/.test(other?.text ?? ''))) continue;
      const call = `${query.childForFieldName('function')?.text ?? ''}(...)`;
      hits.push({ node: test, message: `\`${call}\` is not awaited: the test sees its promise, which is never ${test.type === 'unary_expression' ? 'falsy' : other?.text}, and never the record.` });
    }
    for (const declarator of index.of('variable_declarator')) {
      const name = declarator.childForFieldName('name');
      const query = unawaitedQuery(declarator.childForFieldName('value'));
      const scope = declarator.parent?.parent;
      if (name?.type !== 'identifier' || !query || !scope) continue;
      const firstUse = firstUseAfter(index, name, declarator, scope);
      const use = firstUse?.parent;
      if (!firstUse || !use) continue;
      const negated = use.type === 'unary_expression' && use.text.startsWith('!');
      const read = use.type === 'member_expression' && use.childForFieldName('object')?.id === firstUse.id && !QUERY_BUILDER.test(use.childForFieldName('property')?.text ?? '');
      if (negated || read) hits.push({ node: use, message: `\`${name.text}\` holds the pending \`${query.text.slice(0, 40)}\`, not its result: \`${use.text.slice(0, 40)}\` tests the promise.` });
    }
    return hits;
  },
};
