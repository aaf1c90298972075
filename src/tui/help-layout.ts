import { KEY_TABLE, keyLabel, type Binding } from './keys.js';
import { wrap } from './text.js';

/**
 * The `?` screen's text, laid out for a width: one row per binding of the key table, its
 * description wrapped (never cut) beside the keys. Pure, so the reducer can tell how far it scrolls.
 */

const AREA_NAMES = { changes: 'Changes', mentor: 'Mentor', chat: 'chat', note: 'note', help: 'help', example: 'example', progress: 'progress', fatal: 'after an error that stops the session' } as const;

/** Columns of the keys, left of the descriptions. */
const KEYS_WIDTH = 10;

/** Where a binding works, unless it works in both panes and maybe more. */
function where(binding: Binding): string {
  const inPanes = binding.areas.includes('changes') && binding.areas.includes('mentor');
  return inPanes ? '' : binding.areas.map((area) => AREA_NAMES[area]).join(', ');
}

/** One help line per binding of the key table. */
export function helpLines(): Array<{ keys: string; description: string; where: string }> {
  return KEY_TABLE.map((binding) => ({ keys: binding.keys.map(keyLabel).join(' '), description: binding.description, where: where(binding) }));
}

/** A row of the `?` screen: the keys on an entry's first row, then its text. */
export interface HelpRow {
  keys: string;
  text: string;
}

/** Every row of the `?` screen in a pane `width` columns wide (its borders included). */
export function helpRows(width: number): HelpRow[] {
  const textWidth = Math.max(width - 2 - KEYS_WIDTH - 1, 10);
  return helpLines().flatMap((line) =>
    wrap(`${line.description}${line.where ? ` (${line.where})` : ''}`, textWidth).map((text, row) => ({ keys: row === 0 ? line.keys.padEnd(KEYS_WIDTH) : ' '.repeat(KEYS_WIDTH), text })),
  );
}

/** How far the `?` screen scrolls in a pane of this size: the rows that do not fit. */
export function helpOverflow(width: number, height: number): number {
  return Math.max(helpRows(width).length - Math.max(height - 2, 1), 0);
}
