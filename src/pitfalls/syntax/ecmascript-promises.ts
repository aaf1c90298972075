import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT, FUNCTION_VALUES, FUNCTIONS } from './ecmascript-grammar.js';
import { ancestor, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

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
  const declared: PromiseDeclarations = { functions: new Set(), byType: new Map(), byClass: new Map() };
  for (const fn of NAMED_FUNCTIONS.flatMap((type) => index.of(type))) if (returnsPromise(fn)) declared.functions.add(fn.childForFieldName('name')?.text ?? '');
  for (const declarator of index.of('variable_declarator')) if (returnsPromise(declarator)) declared.functions.add(declarator.childForFieldName('name')?.text ?? '');
  declared.functions.delete('');
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

/** Why the file says this call returns a promise, if it does: `save` is async; `store` is an `OrderStore`, whose `save` returns one. */
function promiseOf(call: Node, declared: PromiseDeclarations, index: SyntaxIndex): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return declared.functions.has(callee.text) ? `\`${callee.text}\` returns a promise` : undefined;
  if (callee?.type !== 'member_expression') return undefined;
  const object = callee.childForFieldName('object');
  const method = callee.childForFieldName('property')?.text ?? '';
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
  languages: ECMASCRIPT,
  concern: 'correctness',
  title: 'async call not awaited',
  question: 'When this call fails, where does its error go, and does the next line need it to have finished?',
  docsUrl: 'https://typescript-eslint.io/rules/no-floating-promises/',
  fix: '`await` the call (or return its promise); a call meant to run on its own ends with a `.catch(...)` that reports its error',
  types: [...NAMED_FUNCTIONS, 'method_definition', 'variable_declarator', ...TYPES, ...PARAMETERS, 'expression_statement'],
  mentions: /\basync\b|\bPromise(Like)?\s*</,
  find(index) {
    const declared = promiseDeclarations(index);
    if (declared.functions.size === 0 && declared.byType.size === 0 && declared.byClass.size === 0) return [];
    const hits: SyntaxHit[] = [];
    for (const statement of index.of('expression_statement')) {
      const call = statement.namedChildren[0];
      const why = call?.type === 'call_expression' ? promiseOf(call, declared, index) : undefined;
      if (call && why) hits.push({ node: call, message: `${why}, and here it is neither awaited, returned nor caught.` });
    }
    return hits;
  },
};

export const asyncForEach: SyntaxRule = {
  id: 'js/async-foreach-callback',
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
