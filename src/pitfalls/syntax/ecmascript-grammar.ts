import { identifierAnd, type StringGrammar } from './built-string.js';

/** The languages the JavaScript rules read: TypeScript's and TSX's grammars extend JavaScript's. */
export const ECMASCRIPT = ['typescript', 'tsx', 'javascript'] as const;

/** Declared functions and methods. */
export const FUNCTIONS = ['function_declaration', 'generator_function_declaration', 'method_definition'];
/** An Express-like route or middleware registration, `router.delete(path, ...handlers)`, its method captured. */
export const EXPRESS_ROUTE = /^(?:app|router|api|server|routes?)\.(get|post|put|patch|delete|all|use)$/;
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
