import type { Node } from 'web-tree-sitter';
import type { FactSink } from '../facts.js';
import type { LanguageSpec } from '../walk.js';
import { booleanNameFact, docFact, hasCommentAbove } from './common.js';
import { visitJvmLike, type JvmLikeNames } from './jvm-shared.js';

export const FUNCTIONS: ReadonlySet<string> = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);
const NESTING = new Set(['if_statement', 'for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement', 'try_statement', 'try_with_resources_statement', 'switch_expression', 'synchronized_statement']);
const LITERAL = /^(-?[\d.]+[lLfFdD]?|0x[\da-fA-F]+[lL]?|".*"|'.*'|true|false)$/;

function modifiers(node: Node): string {
  return node.namedChildren.find((c) => c.type === 'modifiers')?.text ?? '';
}

const NAMES: JvmLikeNames = {
  types: new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration', 'annotation_type_declaration']),
  methods: new Set(['method_declaration', 'constructor_declaration']),
  localDeclarations: new Set(['local_variable_declaration']),
  caughtName: (clause) => clause.namedChildren.find((c) => c.type === 'catch_formal_parameter')?.childForFieldName('name')?.text,
  baseText: (decl) => decl.childForFieldName('superclass')?.text,
  isConstantField: (field) => {
    const mods = modifiers(field);
    const value = field.childForFieldName('declarator')?.childForFieldName('value')?.text ?? '';
    return /\bstatic\b/.test(mods) && /\bfinal\b/.test(mods) && LITERAL.test(value);
  },
  isOverride: (method) => /@Override\b/.test(modifiers(method)) || method.type === 'constructor_declaration',
  consoleCall: /^System\.(out|err)\.print/,
  callTypes: new Set(['method_invocation']),
};

function visit(node: Node, sink: FactSink): void {
  visitJvmLike(node, sink, NAMES, FUNCTIONS);
  if (node.type !== 'method_declaration' && node.type !== 'class_declaration' && node.type !== 'interface_declaration') return;
  const name = node.childForFieldName('name');
  if (node.type === 'method_declaration' && node.childForFieldName('type')?.text === 'boolean' && !NAMES.isOverride(node)) booleanNameFact(sink, name, node);
  if (/\bpublic\b/.test(modifiers(node))) docFact(sink, node, node, name?.text, hasCommentAbove(node, (c) => c.startsWith('/**')));
}

export const JAVA: Omit<LanguageSpec, 'prefix'> = {
  functions: FUNCTIONS,
  nesting: NESTING,
  comments: new Set(['line_comment', 'block_comment']),
  functionName: (fn) => (fn.type === 'lambda_expression' ? undefined : fn.childForFieldName('name')?.text),
  paramCount: (fn) => fn.childForFieldName('parameters')?.namedChildren.filter((c) => !c.type.includes('comment')).length ?? 0,
  visit,
};
