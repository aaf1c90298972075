import type { Node } from 'web-tree-sitter';
import { identifierAnd, type StringGrammar } from './built-string.js';

/** The languages the JavaScript rules read: TypeScript's and TSX's grammars extend JavaScript's. */
export const ECMASCRIPT = ['typescript', 'tsx', 'javascript'] as const;

/** Declared functions and methods. */
export const FUNCTIONS = ['function_declaration', 'generator_function_declaration', 'method_definition'];
/** An Express-like route or middleware registration, `router.delete(path, ...handlers)`, its method captured. */
export const EXPRESS_ROUTE = /^(?:app|router|api|server|routes?)\.(get|post|put|patch|delete|all|use)$/;
/** `res.send(...)`, `res.status(500).json(...)`: a call that sends an Express response (setting the status alone does not). */
export const EXPRESS_SENDS = /^(?:res|response)(?:\.status\([^)]*\))?\.(?:send|json|end|sendStatus|render|redirect|sendFile)$/;
/** Functions written as values. */
export const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function']);

/** How JavaScript builds strings: `+` and template strings. */
export const JS_STRINGS: StringGrammar = {
  literals: new Set(['string']),
  template: { type: 'template_string', substitution: 'template_substitution' },
  builders: ['binary_expression', 'template_string'],
  formatCall: () => undefined,
  declarations: ['variable_declarator'],
  declared: identifierAnd('name', 'value'),
  functions: new Set([...FUNCTIONS, ...FUNCTION_VALUES]),
};

/** Where a name is declared: declarators, parameters, functions, classes, imports, catch parameters. */
const DECLARING_PARENTS = new Set(['variable_declarator', 'function_declaration', 'generator_function_declaration', 'class_declaration', 'method_definition', 'import_specifier', 'import_clause', 'namespace_import', 'catch_clause', 'required_parameter', 'optional_parameter', 'formal_parameters', 'shorthand_property_identifier_pattern', 'pair_pattern', 'array_pattern', 'object_pattern', 'rest_pattern', 'assignment_pattern', 'for_in_statement', 'function_expression', 'function', 'arrow_function', 'labeled_statement']);
/** The field of a declaring node that is read, not declared: `const x = y`'s `y`, a default's value, a for-of's collection, an arrow's body. */
const READ_FIELD: Readonly<Record<string, string>> = { variable_declarator: 'value', assignment_pattern: 'right', for_in_statement: 'right', arrow_function: 'body' };

/** Whether this identifier declares its name (in any of the file's scopes) rather than reads it. */
export function declaresName(identifier: Node): boolean {
  const parent = identifier.parent;
  if (!parent || !DECLARING_PARENTS.has(parent.type)) return false;
  const field = READ_FIELD[parent.type];
  const read = field ? parent.childForFieldName(field) : null;
  return !(read && read.startIndex <= identifier.startIndex && identifier.endIndex <= read.endIndex);
}

const REQUEST = /^req(?:uest)?$/;
const RESPONSE = /^res(?:ponse)?$/;

/** A parameter's name, through TypeScript's `req: Request` (a required parameter's pattern). */
function parameterName(parameter: Node | null | undefined): string {
  if (!parameter) return '';
  if (parameter.type === 'identifier') return parameter.text;
  return parameter.childForFieldName('pattern')?.text ?? '';
}

/** Whether a function takes `(req, res)` first: an Express-like handler or middleware. */
export function takesRequestAndResponse(fn: Node): boolean {
  const [request, response] = fn.childForFieldName('parameters')?.namedChildren.filter((child) => child !== null && child.type !== 'comment') ?? [];
  return REQUEST.test(parameterName(request)) && RESPONSE.test(parameterName(response));
}
