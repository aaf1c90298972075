import type { StateDb } from './open.js';
import { toChatRecord, toHintEvent, toNoteRecord, type ChatRow, type HintEventRow, type NoteRow } from './rows.js';
import type { ChatRecord, HintEvent, NoteRecord } from './types.js';

/** One repository, between two times (ms since the epoch, inclusive). */
export interface ActivityQuery {
  repo: string;
  since: number;
  until: number;
}

/** What a learner did in a repository over a stretch of time (a pair session's summary). */
export interface Activity {
  /** Notes shown in the window (seen at least once in it), first shown first. */
  notes: NoteRecord[];
  /** Rungs climbed in the window, oldest first. */
  hints: HintEvent[];
  /** Notes dismissed in the window. */
  dismissed: NoteRecord[];
  /** The learner's chat questions in the window, oldest first. */
  questions: ChatRecord[];
}

export function activityLog(db: StateDb, learner: string): { between(query: ActivityQuery): Activity } {
  const notes = db.prepare('SELECT * FROM notes WHERE learner = @learner AND repo = @repo AND last_seen >= @since AND first_seen <= @until ORDER BY first_seen, rowid');
  const dismissed = db.prepare('SELECT * FROM notes WHERE learner = @learner AND repo = @repo AND dismissed_at BETWEEN @since AND @until ORDER BY dismissed_at, rowid');
  const hints = db.prepare(`
    SELECT h.note_id, h.level, h.at FROM hint_events h JOIN notes n ON n.learner = h.learner AND n.id = h.note_id
    WHERE h.learner = @learner AND n.repo = @repo AND h.at BETWEEN @since AND @until ORDER BY h.at, h.id
  `);
  const questions = db.prepare("SELECT * FROM chat_messages WHERE learner = @learner AND repo = @repo AND role = 'user' AND at BETWEEN @since AND @until ORDER BY id");
  return {
    between(query) {
      const params = { learner, ...query };
      return {
        notes: (notes.all(params) as NoteRow[]).map(toNoteRecord),
        hints: (hints.all(params) as HintEventRow[]).map(toHintEvent),
        dismissed: (dismissed.all(params) as NoteRow[]).map(toNoteRecord),
        questions: (questions.all(params) as ChatRow[]).map(toChatRecord),
      };
    },
  };
}
