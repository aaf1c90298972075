import { useInput } from 'ink';
import { commandFor, keyName, type Command, type KeyArea } from '../keys.js';

/**
 * The one key handler of an area (a pane or an overlay): looks each key up in the table and runs
 * its command. Only the active area's handler listens, so no key ever reaches two handlers.
 */
export function useAreaKeys(area: KeyArea, isActive: boolean, run: (command: Command) => void): void {
  useInput(
    (input, key) => {
      const command = commandFor(area, keyName(input, key));
      if (command) run(command);
    },
    { isActive },
  );
}
