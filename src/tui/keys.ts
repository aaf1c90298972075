import type { Key } from 'ink';

/**
 * Key bindings as data: the one place that says which key does what, where. The input hooks look
 * commands up here, the footer and the `?` help screen are generated from it.
 */

/** Where keys go: a focused pane, the chat line, an overlay drawn over the panes, or the error that stopped the session. */
export type KeyArea = 'changes' | 'mentor' | 'chat' | 'note' | 'help' | 'example' | 'progress' | 'fatal';

/** A binding's key that stands for every key. */
export const ANY_KEY = 'any';

export type Command =
  | 'note-next' | 'note-prev' | 'scroll-down' | 'scroll-up' | 'file-next' | 'file-prev'
  | 'hint' | 'example' | 'dismiss' | 'review' | 'chat' | 'focus-next' | 'focus-prev'
  | 'help' | 'progress' | 'send' | 'close' | 'quit' | 'navigator-note' | 'save-note';

export interface Binding {
  command: Command;
  /** Key names as `keyName` returns them: `j`, `J`, `down`, `pagedown`, `tab`, `shift+tab`, `return`, `escape`, `ctrl+c`. */
  keys: readonly string[];
  areas: readonly KeyArea[];
  description: string;
  /** Left out of the footer's reminder (the pane that needs it says so itself); `?` still lists it. */
  footer?: false;
}

const PANES: readonly KeyArea[] = ['changes', 'mentor'];

/** Every binding. Within one area a key appears at most once (a test checks it). */
export const KEY_TABLE: readonly Binding[] = [
  { command: 'note-next', keys: ['j', 'down'], areas: ['mentor'], description: 'next note' },
  { command: 'note-prev', keys: ['k', 'up'], areas: ['mentor'], description: 'previous note' },
  { command: 'scroll-down', keys: ['j', 'down'], areas: ['changes'], description: 'scroll the diff down' },
  { command: 'scroll-up', keys: ['k', 'up'], areas: ['changes'], description: 'scroll the diff up' },
  { command: 'scroll-down', keys: ['J', 'pagedown'], areas: ['mentor'], description: 'scroll the mentor pane down (a long note)', footer: false },
  { command: 'scroll-up', keys: ['K', 'pageup'], areas: ['mentor'], description: 'scroll the mentor pane up', footer: false },
  { command: 'scroll-down', keys: ['j', 'down', 'pagedown'], areas: ['help'], description: 'scroll this list down, when it is longer than the screen' },
  { command: 'scroll-up', keys: ['k', 'up', 'pageup'], areas: ['help'], description: 'scroll this list up' },
  { command: 'file-next', keys: [']'], areas: PANES, description: 'next changed file' },
  { command: 'file-prev', keys: ['['], areas: PANES, description: 'previous changed file' },
  { command: 'hint', keys: ['h'], areas: [...PANES, 'example'], description: 'next hint for the selected note' },
  { command: 'example', keys: ['e'], areas: [...PANES, 'example'], description: 'golden example beside your lines (toggle)' },
  { command: 'dismiss', keys: ['d'], areas: PANES, description: 'dismiss the selected note for good' },
  { command: 'review', keys: ['r'], areas: PANES, description: 'review the whole diff again' },
  { command: 'chat', keys: ['c', '/'], areas: PANES, description: 'ask about this diff' },
  { command: 'navigator-note', keys: ['n'], areas: PANES, description: 'pair sessions: the navigator adds a note to the mentor pane' },
  { command: 'send', keys: ['return'], areas: ['chat'], description: 'send the question' },
  { command: 'save-note', keys: ['return'], areas: ['note'], description: 'add the navigator\'s note' },
  { command: 'focus-next', keys: ['tab'], areas: [...PANES, 'chat'], description: 'focus the next pane' },
  { command: 'focus-prev', keys: ['shift+tab'], areas: [...PANES, 'chat'], description: 'focus the previous pane' },
  { command: 'help', keys: ['?'], areas: [...PANES, 'help'], description: 'show or hide this help' },
  { command: 'progress', keys: ['p'], areas: [...PANES, 'progress'], description: 'your progress: what recurs, what is mastered, what next' },
  { command: 'close', keys: ['escape'], areas: ['chat', 'note', 'help', 'example', 'progress'], description: 'leave the chat or close the overlay (or the note being typed)' },
  { command: 'quit', keys: ['q', 'ctrl+c'], areas: [...PANES, 'help', 'example', 'progress'], description: 'quit' },
  { command: 'quit', keys: ['ctrl+c'], areas: ['chat', 'note'], description: 'quit' },
  { command: 'quit', keys: [ANY_KEY], areas: ['fatal'], description: 'quit, once the error that stopped the session is read' },
];

const SYMBOLS: Readonly<Record<string, string>> = { down: '↓', up: '↑', pagedown: 'PgDn', pageup: 'PgUp', tab: 'Tab', 'shift+tab': 'S-Tab', return: 'Enter', escape: 'Esc', 'ctrl+c': 'C-c', [ANY_KEY]: 'any key' };

/** A key name as people read it: `↓`, `Enter`, `C-c`. */
export function keyLabel(key: string): string {
  return SYMBOLS[key] ?? key;
}

/** The name of a key press, as the table spells it. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input}`;
  return input;
}

/** The command a key runs in an area, if any. */
export function commandFor(area: KeyArea, name: string): Command | undefined {
  return KEY_TABLE.find((binding) => binding.areas.includes(area) && (binding.keys.includes(name) || binding.keys.includes(ANY_KEY)))?.command;
}

/** The bindings of an area, in table order. */
export function bindingsFor(area: KeyArea): Binding[] {
  return KEY_TABLE.filter((binding) => binding.areas.includes(area));
}
