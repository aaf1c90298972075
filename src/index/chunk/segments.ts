import type { LineIndex } from './lines.js';

/** A chunk in the making: where it starts and what it is. It ends where the next one starts. */
export interface Segment {
  /** First row, 0-based. */
  start: number;
  kind: string;
  symbol: string | null;
}

/** A piece of a source file, the unit ArchAngel indexes and retrieves. */
export interface Chunk {
  /** First line, 1-based, inclusive. */
  startLine: number;
  /** Last line, 1-based, inclusive. */
  endLine: number;
  /**
   * 'function' | 'method' | 'class' | 'interface' | 'type' | 'enum' | 'namespace' | 'impl' for a
   * declaration (or a piece of a long one); 'module' for merged top-level statements and small
   * declarations; 'window' for line windows where there is no usable syntax tree.
   */
  kind: string;
  /** The declared name, qualified by its class (`UserService.getUser`), or null. */
  symbol: string | null;
  /** Exactly the lines startLine..endLine of the file, without the final newline. */
  text: string;
}

/**
 * Turns ordered segments into chunks that partition the file: each segment runs until the next
 * one starts, the first one from the top of the file; blank lines at either end are trimmed and
 * all-blank segments dropped. So every non-blank line is in exactly one chunk, whatever the tree
 * looked like. A segment starting at or before its predecessor is absorbed by it.
 */
export function toChunks(segments: readonly Segment[], lines: LineIndex): Chunk[] {
  const ordered: Segment[] = [];
  for (const segment of segments) {
    const last = ordered[ordered.length - 1];
    if (!last || segment.start > last.start) ordered.push(segment);
  }
  const chunks: Chunk[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const segment = ordered[i] as Segment;
    let from = i === 0 ? 0 : segment.start;
    let to = (ordered[i + 1]?.start ?? lines.count) - 1;
    while (from <= to && lines.isBlank(from)) from++;
    while (to >= from && lines.isBlank(to)) to--;
    if (from > to) continue;
    chunks.push({ startLine: from + 1, endLine: to + 1, kind: segment.kind, symbol: segment.symbol, text: lines.slice(from, to) });
  }
  return chunks;
}
