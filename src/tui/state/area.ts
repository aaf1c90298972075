import type { KeyArea } from '../keys.js';
import type { TuiState } from './types.js';

/** The area that receives keys: the error that stopped the session, an open overlay, else the focused pane or the chat line. */
export function activeArea(state: TuiState): KeyArea {
  if (state.fatal) return 'fatal';
  if (state.noteDraft !== undefined) return 'note';
  return state.overlay ?? state.focus;
}
