import { palette, terminalCaps, type TerminalCaps } from './terminal.js';

/** Redraws at most this often: faster only burns CPU and makes the line flicker. */
const REDRAW_MS = 80;
/** Without a TTY, a plain progress line at most this often, so logs stay readable. */
const PLAIN_LINE_MS = 5_000;

/**
 * A one-line progress display on stderr: a bar with counts, rate and ETA on a TTY, occasional
 * plain lines otherwise (CI logs, pipes), nothing at all in quiet mode.
 */
export class ProgressLine {
  private lastDraw: number;
  private drawn = false;
  private readonly caps: TerminalCaps;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    this.caps = terminalCaps(stream);
    // A plain line is worth writing only once work has gone on a while: a run that ends within
    // PLAIN_LINE_MS leaves no "0/N (0%)" behind in the log.
    this.lastDraw = this.caps.interactive ? 0 : Date.now();
  }

  /** Shows `label` with `done` of `total` units; `detail` is appended (rate, counts...). */
  update(label: string, done: number, total: number, detail = ''): void {
    if (this.quiet) return;
    const now = Date.now();
    const finished = total > 0 && done >= total;
    if (!finished && now - this.lastDraw < (this.caps.interactive ? REDRAW_MS : PLAIN_LINE_MS)) return;
    this.lastDraw = now;
    const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    if (!this.caps.interactive) {
      if (!finished) this.stream.write(`${label}: ${done}/${total} (${percent}%) ${detail}\n`);
      return;
    }
    const p = palette(this.caps.color);
    const width = Math.max(10, Math.min(30, this.caps.columns - label.length - detail.length - 20));
    const filled = Math.round((percent / 100) * width);
    const bar = p.cyan('█'.repeat(filled)) + p.dim('░'.repeat(width - filled));
    const line = `${label} ${bar} ${String(percent).padStart(3)}% ${done}/${total} ${detail}`;
    this.stream.write(`\r\u001b[2K${line.slice(0, this.caps.columns + 40)}`);
    this.drawn = true;
  }

  /** Prints a message on its own line, above the bar. */
  log(message: string): void {
    if (this.quiet) return;
    this.clear();
    this.stream.write(`${message}\n`);
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\u001b[2K');
    this.drawn = false;
  }
}

/** "3.2 s" / "1 m 05 s" */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} m ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}
