import { bindingsFor, keyLabel, type Command, type KeyArea } from './keys.js';
import type { Notice } from './state/types.js';
import { clean, wrap } from './text.js';

/*
 * What the footer says, as text: pure, so the layout can give it the rows it needs.
 */

/** The commands the footer reminds of, with a short word each; the rest are in `?`. */
const SHORT: Partial<Record<Command, string>> = {
  'note-next': 'notes', 'note-prev': 'notes', 'scroll-down': 'scroll', 'scroll-up': 'scroll', hint: 'hint', example: 'example',
  dismiss: 'dismiss', chat: 'chat', send: 'send', 'save-note': 'add note', close: 'back', help: 'keys', quit: 'quit',
};

/** `j/k notes · h hint · …` for an area, generated from the key table. */
export function footerHints(area: KeyArea): string {
  const groups = new Map<string, string[]>();
  for (const binding of bindingsFor(area)) {
    const word = SHORT[binding.command];
    const key = binding.keys[0];
    if (!word || key === undefined || binding.footer === false) continue;
    groups.set(word, [...(groups.get(word) ?? []), keyLabel(key)]);
  }
  return [...groups].map(([word, keys]) => `${[...new Set(keys)].join('/')} ${word}`).join(' · ');
}

/** What the footer shows when a notice needs the room. */
const SHORT_HINTS = '? keys';

/**
 * Rows a notice may take: a warning or an error is read in full (the longest ArchAngel writes, an
 * error with its hint, is about 4 rows at 80 columns); anything longer ends in "…".
 */
const MAX_NOTICE_ROWS = 4;

export interface FooterText {
  /** The newest notice, wrapped; one empty row when there is none. */
  lines: string[];
  hints: string;
}

/** The footer's text at a width: the newest notice wrapped left of the keys of the area (cut to `? keys` when the notice needs the room). */
export function footerText(notice: Notice | undefined, area: KeyArea, quitting: boolean, width: number): FooterText {
  const text = notice ? `${notice.level === 'info' ? '' : `${notice.level}: `}${clean(notice.message).replace(/\n/g, ' ')}` : '';
  const all = footerHints(area);
  const hints = quitting ? 'closing…' : text.length + all.length + 3 > width ? SHORT_HINTS : all;
  // A space before the notice, and one each side of the keys.
  const room = Math.max(width - hints.length - 3, 10);
  const wrapped = text ? wrap(text, room) : [''];
  if (wrapped.length <= MAX_NOTICE_ROWS) return { lines: wrapped, hints };
  const last = wrapped[MAX_NOTICE_ROWS - 1] ?? '';
  return { lines: [...wrapped.slice(0, MAX_NOTICE_ROWS - 1), `${last.slice(0, room - 1)}…`], hints };
}
