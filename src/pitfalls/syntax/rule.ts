import type { Node, Tree } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import type { Failure } from '../../importance/concern.js';
import type { Concern, PitfallFile } from '../types.js';

/** One place a syntax rule fired, with the sentence that says what it saw there. */
export interface SyntaxHit {
  node: Node;
  message: string;
  /** How this hit's fault shows, when it differs from the rule's (a signing key and a database password found by one rule). */
  failure?: Failure;
  /** What this hit is about, when it differs from the rule's (money moved between two users is a security hole, a withdrawal a bug). */
  concern?: Concern;
}

/**
 * A pitfall found from the syntax tree alone, for languages no maintained linter runs in Node
 * (Java, Go) and for the few JS/TS pitfalls oxlint cannot see without type information. Each rule
 * is written to be precise rather than thorough: a case it cannot decide is left alone.
 */
export interface SyntaxRule {
  /** `java/string-reference-equality`: the `Pitfall.ruleId` is `tree-sitter/` and this. */
  id: string;
  languages: readonly ParsedLanguage[];
  /** The node types the rule looks at: the file's walk keeps only these. */
  types: readonly string[];
  /** Words a file must contain for the rule to fire at all (`exec.Command`): a file without them is not walked for it. */
  mentions?: RegExp;
  concern: Concern;
  /** How the fault shows, when it is more than a risk (src/importance). */
  failure?: Failure;
  title: string;
  question: string;
  /** A page that explains the pitfall (a maintained linter's rule for it, the language's docs, OWASP). */
  docsUrl: string;
  /** The change that removes the pitfall, for the ladder's last rung. */
  fix: string;
  /** The places it fires in the file's tree; `file` is there for a rule that follows the file's imports. */
  find(index: SyntaxIndex, file: PitfallFile): SyntaxHit[] | Promise<SyntaxHit[]>;
}

/**
 * The nodes of the types some rule looks at, gathered in one walk of the tree: crossing from
 * JavaScript into the parser's WebAssembly for every node of every rule cost ~40 ms on a 300-line
 * file; one cursor walk that only materialises the nodes asked for costs a few.
 */
export class SyntaxIndex {
  private readonly byType = new Map<string, Node[]>();

  constructor(tree: Tree, types: ReadonlySet<string>) {
    const cursor = tree.walk();
    try {
      let descend = true;
      for (;;) {
        // ERROR subtrees are skipped: nothing is invented about code the parser could not read.
        if (descend && cursor.nodeType !== 'ERROR' && cursor.gotoFirstChild()) {
          descend = true;
        } else if (cursor.gotoNextSibling()) {
          descend = true;
        } else if (cursor.gotoParent()) {
          descend = false;
          continue;
        } else {
          break;
        }
        if (cursor.nodeIsNamed && types.has(cursor.nodeType)) {
          const nodes = this.byType.get(cursor.nodeType) ?? [];
          nodes.push(cursor.currentNode);
          this.byType.set(cursor.nodeType, nodes);
        }
      }
    } finally {
      cursor.delete();
    }
  }

  /** The nodes of `type`, in source order; only those inside `within` when given. */
  of(type: string, within?: Node): Node[] {
    const nodes = this.byType.get(type) ?? [];
    if (!within) return nodes;
    return nodes.filter((node) => node.startIndex >= within.startIndex && node.endIndex <= within.endIndex && node.id !== within.id);
  }
}

/**
 * The first mention of `name` after `binding` (its declaration or assignment) within `scope`: where
 * a value that may be missing (a `find()`'s, a regex match's, a `readLine()`'s, a pending query)
 * is first touched, so a rule can ask whether that is a check or a use.
 */
export function firstUseAfter(index: SyntaxIndex, name: Node, binding: Node, scope: Node): Node | undefined {
  return index.of('identifier', scope).find((identifier) => identifier.text === name.text && identifier.startIndex > binding.endIndex);
}

/** Where a value is reached into, by node type and the field holding the value: `x.f`, `x.m()`, `x[i]`, in each grammar. */
const REACHED_THROUGH: Readonly<Record<string, string>> = {
  selector_expression: 'operand',
  index_expression: 'operand',
  member_expression: 'object',
  subscript_expression: 'object',
  attribute: 'object',
  method_invocation: 'object',
  field_access: 'object',
};

/**
 * Whether `node` is the value its parent reaches into (`db` of `db.AutoMigrate()`, `user` of
 * `user.name`, `rows` of `rows[0]`): where a nil, null, None or undefined value fails.
 */
export function isReachedInto(node: Node): boolean {
  const parent = node.parent;
  const field = parent ? REACHED_THROUGH[parent.type] : undefined;
  return field !== undefined && parent?.childForFieldName(field)?.id === node.id;
}

/** The first place `statement` reaches into one of `names` (`db.AutoMigrate`, `res.rows`, `x[i]`), if it does. */
export function reachedInto(statement: Node, names: ReadonlySet<string>): Node | undefined {
  return statement.descendantsOfType('identifier').find((identifier): identifier is Node => identifier !== null && names.has(identifier.text) && isReachedInto(identifier));
}

/** The nearest ancestor of `node` whose type is in `types`. */
export function ancestor(node: Node, types: ReadonlySet<string>): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (types.has(current.type)) return current;
  return undefined;
}

/**
 * A call as written, in any grammar: `fs.readFile` for JavaScript, Python and Go calls, `LOGGER.info`
 * for a Java method call, `new File` for a construction; whitespace inside it is dropped.
 */
export function calleeText(call: Node): string {
  const text = (field: string): string => (call.childForFieldName(field)?.text ?? '').replace(/\s+/g, '');
  if (call.type === 'method_invocation') return [text('object'), text('name')].filter(Boolean).join('.');
  if (call.type === 'object_creation_expression') return `new ${text('type')}`;
  return text('function');
}

/** The nodes of a list that are code: without the nulls web-tree-sitter's lists may hold, and without comments. */
export function code(nodes: ReadonlyArray<Node | null | undefined>): Node[] {
  return nodes.filter((node): node is Node => node !== null && node !== undefined && node.type !== 'comment');
}

/** The statement just before `node` in its block, comments skipped: the call a check like `if err != nil` is about. */
export function statementBefore(node: Node): Node | null {
  let before = node.previousNamedSibling;
  while (before?.type === 'comment') before = before.previousNamedSibling;
  return before;
}

/** The statement just after `node` in its block, comments skipped (Java's line and block comments too). */
export function statementAfter(node: Node): Node | null {
  let after = node.nextNamedSibling;
  while (after && /comment$/.test(after.type)) after = after.nextNamedSibling;
  return after;
}

/** Whether `node` sits in a function (one of `functions`) that is itself inside `scope`: a callback, run later and elsewhere. */
export function inFunctionWithin(node: Node, scope: Node, functions: ReadonlySet<string>): boolean {
  for (let at = node.parent; at && at.id !== scope.id; at = at.parent) if (functions.has(at.type)) return true;
  return false;
}

/** Whether a block holds nothing at all, not even a comment saying the emptiness is meant. */
export function isEmptyBlock(block: Node | null): boolean {
  return block !== null && block.namedChildCount === 0;
}
