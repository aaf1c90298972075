/** Line offsets of a text, built once per file so line slices and sizes cost no scanning later. */
export class LineIndex {
  /** Offset of the first character of each line; one extra entry holds the text length. */
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    // A final newline ends the last line rather than starting an empty one.
    if (starts.length > 1 && starts[starts.length - 1] === text.length) starts.pop();
    starts.push(text.length);
    this.starts = starts;
  }

  /** Number of lines. */
  get count(): number {
    return this.starts.length - 1;
  }

  /** Characters in rows `from..to` (0-based, inclusive), newlines included. */
  chars(from: number, to: number): number {
    return this.offset(to + 1) - this.offset(from);
  }

  /** The text of rows `from..to` (0-based, inclusive), without the final newline. */
  slice(from: number, to: number): string {
    const end = this.offset(to + 1);
    const trimmed = end > 0 && this.text.charCodeAt(end - 1) === 10 ? end - 1 : end;
    return this.text.slice(this.offset(from), trimmed);
  }

  /** Whether a row holds only whitespace. */
  isBlank(row: number): boolean {
    const end = this.offset(row + 1);
    for (let i = this.offset(row); i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) return false;
    }
    return true;
  }

  private offset(row: number): number {
    return this.starts[Math.min(Math.max(row, 0), this.starts.length - 1)] ?? 0;
  }
}

/**
 * Where to start each window when rows `from..to` must be cut into pieces of at most `maxLines`
 * lines and `maxChars` characters. Pieces are balanced (201 lines at 150 max make two of ~100,
 * not 150 + 51); each cut prefers one of `cuts` (rows where a statement starts), then a row after
 * a blank line, then any row, nearest to the balanced size. Returns the start rows, `from` first.
 */
export function windowStarts(lines: LineIndex, from: number, to: number, maxLines: number, maxChars: number, cuts: readonly number[] = []): number[] {
  const starts = [from];
  let pos = from;
  while (pos <= to) {
    const remainingLines = to - pos + 1;
    const pieces = Math.max(Math.ceil(remainingLines / maxLines), Math.ceil(lines.chars(pos, to) / maxChars));
    if (pieces <= 1) break;
    const limit = lastRowWithin(lines, pos, to, maxLines, maxChars);
    const target = Math.min(pos + Math.ceil(remainingLines / pieces), limit + 1);
    const next = bestCut(lines, pos, limit, target, cuts);
    starts.push(next);
    pos = next;
  }
  return starts;
}

/** The last row `r` such that rows `pos..r` fit the budget (at least `pos` itself). */
function lastRowWithin(lines: LineIndex, pos: number, to: number, maxLines: number, maxChars: number): number {
  let low = pos;
  let high = Math.min(pos + maxLines - 1, to);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (lines.chars(pos, mid) <= maxChars) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The start row of the next window: a preferred cut or a row after a blank line near `target`. */
function bestCut(lines: LineIndex, pos: number, limit: number, target: number, cuts: readonly number[]): number {
  const low = pos + Math.max(1, Math.floor((target - pos) / 2));
  const high = limit + 1;
  let best = -1;
  for (const cut of cuts) {
    if (cut >= low && cut <= high && (best === -1 || Math.abs(cut - target) < Math.abs(best - target))) best = cut;
  }
  if (best !== -1) return best;
  for (let d = 0; target - d >= low || target + d <= high; d++) {
    if (target + d <= high && target + d >= low && lines.isBlank(target + d - 1)) return target + d;
    if (target - d >= low && lines.isBlank(target - d - 1)) return target - d;
  }
  return Math.max(target, pos + 1);
}
