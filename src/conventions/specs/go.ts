import type { Node } from 'web-tree-sitter';
import type { FactSink } from '../facts.js';
import type { LanguageSpec } from '../walk.js';
import { lines } from '../walk.js';
import { booleanNameFact, docFact, hasCommentAbove, nameFact } from './common.js';

/** Go's first-letter case is visibility, so names are judged as mixedCaps vs snake_case. */
const MIXED_CAPS = true;
export const FUNCTIONS: ReadonlySet<string> = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const NESTING = new Set(['if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

function parameterNames(fn: Node): Node[] {
  const list = fn.childForFieldName('parameters');
  if (!list) return [];
  return list.namedChildren.flatMap((decl) => decl.childrenForFieldName('name').filter((n) => n.text !== '_'));
}

function visitFunction(node: Node, sink: FactSink): void {
  for (const param of parameterNames(node)) nameFact(sink, 'parameter', param, param, MIXED_CAPS);
  if (node.type === 'func_literal') return;
  const name = node.childForFieldName('name');
  nameFact(sink, node.type === 'method_declaration' ? 'method' : 'function', name, node, MIXED_CAPS);
  if (node.childForFieldName('result')?.text === 'bool') booleanNameFact(sink, name, node);
  if (name && /^[A-Z]/.test(name.text)) docFact(sink, node, node, name.text, hasCommentAbove(node, (c) => c.startsWith('//')));
}

function visitCall(node: Node, sink: FactSink): void {
  if (node.childForFieldName('function')?.text !== 'fmt.Errorf') return;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  const format = args[0]?.text ?? '';
  const passesError = args.slice(1).some((arg) => /^err\w*$/.test(arg.text));
  if (!passesError) return;
  const value = format.includes('%w') ? 'wraps with %w' : 'formats without %w';
  sink.fact('errors.wrap', value, node.startPosition.row + 1, lines(node));
}

function visit(node: Node, sink: FactSink): void {
  switch (node.type) {
    case 'function_declaration':
    case 'method_declaration':
    case 'func_literal':
      return visitFunction(node, sink);
    case 'type_spec': {
      const name = node.childForFieldName('name');
      nameFact(sink, 'type', name, node, MIXED_CAPS);
      return;
    }
    case 'const_spec':
      for (const name of node.childrenForFieldName('name')) nameFact(sink, 'constant', name, node, MIXED_CAPS);
      return;
    case 'var_spec':
      for (const name of node.childrenForFieldName('name')) nameFact(sink, 'variable', name, node, MIXED_CAPS);
      return;
    case 'short_var_declaration':
      for (const name of node.childForFieldName('left')?.namedChildren ?? []) {
        if (name.type === 'identifier' && name.text !== '_') nameFact(sink, 'variable', name, node, MIXED_CAPS);
      }
      return;
    case 'call_expression':
      return visitCall(node, sink);
  }
}

export const GO: Omit<LanguageSpec, 'prefix'> = {
  functions: FUNCTIONS,
  nesting: NESTING,
  comments: new Set(['comment']),
  functionName: (fn) => fn.childForFieldName('name')?.text,
  paramCount: (fn) => parameterNames(fn).length,
  visit,
};
