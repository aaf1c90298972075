import type { Node } from 'web-tree-sitter';
import { ECMASCRIPT } from './ecmascript-grammar.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * An error made and dropped:
 *
 *   if (password) {                                   if (amount < 0) {
 *     new Forbidden("Password cannot be updated");        new IllegalArgumentException("negative amount");
 *   }                                                 }
 *
 * The author wrote the refusal and forgot `throw`: the object is built and thrown away, and the code
 * goes on as if the check had passed (Error Prone's DeadException; Ruff's PLW0133 for Python). An
 * error class is told by its name (`...Error`, `...Exception`), by being thrown elsewhere in the
 * file, by where it is imported from (`./errors`, `Exception/Forbidden`), or by extending one.
 */

const TEACHING = {
  concern: 'correctness',
  // Every time the check holds, it stops nothing: as sure as a check that only prints.
  failure: 'certain',
  title: 'error made but not thrown',
  question: 'When this condition holds, what stops the code after it from running?',
} as const;

const ERROR_NAME = /(?:Error|Exception)$/;
/** A class as people name one (`Forbidden`); minified code's `n` or `Tt` can be anything on the next line. */
const CLASS_NAME = /^[A-Z][A-Za-z0-9]{2,}$/;
const ERROR_MODULE = /errors?\b|exceptions?\b/i;

interface ErrorGrammar {
  /** The construction (`new X(...)`) and the field naming its class. */
  construction: string;
  classField: string;
  /** A class declaration and how it names what it extends. */
  superclass(declaration: Node): string | undefined;
  /** The names an import statement brings in from a module that holds errors (JavaScript's `./errors`). */
  errorImports(statement: Node): string[];
}

/** The last name of a class as written: `errors.NotFound` → `NotFound`, `Map<K, V>` → `Map`. */
function lastName(type: Node | null): string {
  return (type?.text ?? '').replace(/<.*$/s, '').split('.').at(-1) ?? '';
}

function errorNotThrownRule(id: string, languages: SyntaxRule['languages'], grammar: ErrorGrammar, docsUrl: string, fix: string): SyntaxRule {
  return {
    id,
    languages,
    ...TEACHING,
    docsUrl,
    fix,
    types: ['expression_statement', 'throw_statement', 'class_declaration', 'import_statement'],
    mentions: /\bnew\s/,
    find(index) {
      const constructed = (at: Node | null | undefined): string | undefined => (at?.type === grammar.construction ? lastName(at.childForFieldName(grammar.classField)) : undefined);
      const errors = new Set<string>();
      const add = (name: string | undefined): void => {
        if (name && CLASS_NAME.test(name)) errors.add(name);
      };
      for (const thrown of index.of('throw_statement')) add(constructed(thrown.namedChildren[0]));
      for (const statement of index.of('import_statement')) for (const name of grammar.errorImports(statement)) add(name);
      for (const declaration of index.of('class_declaration')) {
        const parent = grammar.superclass(declaration);
        const name = declaration.childForFieldName('name')?.text;
        if (parent && (ERROR_NAME.test(parent) || errors.has(parent))) add(name);
      }
      const hits: SyntaxHit[] = [];
      for (const statement of index.of('expression_statement')) {
        // A switch expression's arm (`case 91 -> new SocketException(...)`) is its value, not a statement.
        if (statement.parent?.type === 'switch_rule') continue;
        const name = constructed(statement.namedChildren[0]);
        if (name && (ERROR_NAME.test(name) || errors.has(name))) hits.push({ node: statement, message: `This builds a \`${name}\` and drops it: nothing throws it, so the code after it runs anyway.` });
      }
      return hits;
    },
  };
}

export const ERROR_NOT_THROWN_RULES: readonly SyntaxRule[] = [
  errorNotThrownRule(
    'js/error-not-thrown',
    ECMASCRIPT,
    {
      construction: 'new_expression',
      classField: 'constructor',
      superclass: (declaration) => {
        const heritage = declaration.namedChildren.find((child) => child?.type === 'class_heritage');
        return heritage ? lastName(heritage.namedChildren.find((child) => child?.type === 'extends_clause')?.childForFieldName('value') ?? heritage.namedChildren[0] ?? null) : undefined;
      },
      errorImports: (statement) => {
        if (!ERROR_MODULE.test(statement.childForFieldName('source')?.text ?? '')) return [];
        const clause = statement.namedChildren.find((child) => child?.type === 'import_clause');
        const names: string[] = [];
        for (const child of clause?.namedChildren ?? []) {
          // `import Forbidden from`, and `import { NotFound, Gone as GoneError } from` by their local names.
          if (child?.type === 'identifier') names.push(child.text);
          if (child?.type !== 'named_imports') continue;
          for (const specifier of child.namedChildren) {
            const local = specifier?.childForFieldName('alias') ?? specifier?.childForFieldName('name');
            if (local) names.push(local.text);
          }
        }
        return names;
      },
    },
    'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Statements/throw',
    '`throw new Forbidden(...)`: a refusal only stops the code when it is thrown (or returned to the caller that answers with it)',
  ),
  errorNotThrownRule(
    'java/error-not-thrown',
    ['java'],
    {
      construction: 'object_creation_expression',
      classField: 'type',
      superclass: (declaration) => lastName(declaration.childForFieldName('superclass')?.namedChildren[0] ?? null) || undefined,
      errorImports: () => [],
    },
    'https://errorprone.info/bugpattern/DeadException',
    '`throw new IllegalArgumentException(...)`: an exception only stops the code when it is thrown',
  ),
];
