import type { Node, Tree } from 'web-tree-sitter';
import type { CallVisitor } from './api/tree.js';
import type { FactSink} from './facts.js';
import { SIZE_KEYS } from './facts.js';

/** What a language tells the generic walker. */
export interface LanguageSpec {
  /** Rule id prefix, e.g. `ts`. */
  prefix: string;
  /** Node types that are functions or methods. */
  functions: ReadonlySet<string>;
  /** Node types that add one level of nesting inside a function. */
  nesting: ReadonlySet<string>;
  /** Comment node types. */
  comments: ReadonlySet<string>;
  /** The name of a function node, or undefined for an anonymous one (a callback, a lambda). */
  functionName(fn: Node): string | undefined;
  /** How many parameters a function takes (receivers, `self` and `cls` excluded). */
  paramCount(fn: Node): number;
  /** Emits the categorical facts of one node; called for every named node outside ERROR subtrees. */
  visit(node: Node, sink: FactSink): void;
  /** Whether the file only re-exports other modules. */
  isBarrel?(root: Node): boolean;
  /** A fresh reader of the file's external calls (API-usage facts), given every node after `visit`. */
  calls?(): CallVisitor;
}

/** One ancestor of the node being visited: the node, its named children, and which of them is being visited. */
export interface PathStep {
  node: Node;
  children: Node[];
  index: number;
}

/** The ancestors of the node being visited, the root first; the last step's node is its parent. */
export type Path = readonly PathStep[];

interface Frame {
  name: string;
  node: Node;
  depth: number;
  maxDepth: number;
}

/** 1-based first and last line of a node. */
export function lines(node: Node): { start: number; end: number } {
  return { start: node.startPosition.row + 1, end: node.endPosition.row + 1 };
}

/**
 * Walks a syntax tree once, measuring named functions (length, parameters, nesting) and letting
 * the language spec emit categorical facts. Subtrees under ERROR nodes are skipped: in a
 * half-typed file nothing is invented about code the parser could not read.
 */
export function walkTree(tree: Tree, spec: LanguageSpec, sink: FactSink): void {
  const frames: Frame[] = [];
  const onCall = spec.calls?.();
  const path: PathStep[] = [];
  // Each check is a call into WebAssembly per node; most files parse without an error anywhere.
  const mayHaveErrors = tree.rootNode.hasError;
  const visit = (node: Node): void => {
    if (mayHaveErrors && (node.isError || node.isMissing)) return;
    if (spec.comments.has(node.type)) {
      for (let row = node.startPosition.row; row <= node.endPosition.row; row++) sink.commentRows.add(row);
      return;
    }
    spec.visit(node, sink);
    onCall?.(node, sink, path);
    // A named function opens its own frame; an anonymous one (a callback) is one more level of
    // nesting in the function around it, whose length already includes it.
    const name = spec.functions.has(node.type) ? spec.functionName(node) : undefined;
    const opensFrame = name !== undefined;
    const nests = !opensFrame && (spec.nesting.has(node.type) || spec.functions.has(node.type)) && !isElseIf(node);
    const parent = frames[frames.length - 1];
    if (opensFrame) {
      frames.push({ name, node, depth: 0, maxDepth: 0 });
    } else if (nests && parent) {
      parent.depth++;
      parent.maxDepth = Math.max(parent.maxDepth, parent.depth);
    }
    const step: PathStep = { node, children: node.namedChildren, index: 0 };
    path.push(step);
    for (; step.index < step.children.length; step.index++) {
      const child = step.children[step.index];
      if (child) visit(child);
    }
    path.pop();
    forgetChildren(node);
    if (opensFrame) {
      const frame = frames.pop();
      if (frame) closeFrame(frame, spec, sink);
    } else if (nests && parent) {
      parent.depth--;
    }
  };
  visit(tree.rootNode);
}

/**
 * A node keeps the array of its children once read, and each child its own: the whole tree's node
 * objects would stay reachable from the root until the walk ends, outlive the young generation and
 * be copied into the old one (a quarter of indexing's time went to that garbage collection). Once a
 * node's subtree is walked its cache is dropped, so the subtree's nodes die young.
 */
function forgetChildren(node: Node): void {
  (node as unknown as { _namedChildren?: Node[] })._namedChildren = undefined;
}

/** `else if` continues a chain; it is not one level deeper. */
function isElseIf(node: Node): boolean {
  const parent = node.parent;
  return node.type === 'if_statement' && (parent?.type === 'else_clause' || parent?.type === 'if_statement');
}

function closeFrame(frame: Frame, spec: LanguageSpec, sink: FactSink): void {
  if (frame.node.hasError) return;
  const { start, end } = lines(frame.node);
  sink.measure(SIZE_KEYS.functionLines, end - start + 1, start, end, frame.name);
  sink.measure(SIZE_KEYS.params, spec.paramCount(frame.node), start, end, frame.name);
  sink.measure(SIZE_KEYS.nesting, frame.maxDepth, start, end, frame.name);
}
