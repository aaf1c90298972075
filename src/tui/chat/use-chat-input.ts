import { useInput } from 'ink';
import { useReducer } from 'react';
import { commandFor, keyName, type Command } from '../keys.js';
import { draftReducer } from './draft.js';

export interface ChatInputOptions {
  isActive: boolean;
  /** Sends a question (trimmed, never empty). */
  onSend: (text: string) => void;
  /** Runs any other command of the chat area (leave, focus, quit). */
  onCommand: (command: Command) => void;
}

/** The chat line's owner of keys: Enter sends, table commands run, everything else is typed. */
export function useChatInput({ isActive, onSend, onCommand }: ChatInputOptions): string {
  const [draft, dispatch] = useReducer(draftReducer, '');
  useInput(
    (input, key) => {
      const name = keyName(input, key);
      const command = commandFor('chat', name);
      if (command === 'send') {
        const text = draft.trim();
        if (text) onSend(text);
        dispatch({ type: 'clear' });
      } else if (command) onCommand(command);
      else if (name === 'backspace') dispatch({ type: 'backspace' });
      else if (input && !key.ctrl && !key.meta) dispatch({ type: 'insert', text: input });
    },
    { isActive },
  );
  return draft;
}
