import { useCallback } from 'react';
import type { WatchController } from '../../watch/types.js';
import type { Command } from '../keys.js';
import { levelOf, selectedNote } from '../state/selection.js';
import type { Store } from '../state/store.js';
import { activeArea } from '../state/area.js';

/**
 * What each command does: screen changes go to the store, learner decisions (climb, dismiss,
 * review, ask, quit) go to the controller too. Returns a stable function.
 */
export function useCommands(store: Store, controller: WatchController, quit: () => void): (command: Command) => void {
  return useCallback(
    (command: Command) => {
      const current = store.getState();
      const { dispatch } = store;
      const note = selectedNote(current);
      switch (command) {
        case 'note-next':
        case 'note-prev':
          return dispatch({ type: 'move-note', delta: command === 'note-next' ? 1 : -1 });
        case 'scroll-down':
        case 'scroll-up': {
          const delta = command === 'scroll-down' ? 1 : -1;
          const area = activeArea(current);
          return dispatch(area === 'help' ? { type: 'scroll-help', delta } : area === 'mentor' ? { type: 'scroll-mentor', delta } : { type: 'scroll-diff', delta });
        }
        case 'file-next':
        case 'file-prev':
          return dispatch({ type: 'move-file', delta: command === 'file-next' ? 1 : -1 });
        case 'hint': {
          const level = note ? levelOf(current.levels, note) : 1;
          if (!note || level >= 4) return;
          const next = (level + 1) as 2 | 3 | 4;
          controller.climb(note.id, next);
          return dispatch({ type: 'show-rung', noteId: note.id, level: next });
        }
        case 'example':
          return dispatch({ type: 'toggle-overlay', overlay: 'example' });
        case 'dismiss':
          if (!note) return;
          controller.dismiss(note.id);
          return dispatch({ type: 'dismiss', noteId: note.id });
        case 'review':
          return controller.reviewAgain();
        case 'chat':
          return dispatch({ type: 'focus', focus: 'chat' });
        case 'focus-next':
        case 'focus-prev':
          return dispatch({ type: 'cycle-focus', delta: command === 'focus-next' ? 1 : -1 });
        case 'help':
          return dispatch({ type: 'toggle-overlay', overlay: 'help' });
        case 'navigator-note':
          return dispatch({ type: 'note-open' });
        case 'save-note': {
          const text = current.noteDraft?.trim();
          if (text) controller.addNavigatorNote(text);
          return dispatch({ type: 'note-close' });
        }
        case 'progress':
          if (current.overlay !== 'progress') controller.progress();
          return dispatch({ type: 'toggle-overlay', overlay: 'progress' });
        case 'close':
          if (current.noteDraft !== undefined) return dispatch({ type: 'note-close' });
          return dispatch(current.overlay ? { type: 'close-overlay' } : { type: 'focus', focus: 'mentor' });
        case 'send': {
          const text = current.draft.trim();
          if (text) controller.ask(text, current.selectedNoteId);
          return dispatch({ type: 'draft', edit: { type: 'clear' } });
        }
        case 'quit':
          if (current.quitting) return;
          dispatch({ type: 'quitting' });
          return quit();
        default: {
          const unreachable: never = command;
          return unreachable;
        }
      }
    },
    [store, controller, quit],
  );
}
