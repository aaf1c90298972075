import type { Node } from 'web-tree-sitter';
import type { FactSink } from '../facts.js';
import type { LanguageSpec } from '../walk.js';
import { lines } from '../walk.js';
import { booleanNameFact, docFact, hasCommentAbove, nameFact } from './common.js';
import { visitJvmLike, type JvmLikeNames } from './jvm-shared.js';

const FUNCTIONS = new Set(['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'anonymous_method_expression']);
const NESTING = new Set(['if_statement', 'for_statement', 'foreach_statement', 'while_statement', 'do_statement', 'try_statement', 'switch_statement', 'using_statement', 'lock_statement']);

function modifiers(node: Node): string {
  return node.namedChildren.filter((c) => c.type === 'modifier').map((c) => c.text).join(' ');
}

const NAMES: JvmLikeNames = {
  types: new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'struct_declaration', 'record_declaration']),
  methods: new Set(['method_declaration', 'constructor_declaration']),
  localDeclarations: new Set(['local_declaration_statement']),
  caughtName: (clause) => clause.namedChildren.find((c) => c.type === 'catch_declaration')?.childForFieldName('name')?.text,
  baseText: (decl) => decl.namedChildren.find((c) => c.type === 'base_list')?.namedChildren[0]?.text,
  isConstantField: (field) => /\bconst\b/.test(modifiers(field)),
  isOverride: (method) => /\boverride\b/.test(modifiers(method)) || method.type === 'constructor_declaration',
  consoleCall: /^Console\.(Write|Error)/,
  callTypes: new Set(['invocation_expression']),
};

function visit(node: Node, sink: FactSink): void {
  visitJvmLike(node, sink, NAMES, FUNCTIONS);
  const name = node.childForFieldName('name');
  if (node.type === 'local_function_statement') nameFact(sink, 'function', name, node);
  if (node.type === 'interface_declaration' && name && !node.hasError) {
    const value = /^I[A-Z]/.test(name.text) ? 'I prefix' : 'no I prefix';
    sink.fact('naming.interface-prefix', value, name.startPosition.row + 1, lines(node), name.text);
  }
  if (node.type === 'method_declaration' && node.childForFieldName('returns')?.text === 'bool' && !NAMES.isOverride(node)) booleanNameFact(sink, name, node);
  if ((node.type === 'method_declaration' || node.type === 'class_declaration') && /\bpublic\b/.test(modifiers(node))) {
    docFact(sink, node, node, name?.text, hasCommentAbove(node, (c) => c.startsWith('///') || c.startsWith('/**')));
  }
}

export const CSHARP: Omit<LanguageSpec, 'prefix'> = {
  functions: FUNCTIONS,
  nesting: NESTING,
  comments: new Set(['comment']),
  functionName: (fn) => (fn.type === 'lambda_expression' || fn.type === 'anonymous_method_expression' ? undefined : fn.childForFieldName('name')?.text),
  paramCount: (fn) => fn.childForFieldName('parameters')?.namedChildren.filter((c) => c.type === 'parameter').length ?? 0,
  visit,
};
