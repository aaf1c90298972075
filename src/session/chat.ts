import type { StateDb } from './open.js';
import { toChatRecord, type ChatRow } from './rows.js';
import type { ChatHistoryQuery, ChatRecord, NewChatMessage } from './types.js';

/** How many turns `chatHistory` brings back by default: more than a screen, less than a novel. */
export const DEFAULT_CHAT_LIMIT = 200;

/** Chat turns per learner, repository and branch, in the order they were written. */
export interface ChatLog {
  append(message: NewChatMessage): number;
  history(query: ChatHistoryQuery): ChatRecord[];
}

export function chatLog(db: StateDb, learner: string, now: () => number): ChatLog {
  const insert = db.prepare(`
    INSERT INTO chat_messages (repo, branch, learner, role, text, note_id, citations, at, tutor, input_tokens, output_tokens, cost_usd, model)
    VALUES (@repo, @branch, @learner, @role, @text, @noteId, @citations, @at, @tutor, @inputTokens, @outputTokens, @costUsd, @model)
  `);
  // The newest `limit` turns, then put back in order. The id, not the clock, orders them: it
  // follows commit order even when two turns share a millisecond or two processes write.
  const select = db.prepare(`
    SELECT * FROM (
      SELECT * FROM chat_messages WHERE learner = ? AND repo = ? AND branch = ? ORDER BY id DESC LIMIT ?
    ) ORDER BY id
  `);

  return {
    append(message) {
      const result = insert.run({
        repo: message.repo,
        branch: message.branch,
        learner: message.learner ?? learner,
        role: message.role,
        text: message.text,
        noteId: message.noteId ?? null,
        citations: JSON.stringify(message.citations ?? []),
        at: message.at ?? now(),
        tutor: message.tutor ?? null,
        inputTokens: message.usage?.inputTokens ?? null,
        outputTokens: message.usage?.outputTokens ?? null,
        costUsd: message.usage?.costUsd ?? null,
        model: message.usage?.model ?? null,
      });
      return Number(result.lastInsertRowid);
    },
    history({ repo, branch, learner: who = learner, limit = DEFAULT_CHAT_LIMIT }) {
      return (select.all(who, repo, branch, limit) as ChatRow[]).map(toChatRecord);
    },
  };
}
