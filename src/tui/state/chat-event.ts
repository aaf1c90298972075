import type { WatchEvent } from '../../watch/types.js';
import type { ChatTurn, TuiState } from './types.js';

/** Turns kept in memory; the screen shows only the last few lines anyway. */
const MAX_TURNS = 100;

type ChatEvent = Extract<WatchEvent, { type: 'chat-user' | 'chat-text' | 'chat-end' | 'chat-history' }>;

function keep(turns: ChatTurn[]): ChatTurn[] {
  return turns.length > MAX_TURNS ? turns.slice(-MAX_TURNS) : turns;
}

/** Applies a chat event: the learner's question, the answer streaming in, its end, the restored history. */
export function applyChatEvent(state: TuiState, event: ChatEvent): TuiState {
  const { turns } = state.chat;
  const last = turns.at(-1);
  switch (event.type) {
    case 'chat-user':
      return { ...state, chat: { turns: keep([...turns, { role: 'user', text: event.text }]), streaming: true } };
    case 'chat-text': {
      const answering = state.chat.streaming && last?.role === 'assistant';
      const next = answering ? [...turns.slice(0, -1), { ...last, text: last.text + event.text }] : [...turns, { role: 'assistant' as const, text: event.text }];
      return { ...state, chat: { turns: keep(next), streaming: true } };
    }
    case 'chat-end': {
      if (!event.error) return { ...state, chat: { turns, streaming: false } };
      const next = last?.role === 'assistant' && state.chat.streaming ? [...turns.slice(0, -1), { ...last, error: event.error }] : [...turns, { role: 'assistant' as const, text: '', error: event.error }];
      return { ...state, chat: { turns: keep(next), streaming: false } };
    }
    case 'chat-history':
      return { ...state, chat: { ...state.chat, turns: keep([...event.messages, ...turns]) } };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
