import { identifierAnd, type StringGrammar } from './built-string.js';

/** Python's assignments, for following a name to the value it was given. */
export const PYTHON_NAMES: StringGrammar = {
  literals: new Set(['string']),
  builders: [],
  formatCall: () => undefined,
  declarations: ['assignment'],
  declared: identifierAnd('left', 'right'),
  functions: new Set(['function_definition', 'lambda']),
};

/** Python's named functions (a `lambda` is a value inside one). */
export const PYTHON_FUNCTIONS: ReadonlySet<string> = new Set(['function_definition']);

/** A web framework's route decorator: `@app.route(...)`, `@bp.get(...)`, `@router.post(...)`. */
export const PYTHON_ROUTE_DECORATOR = /^@\s*\w+\.(?:route|get|post|put|patch|delete)\s*\(/;
