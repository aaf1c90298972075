import type { StateDb } from './open.js';

/** A note the navigator of a pair session added to the mentor pane. Times are ms since the epoch. */
export interface PairNote {
  id: number;
  pairSession: string;
  repo: string;
  branch: string;
  /** The driver whose record it belongs to. */
  learner: string;
  /** Who wrote it (the navigator's name as given to `pair start --navigator`). */
  author: string;
  text: string;
  at: number;
}

export type NewPairNote = Omit<PairNote, 'id' | 'learner' | 'at'> & { at?: number };

/** Which pair notes to list: one repository, between two times (inclusive), of one pair session when given. */
export interface PairNotesQuery {
  repo: string;
  since: number;
  until: number;
  pairSession?: string;
}

export interface PairNoteLog {
  append(note: NewPairNote): number;
  list(query: PairNotesQuery): PairNote[];
}

interface PairNoteRow {
  id: number;
  pair_session: string;
  repo: string;
  branch: string;
  learner: string;
  author: string;
  text: string;
  at: number;
}

export function pairNoteLog(db: StateDb, learner: string, now: () => number): PairNoteLog {
  const insert = db.prepare('INSERT INTO pair_notes (pair_session, repo, branch, learner, author, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const select = db.prepare(`
    SELECT * FROM pair_notes WHERE learner = @learner AND repo = @repo AND at BETWEEN @since AND @until
      AND (@pairSession IS NULL OR pair_session = @pairSession)
    ORDER BY at, id
  `);
  return {
    append(note) {
      return Number(insert.run(note.pairSession, note.repo, note.branch, learner, note.author, note.text, note.at ?? now()).lastInsertRowid);
    },
    list({ repo, since, until, pairSession }) {
      return (select.all({ learner, repo, since, until, pairSession: pairSession ?? null }) as PairNoteRow[]).map((row) => ({
        id: row.id,
        pairSession: row.pair_session,
        repo: row.repo,
        branch: row.branch,
        learner: row.learner,
        author: row.author,
        text: row.text,
        at: row.at,
      }));
    },
  };
}
