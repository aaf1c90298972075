import type { Node } from 'web-tree-sitter';
import { MAX_CHUNK_CHARS, MAX_CHUNK_LINES, MAX_ERROR_SHARE, MERGE_TARGET_LINES, STANDALONE_MIN_LINES } from './budget.js';
import { windowStarts, type LineIndex } from './lines.js';
import type { LanguageRules } from './rules.js';
import type { Segment } from './segments.js';
import { describeDeclaration, type Declaration } from './symbols.js';

/** A top-level node (or class member) with its leading comments, in rows (0-based, inclusive). */
interface Item {
  start: number;
  end: number;
  node: Node;
  declaration: Declaration | null;
  /** Fixed kind and symbol, for the header of a class split into members. */
  label?: Omit<Segment, 'start'>;
}

/** Where items live: the file, or a class (whose name qualifies its members) or namespace. */
interface Scope {
  kind: string;
  symbol: string | null;
  /** Prefix for member symbols: the class name; namespaces do not qualify. */
  qualifier: string | null;
  /** Functions declared here are methods. */
  inType: boolean;
}

const FILE_SCOPE: Scope = { kind: 'module', symbol: null, qualifier: null, inType: false };

/**
 * Segments of a file following its syntax tree, or null when the tree is mostly ERROR nodes.
 * Only top-level nodes are visited, plus the members of classes too big for one chunk and the
 * statements of functions too long for one, so the cost grows with declarations, not nodes.
 */
export function syntaxSegments(root: Node, lines: LineIndex, rules: LanguageRules): Segment[] | null {
  const children = root.namedChildren;
  if (errorShare(children, lines) > MAX_ERROR_SHARE) return null;
  const segments: Segment[] = [];
  new SegmentBuilder(lines, rules, segments).emit(collectItems(children, rules), FILE_SCOPE);
  return segments;
}

function startRow(node: Node): number {
  return node.startPosition.row;
}

/** The last row holding part of `node` (a node ending with its newline ends at column 0 of the next row). */
function endRow(node: Node): number {
  const { row, column } = node.endPosition;
  return column === 0 && row > node.startPosition.row ? row - 1 : row;
}

function errorShare(children: readonly Node[], lines: LineIndex): number {
  let errorRows = 0;
  for (const child of children) if (child.type === 'ERROR') errorRows += endRow(child) - startRow(child) + 1;
  return lines.count === 0 ? 0 : errorRows / lines.count;
}

/**
 * Sibling nodes as items: leading comments, decorators and attributes directly above a node join
 * it (at most one blank line between: many codebases leave one after a JSDoc block); nodes sharing
 * a row with the previous one join that one.
 */
function collectItems(nodes: readonly Node[], rules: LanguageRules): Item[] {
  const items: Item[] = [];
  const add = (item: Item): void => {
    const last = items[items.length - 1];
    if (last && item.start <= last.end) {
      last.end = Math.max(last.end, item.end);
      last.declaration ??= item.declaration;
    } else {
      items.push(item);
    }
  };
  let pending: Item[] = [];
  for (const node of nodes) {
    const item: Item = { start: startRow(node), end: endRow(node), node, declaration: null };
    if (rules.leading.has(node.type)) {
      pending.push(item);
      continue;
    }
    item.declaration = describeDeclaration(node, rules);
    let attached = pending.length;
    while (attached > 0 && (pending[attached - 1] as Item).end >= (pending[attached] ?? item).start - 2) attached--;
    for (let i = 0; i < attached; i++) add(pending[i] as Item);
    if (attached < pending.length) item.start = Math.min(item.start, (pending[attached] as Item).start);
    pending = [];
    add(item);
  }
  for (const comment of pending) add(comment);
  return items;
}

/** Turns items into segments within the size budget, recursing into what is too big. */
class SegmentBuilder {
  constructor(
    private readonly lines: LineIndex,
    private readonly rules: LanguageRules,
    private readonly out: Segment[],
  ) {}

  /**
   * Emits items in order: big ones split, declarations alone, small neighbours merged. A group
   * of small items too short to stand alone (a class header, one constant) joins the declaration
   * that follows (or, at the end, the chunk before) instead of becoming a chunk of a few lines.
   */
  emit(items: readonly Item[], scope: Scope): void {
    const emittedBefore = this.out.length;
    let group: Item[] = [];
    const flush = (): void => {
      const first = group[0];
      if (first) this.out.push(group.length === 1 ? this.segmentOf(first, scope) : { start: first.start, kind: scope.kind, symbol: scope.symbol });
      group = [];
    };
    const groupIsTiny = (): boolean => {
      const first = group[0];
      const last = group[group.length - 1];
      return first !== undefined && last !== undefined && last.end - first.start + 1 < STANDALONE_MIN_LINES;
    };
    const withTinyGroup = (item: Item): Item => {
      const first = group[0];
      if (first && groupIsTiny()) {
        group = [];
        return { ...item, start: first.start };
      }
      flush();
      return item;
    };
    for (const item of items) {
      const rows = item.end - item.start + 1;
      if (rows > MAX_CHUNK_LINES || this.lines.chars(item.start, item.end) > MAX_CHUNK_CHARS) {
        this.split(withTinyGroup(item), scope);
        continue;
      }
      if (item.declaration && rows >= STANDALONE_MIN_LINES) {
        this.out.push(this.segmentOf(withTinyGroup(item), scope));
        continue;
      }
      const first = group[0];
      if (first && (item.end - first.start + 1 > MERGE_TARGET_LINES || this.lines.chars(first.start, item.end) > MAX_CHUNK_CHARS)) flush();
      group.push(item);
    }
    // Not emitting a segment leaves the rows to the segment before it.
    if (groupIsTiny() && this.out.length > emittedBefore) group = [];
    flush();
  }

  private segmentOf(item: Item, scope: Scope): Segment {
    if (item.label) return { start: item.start, ...item.label };
    if (!item.declaration) return { start: item.start, kind: scope.kind, symbol: scope.symbol };
    return { start: item.start, kind: kindIn(item.declaration, scope), symbol: qualify(item.declaration.name, scope) };
  }

  /** An item over budget: a class by its members, a preprocessor block by its children, else windows. */
  private split(item: Item, scope: Scope): void {
    if (this.splitContainer(item, scope) || this.splitTransparent(item, scope)) return;
    const { kind, symbol } = this.segmentOf(item, scope);
    const body = (item.declaration?.node ?? item.node).childForFieldName('body');
    const cuts = body ? body.namedChildren.map(startRow) : [];
    for (const start of windowStarts(this.lines, item.start, item.end, MAX_CHUNK_LINES, MAX_CHUNK_CHARS, cuts)) {
      this.out.push({ start, kind, symbol });
    }
  }

  private splitContainer(item: Item, scope: Scope): boolean {
    const declaration = item.declaration;
    if (!declaration || !this.rules.containers.has(declaration.node.type)) return false;
    const body = declaration.node.childForFieldName('body');
    if (!body) return false;
    const members = collectItems(this.memberNodes(declaration.node, body), this.rules);
    const first = members[0];
    if (!first || first.start <= item.start) return false;
    const kind = kindIn(declaration, scope);
    const symbol = qualify(declaration.name, scope);
    const inner: Scope = kind === 'namespace' ? { kind, symbol, qualifier: scope.qualifier, inType: false } : { kind, symbol, qualifier: symbol, inType: true };
    const header: Item = { start: item.start, end: first.start - 1, node: item.node, declaration: null, label: { kind, symbol } };
    this.emit([header, ...members], inner);
    return true;
  }

  /** The members of a container: its body's children, plus comments between header and body (Ruby). */
  private memberNodes(container: Node, body: Node): Node[] {
    const members = body.namedChildren;
    if (body.parent?.equals(container) !== true) return members;
    const bodyStart = startRow(body);
    const containerStart = startRow(container);
    const between = container.namedChildren.filter((child) => this.rules.leading.has(child.type) && startRow(child) > containerStart && startRow(child) < bodyStart);
    return between.length > 0 ? [...between, ...members] : members;
  }

  private splitTransparent(item: Item, scope: Scope): boolean {
    if (item.declaration || !this.rules.transparent.has(item.node.type)) return false;
    // Children on the opening row (`#ifdef NAME`) belong to the directive itself.
    const children = item.node.namedChildren.filter((child) => startRow(child) > item.start);
    if (children.length === 0) return false;
    this.out.push({ start: item.start, kind: scope.kind, symbol: scope.symbol });
    this.emit(collectItems(children, this.rules), scope);
    return true;
  }
}

function kindIn(declaration: Declaration, scope: Scope): string {
  return declaration.kind === 'function' && scope.inType ? 'method' : declaration.kind;
}

function qualify(name: string | null, scope: Scope): string | null {
  return name && scope.qualifier ? `${scope.qualifier}.${name}` : name;
}
