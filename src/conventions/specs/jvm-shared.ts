import type { Node } from 'web-tree-sitter';
import type { FactSink } from '../facts.js';
import { catchFact, consoleIsLogging, enclosing, errorClassFact, loggingFact, nameFact, rethrowFact } from './common.js';

/**
 * Java and C# are close cousins: classes, methods, fields, try/catch. This is the part they share;
 * each grammar's node and field names are given in a JvmLikeNames table.
 */
export interface JvmLikeNames {
  types: ReadonlySet<string>;
  methods: ReadonlySet<string>;
  localDeclarations: ReadonlySet<string>;
  /** The caught variable's name inside a catch clause. */
  caughtName(clause: Node): string | undefined;
  /** The text naming the base classes of a class. */
  baseText(decl: Node): string | undefined;
  /** Whether a field declaration is a constant (its name follows the constant convention). */
  isConstantField(field: Node): boolean;
  /** Whether a method overrides one (its name is not chosen here). */
  isOverride(method: Node): boolean;
  /** The call that writes to the console, e.g. `System.out.println`. */
  consoleCall: RegExp;
  callTypes: ReadonlySet<string>;
}

const CATCH = new Set(['catch_clause']);

/** Emits naming, error and logging facts shared by Java and C#. Returns true when the node was handled. */
export function visitJvmLike(node: Node, sink: FactSink, names: JvmLikeNames, functions: ReadonlySet<string>): boolean {
  const type = node.type;
  if (names.types.has(type)) {
    const name = node.childForFieldName('name');
    nameFact(sink, 'type', name, node);
    errorClassFact(sink, name, names.baseText(node), node);
  } else if (names.methods.has(type)) {
    for (const param of node.childForFieldName('parameters')?.namedChildren ?? []) {
      nameFact(sink, 'parameter', param.childForFieldName('name'), param);
    }
    if (!names.isOverride(node)) nameFact(sink, 'method', node.childForFieldName('name'), node);
  } else if (type === 'field_declaration') {
    const kind = names.isConstantField(node) ? 'constant' : 'field';
    for (const declarator of declarators(node)) nameFact(sink, kind, declarator.childForFieldName('name'), node);
  } else if (names.localDeclarations.has(type)) {
    for (const declarator of declarators(node)) nameFact(sink, 'variable', declarator.childForFieldName('name'), node);
  } else if (type === 'catch_clause') {
    catchFact(sink, node, node.childForFieldName('body'));
  } else if (type === 'throw_statement') {
    const clause = enclosing(node, CATCH, functions);
    if (clause) rethrowFact(sink, node, node.namedChildren[0] ?? null, names.caughtName(clause));
  } else if (names.callTypes.has(type)) {
    const text = node.text;
    if (names.consoleCall.test(text)) {
      if (consoleIsLogging(node, { errorStream: /^(?:System\.err|Console\.Error)\b/.test(text), handlers: CATCH, functions, interactive: /\bnew\s+Scanner\s*\(\s*System\.in\b|\bSystem\.console\(\)|\bConsole\.ReadLine\(/ })) loggingFact(sink, node, 'console');
    }
    else if (/^(_?logger|_?log|LOG|LOGGER)\.(debug|info|warn|warning|error|trace|fatal|severe|fine|Log\w*)\b/i.test(text)) loggingFact(sink, node, 'logger');
  } else {
    return false;
  }
  return true;
}

function declarators(node: Node): Node[] {
  const direct = node.childrenForFieldName('declarator');
  if (direct.length > 0) return direct;
  const declaration = node.namedChildren.find((c) => c.type === 'variable_declaration');
  return (declaration ?? node).namedChildren.filter((c) => c.type === 'variable_declarator');
}
