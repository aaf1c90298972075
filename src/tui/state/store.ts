import { reducer } from './reducer.js';
import type { Action, TuiState } from './types.js';

/** The screen state outside React, so a key handler always reads the state the previous key left. */
export interface Store {
  getState(): TuiState;
  dispatch(action: Action): void;
  subscribe(listener: () => void): () => void;
}

/**
 * A tiny store for `useSyncExternalStore`. React state would only be current after a render, and
 * the next key can arrive before that: the first letter typed right after `c` went to the pane.
 */
export function createStore(initial: TuiState): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
