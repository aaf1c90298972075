import type { Node } from 'web-tree-sitter';
import type { FactSink } from '../facts.js';
import type { LanguageSpec } from '../walk.js';
import { lines } from '../walk.js';
import { LOG_METHOD, LOGGER_OBJECT, booleanNameFact, catchFact, consoleIsLogging, docFact, enclosing, hasCommentAbove, errorClassFact, loggingFact, nameFact, rethrowFact } from './common.js';

/** TypeScript, TSX and JavaScript share one grammar family, so they share one spec. */

export const FUNCTIONS: ReadonlySet<string> = new Set(['function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function']);
const NESTING = new Set(['if_statement', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'try_statement', 'switch_statement', 'with_statement']);
const CLASSES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);
const TYPES = new Set(['interface_declaration', 'type_alias_declaration', 'enum_declaration']);
const LITERALS = new Set(['number', 'string', 'true', 'false', 'regex', 'template_string']);
const CATCH = new Set(['catch_clause']);
const EXPORTABLE = new Set(['function_declaration', 'generator_function_declaration', 'class_declaration', 'abstract_class_declaration', 'interface_declaration', 'type_alias_declaration', 'enum_declaration', 'lexical_declaration']);
const TEST_CALLS = new Set(['it', 'test']);

/**
 * Whether a function hands back JSX: then it is a component (React, Preact, Solid…), and teams
 * name components like types (`UserCard`), their other functions not. Counted as one kind, the
 * two made a TSX repo's function naming look like a coin toss.
 */
function returnsJsx(fn: Node): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  if (body.type !== 'statement_block') return isJsxValue(body);
  return returnsOf(body).some((statement) => {
    const value = statement.namedChildren[0];
    return value !== undefined && isJsxValue(value);
  });
}

/** JSX as the value itself, or through parentheses, `c ? <A /> : null` and `c && <A />`. */
function isJsxValue(value: Node): boolean {
  switch (value.type) {
    case 'jsx_element':
    case 'jsx_self_closing_element':
      return true;
    case 'parenthesized_expression':
      return value.namedChildren.some(isJsxValue);
    case 'ternary_expression':
      return [value.childForFieldName('consequence'), value.childForFieldName('alternative')].some((branch) => branch !== null && isJsxValue(branch));
    case 'binary_expression': {
      const right = value.childForFieldName('right');
      return right !== null && isJsxValue(right);
    }
    default:
      return false;
  }
}

/** The return statements of a function body, leaving out those of functions and classes inside it. */
function returnsOf(block: Node): Node[] {
  const out: Node[] = [];
  const stack = [...block.namedChildren];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (FUNCTIONS.has(node.type) || CLASSES.has(node.type)) continue;
    if (node.type === 'return_statement') out.push(node);
    else stack.push(...node.namedChildren);
  }
  return out;
}

/** The naming kind of a named function: a component when it returns JSX. */
function functionKind(fn: Node): 'component' | 'function' {
  return returnsJsx(fn) ? 'component' : 'function';
}

function functionName(fn: Node): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  // `const load = () => {...}` names the arrow function.
  const parent = fn.parent;
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  return undefined;
}

function parameterNames(fn: Node): Node[] {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return [];
  if (params.type === 'identifier') return [params];
  const names: Node[] = [];
  for (const param of params.namedChildren) {
    const target = param.childForFieldName('pattern') ?? param.childForFieldName('left') ?? param;
    if (target.type === 'identifier') names.push(target);
    else if (target.type === 'rest_pattern' && target.namedChildren[0]?.type === 'identifier') names.push(target.namedChildren[0]);
  }
  return names;
}

function paramCount(fn: Node): number {
  const params = fn.childForFieldName('parameters');
  if (!params) return fn.childForFieldName('parameter') ? 1 : 0;
  return params.namedChildren.filter((p) => p.type !== 'comment' && p.childForFieldName('pattern')?.type !== 'this').length;
}

function visitFunction(node: Node, sink: FactSink): void {
  for (const name of parameterNames(node)) nameFact(sink, 'parameter', name, name);
  const name = node.childForFieldName('name');
  const returnsBoolean = node.childForFieldName('return_type')?.text.replace(/^:\s*/, '') === 'boolean';
  if (node.type === 'method_definition') {
    // Object-literal methods and overrides take their names from elsewhere.
    if (node.parent?.type !== 'class_body' || node.children.some((c) => c.type === 'override_modifier')) return;
    if (name?.type !== 'property_identifier' || name.text === 'constructor') return;
    nameFact(sink, 'method', name, node);
  } else if (name) {
    nameFact(sink, functionKind(node), name, node);
  } else {
    return;
  }
  if (returnsBoolean) booleanNameFact(sink, name, node);
}

function visitDeclarator(node: Node, sink: FactSink): void {
  const name = node.childForFieldName('name');
  const value = node.childForFieldName('value');
  if (name?.type !== 'identifier') return; // destructuring takes names from elsewhere
  if (value && FUNCTIONS.has(value.type)) {
    nameFact(sink, functionKind(value), name, node);
    return;
  }
  const declaration = node.parent;
  const topLevel = declaration?.parent?.type === 'program' || declaration?.parent?.type === 'export_statement';
  const isConst = declaration?.type === 'lexical_declaration' && declaration.children[0]?.type === 'const';
  if (topLevel && isConst) {
    // A module-level const of a plain literal is a constant; one holding an object is ambiguous.
    if (value && isLiteral(value)) nameFact(sink, 'constant', name, node);
    return;
  }
  if (!topLevel) nameFact(sink, 'variable', name, node);
}

function isLiteral(value: Node): boolean {
  if (value.type === 'template_string') return !value.namedChildren.some((c) => c.type === 'template_substitution');
  if (value.type === 'unary_expression') return value.namedChildren[0]?.type === 'number';
  return LITERALS.has(value.type);
}

function visitCall(node: Node, sink: FactSink): void {
  const fn = node.childForFieldName('function');
  if (!fn) return;
  if (fn.type === 'member_expression') {
    const object = fn.childForFieldName('object')?.text ?? '';
    const property = fn.childForFieldName('property')?.text ?? '';
    if (property === 'then') sink.fact('idioms.async', '.then() chain', node.startPosition.row + 1, lines(node));
    if (object === 'console') {
      if (consoleIsLogging(node, { errorStream: property === 'error' || property === 'warn', handlers: CATCH, functions: FUNCTIONS })) loggingFact(sink, node, 'console.*');
    }
    else if (LOGGER_OBJECT.test(object) && LOG_METHOD.test(property)) loggingFact(sink, node, 'logger');
  } else if (fn.type === 'identifier' && TEST_CALLS.has(fn.text)) {
    const title = node.childForFieldName('arguments')?.namedChildren[0];
    if (title?.type === 'string') {
      const text = title.text.slice(1, -1);
      const value = /^should\b/i.test(text) ? 'start with "should"' : 'state the behaviour';
      sink.fact('naming.test', value, node.startPosition.row + 1, lines(node), text);
    }
  }
}

function visitImport(node: Node, sink: FactSink): void {
  const source = node.childForFieldName('source');
  if (!source) return;
  const spec = source.text.slice(1, -1);
  const line = node.startPosition.row + 1;
  if (spec.startsWith('.')) {
    const value = /\.(m|c)?(j|t)sx?$|\.json$/.test(spec) ? 'with file extension' : 'without file extension';
    sink.fact('imports.relative-extension', value, line, lines(node));
    sink.fact('imports.module-path', 'relative', line, lines(node));
  } else if (/^(@\/|~\/|#)/.test(spec)) {
    sink.fact('imports.module-path', 'path alias', line, lines(node));
  }
}

function visitExport(node: Node, sink: FactSink): void {
  visitImport(node, sink);
  const line = node.startPosition.row + 1;
  const isDefault = node.children.some((c) => c.type === 'default');
  if (isDefault) sink.fact('imports.default-export', 'default export', line, lines(node));
  const decl = node.childForFieldName('declaration');
  if (!decl || !EXPORTABLE.has(decl.type)) return;
  if (!isDefault) sink.fact('imports.default-export', 'named exports', line, lines(node));
  const symbol = decl.childForFieldName('name')?.text ?? decl.namedChildren[0]?.childForFieldName('name')?.text;
  docFact(sink, decl, node, symbol, hasCommentAbove(node, (c) => c.startsWith('/**')));
}

function visit(node: Node, sink: FactSink): void {
  const type = node.type;
  if (FUNCTIONS.has(type)) visitFunction(node, sink);
  else if (CLASSES.has(type)) {
    const name = node.childForFieldName('name');
    nameFact(sink, 'type', name, node);
    const heritage = node.namedChildren.find((c) => c.type === 'class_heritage');
    errorClassFact(sink, name, heritage?.namedChildren.find((c) => c.type === 'extends_clause')?.text ?? heritage?.text, node);
  } else if (TYPES.has(type)) nameFact(sink, 'type', node.childForFieldName('name'), node);
  else if (type === 'variable_declarator') visitDeclarator(node, sink);
  else if (type === 'variable_declaration') sink.fact('idioms.var', 'var', node.startPosition.row + 1, lines(node));
  else if (type === 'lexical_declaration') sink.fact('idioms.var', 'let/const', node.startPosition.row + 1, lines(node));
  else if (type === 'catch_clause') catchFact(sink, node, node.childForFieldName('body'));
  else if (type === 'throw_statement') {
    const clause = enclosing(node, CATCH, FUNCTIONS);
    if (clause) rethrowFact(sink, node, node.namedChildren[0] ?? null, clause.childForFieldName('parameter')?.text);
  } else if (type === 'call_expression') visitCall(node, sink);
  else if (type === 'await_expression') sink.fact('idioms.async', 'async/await', node.startPosition.row + 1, lines(node));
  else if (type === 'import_statement') visitImport(node, sink);
  else if (type === 'export_statement') visitExport(node, sink);
  else if (type === 'predefined_type' && node.text === 'any') sink.fact('idioms.any', 'any', node.startPosition.row + 1, lines(node));
  else if (type === 'type_annotation' && node.namedChildren[0]?.text !== 'any') sink.fact('idioms.any', 'a precise type', node.startPosition.row + 1, lines(node));
}

/** Whether a program only re-exports other modules (a barrel / index file). */
export function isBarrel(root: Node): boolean {
  const statements = root.namedChildren.filter((c) => c.type !== 'comment');
  return statements.length > 0 && statements.every((c) => c.type === 'export_statement' && c.childForFieldName('source') !== null);
}

export const ECMASCRIPT: Omit<LanguageSpec, 'prefix'> = {
  functions: FUNCTIONS,
  nesting: NESTING,
  comments: new Set(['comment']),
  functionName,
  paramCount,
  visit,
  isBarrel,
};
