import type { Node } from 'web-tree-sitter';
import { declaresName, ECMASCRIPT, FUNCTION_VALUES, FUNCTIONS } from './ecmascript-grammar.js';
import { ancestor, type SyntaxHit, type SyntaxIndex, type SyntaxRule } from './rule.js';

/*
 * A name read that nothing declares, one letter away from a name the file does declare:
 * `let prompEl = document.getElementById('prompt')` then `promptEl.textContent = q.prompt`. The
 * read throws a ReferenceError (or, assigned to, makes a global), and the quiz shows nothing. A
 * name declared nowhere in the file may still come from another script or the environment, so only
 * a near miss of a declared name counts, and the environment's own names (`document` beside a
 * `documents`) are left alone.
 */

/** Names the language, the browser and Node provide: never a misspelling of the file's own. */
const ENVIRONMENT = new Set(
  (
    'undefined NaN Infinity globalThis window self document console navigator location history screen localStorage sessionStorage ' +
    'fetch alert confirm prompt setTimeout setInterval clearTimeout clearInterval requestAnimationFrame event performance crypto ' +
    'process require module exports global Buffer __dirname __filename URL URLSearchParams Headers Request Response FormData Blob File ' +
    'Math JSON Date Array Object String Number Boolean Symbol BigInt Promise Map Set WeakMap WeakSet Proxy Reflect RegExp Error TypeError ' +
    'RangeError SyntaxError ReferenceError parseInt parseFloat isNaN isFinite encodeURIComponent decodeURIComponent escape unescape eval ' +
    'arguments structuredClone queueMicrotask atob btoa name status caches clients registration define'
  ).split(' '),
);

const MIN_LENGTH = 4;
/** Identifiers that read no value of this file: JSX's tag names, and names re-exported from another module. */
const NOT_READS = /^(?:jsx_\w+|export_specifier)$/;

/** Each file's identifiers that declare a name, found once for both rules here (the engine gives every rule of a file one index). */
const declaringOf = new WeakMap<SyntaxIndex, ReadonlySet<Node>>();
function declaringIdentifiers(index: SyntaxIndex): ReadonlySet<Node> {
  let found = declaringOf.get(index);
  if (!found) declaringOf.set(index, (found = new Set(index.of('identifier').filter(declaresName))));
  return found;
}

/** Whether `a` and `b` differ by one letter added, dropped or changed. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Whether `read` looks like a slip for `declared`: one letter apart, and not a difference of case
 * (`Chart` the library, `chart` the instance), of a leading underscore (`_password` as unused) or
 * of a plural (`orders.forEach((order) => ...)` with `orders` from elsewhere).
 */
function slipFor(read: string, declared: string): boolean {
  const plural = read === `${declared}s` || declared === `${read}s`;
  return declared.length >= MIN_LENGTH && oneEditApart(read, declared) && !plural && read.toLowerCase() !== declared.toLowerCase() && read.replace(/^_/, '') !== declared.replace(/^_/, '');
}

/**
 * Nodes whose own name is a declaration the ecmascript grammar does not list: a named function
 * value (`function* fix() {}`), a class and an enum (TypeScript writes a class's name as a type
 * identifier), and an index signature's key (`[key: string]: unknown`).
 */
const OWN_NAMES = [...FUNCTION_VALUES, 'generator_function', 'class', 'class_declaration', 'enum_declaration', 'index_signature'];

/** Keywords the parser may read as names where it recovers from an error (`await` outside an async function). */
const KEYWORDS = new Set(['await', 'yield', 'async', 'let', 'static', 'of', 'get', 'set']);

const misspelledName: SyntaxRule = {
  id: 'js/misspelled-name',
  languages: ECMASCRIPT,
  concern: 'correctness',
  failure: 'certain',
  title: 'name that nothing declares',
  question: 'Where is this name declared, and what does JavaScript do when it reads one that is not?',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Errors/Not_defined',
  fix: 'Use the name as it is declared (or rename the declaration so both match); an editor with TypeScript checking (`// @ts-check`) underlines such names as you type',
  types: ['identifier', 'shorthand_property_identifier_pattern', 'assignment_expression', ...OWN_NAMES],
  find(index) {
    const identifiers = index.of('identifier');
    const declaresHere = declaringIdentifiers(index);
    const declared = new Set([
      ...[...declaresHere].map((identifier) => identifier.text),
      // `const { promptEl } = els`, TypeScript's `class Quiz`, and sloppy script's `total = 0` (a global made by assigning).
      ...index.of('shorthand_property_identifier_pattern').map((pattern) => pattern.text),
      ...OWN_NAMES.flatMap((type) => index.of(type)).flatMap((node) => node.childForFieldName('name')?.text ?? []),
      ...index.of('assignment_expression').flatMap((assignment) => (assignment.childForFieldName('left')?.type === 'identifier' ? [assignment.childForFieldName('left')!.text] : [])),
    ]);
    const hits: SyntaxHit[] = [];
    const reported = new Set<string>();
    for (const identifier of identifiers) {
      const name = identifier.text;
      // A capitalised name is a class or a namespace, most often the environment's or a library's (`FileReader`, `Chart`).
      if (name.length < MIN_LENGTH || /^[A-Z]/.test(name) || KEYWORDS.has(name) || NOT_READS.test(identifier.parent?.type ?? '') || declared.has(name) || ENVIRONMENT.has(name) || reported.has(name) || declaresHere.has(identifier)) continue;
      const meant = [...declared].find((candidate) => slipFor(name, candidate));
      if (!meant) continue;
      reported.add(name);
      hits.push({ node: identifier, message: `\`${name}\` is declared nowhere in this file; \`${meant}\` is: a ReferenceError when this line runs.` });
    }
    return hits;
  },
};

const SCOPES = new Set([...FUNCTIONS, ...FUNCTION_VALUES, 'program']);
const CATCH = new Set(['catch_clause']);

/**
 * Where a declaration can be read: the function (or the file) around it. A function's own name
 * belongs to the scope around the function. Blocks are not told apart, so a `let` counts for its
 * whole function: a name is found undeclared only where no reading of it could be right.
 */
function scopeOf(declaration: Node): Node | undefined {
  const parent = declaration.parent;
  const owner = parent && FUNCTIONS.includes(parent.type) && parent.childForFieldName('name')?.id === declaration.id ? parent : declaration;
  return ancestor(owner, SCOPES);
}

/*
 * A name declared in one function and read in another that declares nothing of the kind:
 *
 *   const getSingleProduct = async (req, res) => {
 *     const product = await Product.findById(id);     // `id` is never taken from req.params here
 *   ...
 *   const updateProduct = async (req, res) => {
 *     const { id } = req.params;
 *
 * The read throws a ReferenceError every time the function runs (in the handler above, every
 * request answers 500). The usual slip of a function written by copying another and leaving out
 * its first line. Found where every declaration of the name sits inside a function none of whose
 * scopes holds the read, and nothing assigns it as a global; only in a module (one that imports,
 * exports or requires), since a browser script may read what another script left global.
 */
const declaredElsewhere: SyntaxRule = {
  id: 'js/declared-in-another-function',
  languages: ECMASCRIPT,
  concern: 'correctness',
  failure: 'certain',
  title: 'name declared only in another function',
  question: 'Where does this function get this name from, and what does JavaScript do when it reads a name this function never declared?',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Errors/Not_defined',
  fix: 'Declare the name in this function too, the way the other function does (`const { id } = req.params;`), or pass it in as a parameter',
  types: ['identifier', 'shorthand_property_identifier_pattern', 'assignment_expression', ...OWN_NAMES],
  mentions: /\brequire\s*\(|^\s*(?:import|export)\b/m,
  find(index) {
    const identifiers = index.of('identifier');
    const declaresHere = declaringIdentifiers(index);
    const ownNames = OWN_NAMES.flatMap((type) => index.of(type)).flatMap((node) => node.childForFieldName('name') ?? []);
    const ownNameIds = new Set(ownNames.map((name) => name.id));
    const names = (node: Node): boolean => declaresHere.has(node) || ownNameIds.has(node.id);
    const declarations = new Map<string, Node[]>();
    const declaring = [...declaresHere, ...ownNames, ...index.of('shorthand_property_identifier_pattern')];
    for (const node of declaring) declarations.set(node.text, [...(declarations.get(node.text) ?? []), node]);
    /** Each declared name's scopes, found at its first read: every read of a local asks. */
    const scopesOf = new Map<string, Array<Node | undefined>>();
    const globals = new Set(index.of('assignment_expression').flatMap((assignment) => (assignment.childForFieldName('left')?.type === 'identifier' ? [assignment.childForFieldName('left')!.text] : [])));
    const hits: SyntaxHit[] = [];
    const reported = new Set<string>();
    for (const identifier of identifiers) {
      const name = identifier.text;
      const declared = declarations.get(name);
      // `typeof value` of a name declared nowhere is 'undefined', not an error.
      const typeOf = identifier.parent?.type === 'unary_expression' && identifier.parent.text.startsWith('typeof');
      if (!declared || reported.has(name) || globals.has(name) || ENVIRONMENT.has(name) || NOT_READS.test(identifier.parent?.type ?? '') || names(identifier) || typeOf) continue;
      if (!scopesOf.has(name)) scopesOf.set(name, declared.map(scopeOf));
      if ((scopesOf.get(name) ?? []).some((scope) => !scope || scope.type === 'program' || (scope.startIndex <= identifier.startIndex && identifier.endIndex <= scope.endIndex))) continue;
      reported.add(name);
      // In a catch block it throws only when something else failed first.
      const onFailure = ancestor(identifier, CATCH) !== undefined;
      hits.push({ node: identifier, ...(onFailure ? { failure: 'hidden' as const } : {}), message: `\`${name}\` is declared on line ${(declared[0]?.startPosition.row ?? 0) + 1}, in another function, and nowhere in this one: a ReferenceError when this line runs.` });
    }
    return hits;
  },
};

export const MISSPELLED_NAME_RULES: readonly SyntaxRule[] = [misspelledName, declaredElsewhere];
