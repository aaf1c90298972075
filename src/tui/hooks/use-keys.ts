import { useInput, type Key } from 'ink';
import { commandFor, keyName, type Command, type KeyArea } from '../keys.js';
import { activeArea } from '../state/area.js';
import type { Store } from '../state/store.js';

/** Areas where keys that are not commands are typed text: the chat line and the navigator's note. */
function isTextArea(area: KeyArea): area is 'chat' | 'note' {
  return area === 'chat' || area === 'note';
}

/**
 * The app's only key handler. It looks the key up in the table for the area active *now* (read
 * from the store, not from the last render) and runs the command; on the chat line, keys that
 * are not commands edit the draft. One handler means no key can reach two areas, and no key is
 * lost while a newly focused area would still be subscribing.
 */
export function useKeys(store: Store, run: (command: Command) => void): void {
  const press = (name: string, input: string, key: Key) => {
    const area = activeArea(store.getState());
    const command = commandFor(area, name);
    if (command) run(command);
    else if (!isTextArea(area)) return;
    else if (name === 'backspace') store.dispatch({ type: area === 'chat' ? 'draft' : 'note-draft', edit: { type: 'backspace' } });
    else if (input && !key.ctrl && !key.meta) store.dispatch({ type: area === 'chat' ? 'draft' : 'note-draft', edit: { type: 'insert', text: input } });
  };
  useInput((input, key) => {
    const name = keyName(input, key);
    const chars = [...input];
    if (name !== input || chars.length <= 1) return press(name, input, key);
    // Several characters in one read: fast typing (`cwhy`) or a paste. Keys until the chat line
    // has the focus, then the rest is text.
    for (const [index, char] of chars.entries()) {
      if (isTextArea(activeArea(store.getState()))) return press(chars.slice(index).join(''), chars.slice(index).join(''), key);
      press(char, char, key);
    }
  });
}
