import type { Node } from 'web-tree-sitter';
import type { FactSink } from '../facts.js';
import type { LanguageSpec } from '../walk.js';
import { lines } from '../walk.js';
import { LOG_METHOD, LOGGER_OBJECT, booleanNameFact, catchFact, consoleIsLogging, docFact, enclosing, errorClassFact, loggingFact, nameFact, rethrowFact } from './common.js';

export const FUNCTIONS: ReadonlySet<string> = new Set(['function_definition', 'lambda']);
const NESTING = new Set(['if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement', 'match_statement']);
const EXCEPT = new Set(['except_clause']);
const LITERALS = new Set(['integer', 'float', 'string', 'true', 'false', 'none', 'concatenated_string']);
/** Implicit receivers are not chosen names. */
const RECEIVERS = new Set(['self', 'cls']);
/** `pass` and `...` are what an empty Python block holds. */
const isFiller = (statement: Node): boolean =>
  statement.type === 'pass_statement' || (statement.type === 'expression_statement' && statement.namedChildren[0]?.type === 'ellipsis');

function parameterNodes(fn: Node): Node[] {
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  const names: Node[] = [];
  for (const param of params.namedChildren) {
    const name = param.type === 'identifier' ? param : param.childForFieldName('name') ?? param.namedChildren.find((c) => c.type === 'identifier');
    if (name && name.type === 'identifier' && !RECEIVERS.has(name.text)) names.push(name);
  }
  return names;
}

function visitFunction(node: Node, sink: FactSink): void {
  if (node.type !== 'function_definition') return;
  const name = node.childForFieldName('name');
  const inClass = node.parent?.parent?.type === 'class_definition' || node.parent?.parent?.parent?.type === 'class_definition';
  nameFact(sink, inClass ? 'method' : 'function', name, node);
  const params = parameterNodes(node);
  for (const param of params) nameFact(sink, 'parameter', param, param);
  const returns = node.childForFieldName('return_type');
  if (returns?.text === 'bool') booleanNameFact(sink, name, node);
  const hinted = returns !== null || (node.childForFieldName('parameters')?.namedChildren.some((p) => p.type.startsWith('typed')) ?? false);
  if (!node.hasError) sink.fact('idioms.type-hints', hinted ? 'type hints' : 'no type hints', node.startPosition.row + 1, lines(node), name?.text);
  const topLevel = node.parent?.type === 'module' || node.parent?.parent?.type === 'decorated_definition' && node.parent.parent.parent?.type === 'module';
  if (topLevel && name && !name.text.startsWith('_')) docFact(sink, node, node, name.text, hasDocstring(node));
}

function hasDocstring(decl: Node): boolean {
  const first = decl.childForFieldName('body')?.namedChildren[0];
  return first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string';
}

function visitClass(node: Node, sink: FactSink): void {
  const name = node.childForFieldName('name');
  nameFact(sink, 'type', name, node);
  errorClassFact(sink, name, node.childForFieldName('superclasses')?.text, node);
  if (node.parent?.type === 'module' && name && !name.text.startsWith('_')) docFact(sink, node, node, name.text, hasDocstring(node));
}

function visitAssignment(node: Node, sink: FactSink): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (left?.type !== 'identifier' || node.parent?.type !== 'expression_statement') return;
  const scope = node.parent.parent;
  if (scope?.type === 'module') {
    if (right && (LITERALS.has(right.type) || (right.type === 'unary_operator' && LITERALS.has(right.namedChildren[0]?.type ?? '')))) {
      if (!isFormatted(right)) nameFact(sink, 'constant', left, node.parent);
    }
  } else if (scope?.parent?.type === 'function_definition' || enclosing(node, FUNCTIONS, new Set(['class_definition']))) {
    nameFact(sink, 'variable', left, node.parent);
  }
}

function isFormatted(string: Node): boolean {
  return string.type === 'string' && /^[rRbBuU]*[fF]/.test(string.text);
}

function visitCall(node: Node, sink: FactSink): void {
  const fn = node.childForFieldName('function');
  if (!fn) return;
  if (fn.type === 'identifier' && fn.text === 'print' && consoleIsLogging(node, { errorStream: /\bfile\s*=\s*sys\.stderr\b/.test(node.text), handlers: EXCEPT, functions: FUNCTIONS, interactive: /\binput\s*\(/ })) {
    loggingFact(sink, node, 'print()');
  }
  if (fn.type !== 'attribute') return;
  const object = fn.childForFieldName('object');
  const attribute = fn.childForFieldName('attribute')?.text ?? '';
  if (attribute === 'format' && object?.type === 'string') sink.fact('idioms.string-format', 'str.format()', node.startPosition.row + 1, lines(node));
  else if (object && LOGGER_OBJECT.test(object.text) && LOG_METHOD.test(attribute)) loggingFact(sink, node, 'logger');
}

function visit(node: Node, sink: FactSink): void {
  switch (node.type) {
    case 'function_definition':
      return visitFunction(node, sink);
    case 'class_definition':
      return visitClass(node, sink);
    case 'assignment':
      return visitAssignment(node, sink);
    case 'except_clause':
      return catchFact(sink, node, node.namedChildren.find((c) => c.type === 'block') ?? null, isFiller);
    case 'raise_statement': {
      const clause = enclosing(node, EXCEPT, FUNCTIONS);
      if (!clause) return;
      const caught = clause.namedChildren.find((c) => c.type === 'as_pattern')?.childForFieldName('alias')?.text;
      return rethrowFact(sink, node, node.namedChildren[0] ?? null, caught, node.childForFieldName('cause') !== null);
    }
    case 'call':
      return visitCall(node, sink);
    case 'string':
      if (isFormatted(node)) sink.fact('idioms.string-format', 'f-string', node.startPosition.row + 1, lines(node));
      return;
    case 'binary_operator':
      if (node.childForFieldName('left')?.type === 'string' && node.childForFieldName('operator')?.text === '%') {
        sink.fact('idioms.string-format', '% formatting', node.startPosition.row + 1, lines(node));
      }
      return;
  }
}

export const PYTHON: Omit<LanguageSpec, 'prefix'> = {
  functions: FUNCTIONS,
  nesting: NESTING,
  comments: new Set(['comment']),
  functionName: (fn) => fn.childForFieldName('name')?.text,
  paramCount: (fn) => parameterNodes(fn).length,
  visit,
};
