import type { Node } from 'web-tree-sitter';
import { declaresName, ECMASCRIPT, FUNCTIONS, FUNCTION_VALUES } from './ecmascript-grammar.js';
import type { SyntaxHit, SyntaxRule } from './rule.js';

/*
 * A `const` or `let` read before the line that declares it, in the same scope: `app.listen(PORT)`
 * on line 36 and `const PORT = 3000` on line 126. Until its declaration runs the name is in its
 * "temporal dead zone", and reading it throws a ReferenceError: the server never starts. A read
 * inside a function written before the declaration is left alone (the function usually runs
 * later, once the name exists), and so is an earlier statement that declares the name itself.
 */

const SCOPES = new Set(['program', 'statement_block']);
/** What does not run where it is written: functions (run when called) and TypeScript's types (erased). */
const LATER = new Set([...FUNCTIONS, ...FUNCTION_VALUES, 'class_body', 'type_annotation', 'type_arguments', 'type_alias_declaration', 'interface_declaration', 'import_statement', 'export_clause']);
const READS = new Set(['identifier', 'shorthand_property_identifier']);

/** The names a `const`/`let` statement declares (plain names only; patterns are left alone). */
function declaredNames(statement: Node): string[] {
  if (statement.type !== 'lexical_declaration') return [];
  return statement.namedChildren.flatMap((declarator) => (declarator?.type === 'variable_declarator' && declarator.childForFieldName('name')?.type === 'identifier' ? [declarator.childForFieldName('name')!.text] : []));
}

/** Whether `statement` declares `name` itself somewhere inside (a block of its own shadowing the later declaration). */
function declaresWithin(statement: Node, name: string): boolean {
  const visit = (node: Node): boolean =>
    (node.text === name && (node.type === 'shorthand_property_identifier_pattern' || (node.type === 'identifier' && declaresName(node)))) ||
    (/^(?:class|abstract_class)_declaration$/.test(node.type) && node.childForFieldName('name')?.text === name) ||
    node.namedChildren.some((child) => child !== null && visit(child));
  return visit(statement);
}

/** The first read of `name` in `statement` that runs when the statement does (not inside a function written there, nor in a type). */
function readNow(statement: Node, name: string): Node | undefined {
  const reads: Node[] = [];
  if (LATER.has(statement.type) || LATER.has(statement.namedChildren.find((child) => child?.type !== 'comment')?.type ?? '')) return undefined;
  const visit = (node: Node): void => {
    if (reads.length > 0) return;
    if (READS.has(node.type) && node.text === name) {
      reads.push(node);
      return;
    }
    for (const child of node.namedChildren) if (child && !LATER.has(child.type)) visit(child);
  };
  visit(statement);
  return reads[0];
}

const usedBeforeDeclared: SyntaxRule = {
  id: 'js/used-before-declared',
  languages: ECMASCRIPT,
  concern: 'correctness',
  failure: 'certain',
  title: 'name used before its declaration',
  question: 'When this line runs, has the line that declares this name run yet?',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Statements/let#temporal_dead_zone_tdz',
  fix: 'Move the declaration above its first use (constants such as `const PORT = 3000` at the top of the file)',
  types: ['lexical_declaration'],
  find(index) {
    const hits: SyntaxHit[] = [];
    const scopes = new Map<number, Node>();
    const reported = new Set<number>();
    for (const declaration of index.of('lexical_declaration')) if (declaration.parent && SCOPES.has(declaration.parent.type)) scopes.set(declaration.parent.id, declaration.parent);
    for (const scope of scopes.values()) {
      const statements = scope.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
      statements.forEach((declaration, at) => {
        for (const name of declaredNames(declaration)) {
          for (const earlier of statements.slice(0, at)) {
            if (declaresWithin(earlier, name)) continue;
            const read = readNow(earlier, name);
            if (!read || reported.has(read.id)) continue;
            reported.add(read.id);
            hits.push({ node: read, message: `\`${name}\` is read here, before line ${declaration.startPosition.row + 1} declares it: this throws a ReferenceError.` });
            break;
          }
        }
      });
    }
    return hits;
  },
};

export const USED_BEFORE_DECLARED_RULES: readonly SyntaxRule[] = [usedBeforeDeclared];
