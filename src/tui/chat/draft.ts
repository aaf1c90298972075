/** Edits of the chat line being typed. */
export type DraftAction = { type: 'insert'; text: string } | { type: 'backspace' } | { type: 'clear' };

/** Longest question accepted from the input line; a paste beyond it is cut. */
const MAX_DRAFT = 2000;

// Pasted text arrives as one input: newlines and control characters would break the line.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f]/g;

/** The draft after an edit: pasted newlines become spaces, control characters go, length is capped. */
export function draftReducer(draft: string, action: DraftAction): string {
  switch (action.type) {
    case 'insert':
      return (draft + action.text.replace(/\r?\n/g, ' ').replace(UNPRINTABLE, '')).slice(0, MAX_DRAFT);
    case 'backspace':
      return [...draft].slice(0, -1).join('');
    case 'clear':
      return '';
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
