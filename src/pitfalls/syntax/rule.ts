import type { Node } from 'web-tree-sitter';
import type { ParsedLanguage } from '../../index/language.js';
import type { Concern } from '../types.js';

/** One place a syntax rule fired, with the sentence that says what it saw there. */
export interface SyntaxHit {
  node: Node;
  message: string;
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
  concern: Concern;
  title: string;
  question: string;
  /** A page that explains the pitfall (a maintained linter's rule for it, or the language's docs). */
  docsUrl: string;
  find(root: Node): SyntaxHit[];
}

/** Every named descendant of `node` whose type is in `types`, in source order; ERROR subtrees are skipped (nothing is invented about code the parser could not read). */
export function descendants(node: Node, types: ReadonlySet<string>): Node[] {
  const out: Node[] = [];
  const visit = (current: Node): void => {
    for (const child of current.namedChildren) {
      if (!child || child.isError) continue;
      if (types.has(child.type)) out.push(child);
      visit(child);
    }
  };
  visit(node);
  return out;
}

/** The nearest ancestor of `node` whose type is in `types`. */
export function ancestor(node: Node, types: ReadonlySet<string>): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (types.has(current.type)) return current;
  return undefined;
}

/** Whether a block holds nothing at all, not even a comment saying the emptiness is meant. */
export function isEmptyBlock(block: Node | null): boolean {
  return block !== null && block.namedChildCount === 0;
}
