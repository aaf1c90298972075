import { footerText } from './footer-text.js';
import { activeArea } from './state/area.js';
import type { Focus, TerminalSize, TuiState } from './state/types.js';

/** Below this width the panes stack (the Changes pane above the Mentor pane). */
const SIDE_BY_SIDE_MIN_COLUMNS = 100;

/** File rows listed in the Changes pane at most; the list scrolls with the selection beyond that. */
const MAX_FILE_ROWS = 5;
/** Below this pane height only the selected file is listed, so the hunk lines keep the room. */
const SHORT_PANE = 14;

/** How the Changes pane splits its height: listed files, then hunk lines (below a blank row). */
export function changesRows(paneHeight: number, fileCount: number): { files: number; lines: number } {
  const files = Math.min(fileCount, paneHeight < SHORT_PANE ? 1 : MAX_FILE_ROWS);
  return { files, lines: Math.max(paneHeight - 2 - files - 1, 0) };
}

/** Explicit sizes for every region of the screen. */
export interface Layout {
  columns: number;
  /** Rows used: one less than the terminal, so Ink never sees a frame as tall as the screen
   * (it clears the whole screen for those, which is the flicker people complain about). */
  rows: number;
  sideBySide: boolean;
  body: { height: number };
  changes: { width: number; height: number };
  mentor: { width: number; height: number };
  /** Chat transcript lines above the input line. */
  chatLines: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/** The width everything is laid out for: the terminal's, but never below what the panes need. */
export function layoutColumns(size: TerminalSize): number {
  return Math.max(size.columns, 40);
}

/**
 * Sizes for a terminal; the chat gets a third of the screen while it has the focus, and the footer
 * `footerRows` (a long warning is shown in full, see footer.tsx).
 */
export function computeLayout(size: TerminalSize, focus: Focus, hasChat: boolean, footerRows = 1): Layout {
  const columns = layoutColumns(size);
  const rows = Math.max(size.rows, 12) - 1;
  const chatLines = focus === 'chat' ? Math.max(2, Math.floor(rows / 3)) : hasChat ? (rows >= 30 ? 3 : 1) : 0;
  const height = rows - 2 - footerRows - chatLines;
  const sideBySide = columns >= SIDE_BY_SIDE_MIN_COLUMNS;
  if (sideBySide) {
    const changesWidth = clamp(Math.floor(columns * 0.42), 36, 60);
    return { columns, rows, sideBySide, body: { height }, changes: { width: changesWidth, height }, mentor: { width: columns - changesWidth, height }, chatLines };
  }
  const changesHeight = clamp(Math.floor(height * 0.45), 5, Math.max(height - 6, 5));
  return { columns, rows, sideBySide, body: { height }, changes: { width: columns, height: changesHeight }, mentor: { width: columns, height: height - changesHeight }, chatLines };
}

/** The layout of the screen in `state`: its size, focus, chat, and the rows the footer's notice needs. */
export function screenLayout(state: TuiState): Layout {
  const footer = footerText(state.notices.at(-1), activeArea(state), state.quitting, layoutColumns(state.size));
  return computeLayout(state.size, state.focus, state.chat.turns.length > 0, footer.lines.length);
}
