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
