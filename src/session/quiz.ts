import type { StateDb } from './open.js';
import type { NewQuizAnswer, QuizAnswerRecord } from './types.js';

/** One learner's quiz answers: each a topic, the question asked, what was answered, and whether it was right. */
export interface QuizLog {
  record(answer: NewQuizAnswer): number;
  /** Answers at or after `since` (ms), oldest first; one topic when given. */
  history(query: { since?: number; topic?: string }): QuizAnswerRecord[];
}

interface QuizRow {
  id: number;
  topic: string;
  note_id: string | null;
  question: string;
  answer: string;
  correct: number;
  verdict: QuizAnswerRecord['verdict'];
  feedback: string | null;
  grader: string;
  at: number;
}

export function quizLog(db: StateDb, learner: string, now: () => number): QuizLog {
  const insert = db.prepare(`
    INSERT INTO quiz_answers (learner, topic, note_id, question, answer, correct, verdict, feedback, grader, at)
    VALUES (@learner, @topic, @noteId, @question, @answer, @correct, @verdict, @feedback, @grader, @at)
  `);
  const all = db.prepare('SELECT * FROM quiz_answers WHERE learner = ? AND at >= ? ORDER BY at, id');
  const byTopic = db.prepare('SELECT * FROM quiz_answers WHERE learner = ? AND topic = ? AND at >= ? ORDER BY at, id');
  const toRecord = (row: QuizRow): QuizAnswerRecord => ({
    id: row.id,
    topic: row.topic,
    noteId: row.note_id,
    question: row.question,
    answer: row.answer,
    correct: row.correct === 1,
    verdict: row.verdict,
    feedback: row.feedback,
    grader: row.grader,
    at: row.at,
  });
  return {
    record(answer) {
      const result = insert.run({
        learner,
        topic: answer.topic,
        noteId: answer.noteId ?? null,
        question: answer.question,
        answer: answer.answer,
        correct: answer.correct ? 1 : 0,
        verdict: answer.verdict ?? null,
        feedback: answer.feedback ?? null,
        grader: answer.grader,
        at: answer.at ?? now(),
      });
      return Number(result.lastInsertRowid);
    },
    history({ since = 0, topic }) {
      const rows = (topic === undefined ? all.all(learner, since) : byTopic.all(learner, topic, since)) as QuizRow[];
      return rows.map(toRecord);
    },
  };
}
