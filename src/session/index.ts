/**
 * Session: the learner's record in `.archangel/state.db`. Every review, every note given (with its
 * topic, code, the rungs climbed, dismissal and resolution) and chat history per repository and
 * branch, kept apart per learner. Progress features read it through `noteHistory` and `hintEvents`.
 */
export { openSessionStore } from './store.js';
export type { SessionStore, SessionStoreOptions } from './store.js';
export { currentLearner, fallbackLearner } from './learner.js';
export { topicCategory } from './topic.js';
export { DEFAULT_CHAT_LIMIT } from './chat.js';
export type {
  ChatHistoryQuery,
  ChatRecord,
  HintEvent,
  NewChatMessage,
  NoteHistoryQuery,
  NoteRecord,
  OpenNotesQuery,
  ReviewFinish,
  ReviewRecord,
  ReviewStart,
} from './types.js';
