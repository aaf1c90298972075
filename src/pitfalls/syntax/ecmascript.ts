import type { Node } from 'web-tree-sitter';
import { NO_TIMEOUT_QUESTION } from '../teach.js';
import { ECMASCRIPT, FUNCTION_VALUES, JS_STRINGS } from './ecmascript-grammar.js';
import { asyncForEach, floatingPromise, unawaitedQueryUsed } from './ecmascript-promises.js';
import { childProcessShell } from './ecmascript-shell.js';
import { sqlBuiltFromStrings } from './injection.js';
import { firstUseAfter, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/** A type that admits a missing value: a cast to it keeps the check the compiler asks for. */
const ADMITS_MISSING = /\b(undefined|null|unknown|any)\b/;

/**
 * What a cast or an assertion wraps, when it wraps what find() returned without admitting it can be
 * missing: `(xs.find(f) as Item)` and `xs.find(f)!` still hold undefined when nothing matches.
 */
function uncast(node: Node | null): Node | null {
  let current = node;
  for (;;) {
    const inner = current?.namedChildren[0] ?? null;
    if (current?.type === 'parenthesized_expression' || current?.type === 'non_null_expression') current = inner;
    else if (current?.type === 'as_expression' && !ADMITS_MISSING.test(current.namedChildren[1]?.text ?? '')) current = inner;
    else return current;
  }
}

/** `xs.find(predicate)`: Array#find, told apart from a query API's `find({...})` by its function argument; seen through a cast or a `!`. */
function isArrayFind(found: Node | null): boolean {
  const node = uncast(found);
  if (node?.type !== 'call_expression') return false;
  const callee = node.childForFieldName('function');
  const first = node.childForFieldName('arguments')?.namedChildren[0];
  return callee?.type === 'member_expression' && callee.childForFieldName('property')?.text === 'find' && FUNCTION_VALUES.has(first?.type ?? '');
}

/** `a.b`, not `a?.b`. */
function isPlainMember(node: Node): boolean {
  return node.type === 'member_expression' && !node.children.some((child) => child?.type === 'optional_chain');
}

const uncheckedFind: SyntaxRule = {
  id: 'js/unchecked-find',
  languages: ECMASCRIPT,
  concern: 'correctness',
  title: '.find() result used without a check',
  question: 'What does .find() return when nothing matches, and what does the next line do with it then?',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/find#return_value',
  fix: 'Check the result before reading it (`if (!item) ...`, deciding what happens when nothing matches), or read it with `?.`',
  types: ['member_expression', 'variable_declarator', 'identifier'],
  mentions: /\.find\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    // `users.find(...).name`: used on the spot.
    for (const member of index.of('member_expression')) {
      if (isPlainMember(member) && isArrayFind(member.childForFieldName('object'))) hits.push({ node: member, message: `\`${member.text.slice(0, 60)}\` reads a property of what .find() returned, which is undefined when nothing matches.` });
    }
    // `const user = users.find(...)`, then `user.name` before anything looks at `user`.
    for (const declarator of index.of('variable_declarator')) {
      const name = declarator.childForFieldName('name');
      const scope = declarator.parent?.parent;
      if (name?.type !== 'identifier' || !scope || !isArrayFind(declarator.childForFieldName('value'))) continue;
      const firstUse = firstUseAfter(index, name, declarator, scope);
      const use = firstUse?.parent;
      if (use && isPlainMember(use) && use.childForFieldName('object')?.id === firstUse.id) {
        hits.push({ node: use, message: `\`${name.text}\` came from .find(), which returns undefined when nothing matches, and \`${use.text.slice(0, 60)}\` reads it unchecked.` });
      }
    }
    return hits;
  },
};

/** `xs.findIndex(predicate)` or `xs.indexOf(value)`: -1 when nothing matches. */
function isIndexSearch(node: Node | null): boolean {
  const call = uncast(node);
  if (call?.type !== 'call_expression') return false;
  const property = call.childForFieldName('function')?.childForFieldName('property')?.text;
  return property === 'findIndex' || property === 'indexOf';
}

/** Where an index is used as if found: `xs.splice(i, 1)`, `xs[i] = v`, `xs[i].name` (a read compared, `xs[i] === v`, is only false). */
function usesAsFound(use: Node, identifier: Node): boolean {
  const parent = use.parent;
  if (use.type === 'subscript_expression') {
    if (use.childForFieldName('index')?.id !== identifier.id) return false;
    return (parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.id === use.id) || (parent?.type === 'member_expression' && parent.childForFieldName('object')?.id === use.id);
  }
  return use.type === 'arguments' && use.namedChildren[0]?.id === identifier.id && parent?.type === 'call_expression' && parent.childForFieldName('function')?.childForFieldName('property')?.text === 'splice';
}

/**
 * An index from `findIndex` or `indexOf` used before anything compares it: -1 when nothing matches,
 * and `xs.splice(-1, 1)` removes the *last* element, `xs[-1] = v` adds a stray "-1" property. A
 * delete route that removes the wrong record on every unknown id.
 */
const uncheckedFindIndex: SyntaxRule = {
  id: 'js/unchecked-find-index',
  languages: ECMASCRIPT,
  concern: 'correctness',
  failure: 'hidden',
  title: 'index used without checking for -1',
  question: 'What does findIndex() return when nothing matches, and what does splice(-1, 1) remove?',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/findIndex#return_value',
  fix: 'Check it first: `if (index === -1) return res.status(404).json({ error: "not found" });`, then use it',
  types: ['variable_declarator', 'identifier'],
  mentions: /\.(?:findIndex|indexOf)\s*\(/,
  find(index) {
    const hits: SyntaxHit[] = [];
    for (const declarator of index.of('variable_declarator')) {
      const name = declarator.childForFieldName('name');
      const scope = declarator.parent?.parent;
      if (name?.type !== 'identifier' || !scope || !isIndexSearch(declarator.childForFieldName('value'))) continue;
      const firstUse = firstUseAfter(index, name, declarator, scope);
      const use = firstUse?.parent;
      if (firstUse && use && usesAsFound(use, firstUse)) hits.push({ node: use.type === 'arguments' ? (use.parent as Node) : use, message: `\`${name.text}\` is -1 when nothing matches, and \`${(use.type === 'arguments' ? (use.parent as Node) : use).text.slice(0, 60)}\` uses it unchecked.` });
    }
    return hits;
  },
};

/** Request parameters and query values: strings, with no properties to take apart. */
const REQUEST_STRINGS = /^(?:req|request)\.(?:params|query)\.(\w+)$/;

/**
 * `const { id } = req.params.id`: the braces take the `id` property *of* the id, a string, so `id`
 * is always undefined; `const { id } = req.params` was meant. Every lookup with it then misses.
 */
const destructuredValue: SyntaxRule = {
  id: 'js/destructured-request-value',
  languages: ECMASCRIPT,
  concern: 'correctness',
  failure: 'certain',
  title: 'value taken apart instead of its object',
  question: 'What does `const { id } = req.params.id` take the `id` of, and what is it then?',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Operators/Destructuring',
  fix: 'Take it from the object that holds it: `const { id } = req.params;` (or `const id = req.params.id;`)',
  types: ['variable_declarator'],
  mentions: /\breq(?:uest)?\.(?:params|query)\./,
  find(index) {
    return index.of('variable_declarator').flatMap((declarator): SyntaxHit[] => {
      const pattern = declarator.childForFieldName('name');
      const property = REQUEST_STRINGS.exec(declarator.childForFieldName('value')?.text ?? '')?.[1];
      if (pattern?.type !== 'object_pattern' || !property) return [];
      const names = pattern.namedChildren.map((child) => child?.text ?? '');
      return names.includes(property) ? [{ node: declarator, message: `\`${declarator.text.slice(0, 60)}\` takes \`${property}\` out of a string: it is always undefined.` }] : [];
    });
  },
};

/** Where a file could give `fetch` a meaning of its own. */
const FETCH_BINDINGS = ['import_clause', 'formal_parameters', 'variable_declarator', 'function_declaration'];

/** Whether the file imports or declares a `fetch` of its own, or takes one as a parameter: a wrapper may well set its own deadline. */
function declaresFetch(index: SyntaxIndex): boolean {
  const mentions = (node: Node | null): boolean => /\bfetch\b/.test(node?.text ?? '');
  return (
    index.of('import_clause').some(mentions) ||
    index.of('formal_parameters').some(mentions) ||
    [...index.of('variable_declarator'), ...index.of('function_declaration')].some((node) => mentions(node.childForFieldName('name')))
  );
}

/** A Request object carries its own signal: `fetch(event.request)`, `fetch(new Request(url, init))`. */
const REQUEST = /(^|\.)req(uest)?$/i;

/** Whether this fetch may have a signal: in a Request it is given, or in options other than an object literal (`init`, which may hold one). */
function mayHaveSignal(resource: Node | null | undefined, options: Node | null | undefined): boolean {
  if (resource?.type === 'new_expression' || REQUEST.test(resource?.text ?? '')) return true;
  if (!options) return false;
  if (options.type !== 'object') return true;
  return options.namedChildren.some((part) => part?.type === 'spread_element' || (part?.type === 'shorthand_property_identifier' && part.text === 'signal') || part?.childForFieldName('key')?.text === 'signal');
}

const fetchWithoutTimeout: SyntaxRule = {
  id: 'js/fetch-without-timeout',
  languages: ECMASCRIPT,
  concern: 'correctness',
  title: 'fetch without a timeout',
  question: NO_TIMEOUT_QUESTION,
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static',
  fix: 'Pass `signal: AbortSignal.timeout(ms)` in fetch\'s options, the limit a named constant, and decide what the caller does when it fires',
  types: ['call_expression', ...FETCH_BINDINGS],
  mentions: /\bfetch\s*\(/,
  find(index) {
    if (declaresFetch(index)) return [];
    const hits: SyntaxHit[] = [];
    for (const call of index.of('call_expression')) {
      if (call.childForFieldName('function')?.text !== 'fetch') continue;
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      if (args.length === 0 || mayHaveSignal(args[0], args[1])) continue;
      hits.push({ node: call, message: `\`${call.text.replace(/\s+/g, ' ').slice(0, 60)}\` passes no signal, and fetch sets no deadline of its own: a server that stops answering holds this call for minutes.` });
    }
    return hits;
  },
};

export const ECMASCRIPT_RULES: readonly SyntaxRule[] = [
  uncheckedFind,
  uncheckedFindIndex,
  destructuredValue,
  floatingPromise,
  asyncForEach,
  unawaitedQueryUsed,
  sqlBuiltFromStrings('js/sql-built-from-strings', ECMASCRIPT, JS_STRINGS),
  childProcessShell,
  fetchWithoutTimeout,
];
