import { createHash } from 'node:crypto';
import { ArchangelError } from '../errors/archangel-error.js';
import { formatEvidence } from '../review/render-notes.js';
import type { Evidence } from '../tutor/types.js';
import { QUIZ_OPTIONS } from './thresholds.js';

/** What a question is built from: one of the learner's notes, with the code it was about. */
export interface QuizSource {
  id: string;
  topic: string;
  path: string;
  startLine: number;
  code: string;
  evidence: Evidence[];
  dismissedAt: number | null;
}

/** A multiple-choice question: which golden convention the learner's own noted code departs from. */
export interface QuizQuestion {
  topic: string;
  noteId: string;
  /** Where the learner's code is, `src/a.ts:12`. */
  place: string;
  code: string;
  prompt: string;
  options: string[];
  /** Index of the right option in `options`. */
  answer: number;
  /** The golden evidence, shown once answered. */
  cite: string;
}

const PROMPT = 'Which habit of the golden code does this code depart from?';

/**
 * Up to `size` questions from the learner's notes, newest first, one per topic, built offline from
 * convention evidence: the right option is the note's convention, the others are other conventions
 * of the golden code (`pool`), so answering needs reading the code, not recalling the note. Choices
 * and their order are fixed by the note's id: the same record asks the same quiz, so a script can
 * print it and answer it with `--answers`.
 */
export function buildQuiz(notes: readonly QuizSource[], pool: readonly string[], size: number): QuizQuestion[] {
  const questions: QuizQuestion[] = [];
  const topics = new Set<string>();
  for (const note of notes) {
    if (questions.length >= size) break;
    const convention = note.evidence.find((e): e is Extract<Evidence, { kind: 'convention' }> => e.kind === 'convention');
    if (!convention || note.dismissedAt !== null || note.code.trim() === '' || topics.has(note.topic)) continue;
    const own = new Set(note.evidence.flatMap((e) => (e.kind === 'convention' ? [e.statement] : [])));
    const others = [...new Set(pool)].filter((statement) => !own.has(statement)).sort((a, b) => rank(note.id, a) - rank(note.id, b));
    const distractors = others.slice(0, QUIZ_OPTIONS - 1);
    if (distractors.length === 0) continue;
    const answer = rank(note.id, 'answer') % (distractors.length + 1);
    const options = [...distractors];
    options.splice(answer, 0, convention.statement);
    const golden = note.evidence.find((e) => e.kind === 'golden');
    topics.add(note.topic);
    questions.push({
      topic: note.topic,
      noteId: note.id,
      place: `${note.path}:${note.startLine}`,
      code: note.code,
      prompt: PROMPT,
      options,
      answer,
      cite: formatEvidence(golden ?? convention),
    });
  }
  return questions;
}

/** A stable pseudo-random rank of `text` for one note. */
function rank(seed: string, text: string): number {
  return createHash('sha256').update(`${seed}\u0000${text}`).digest().readUInt32BE(0);
}

/**
 * 1-based answers as typed (`2,1,3`), checked against the questions. A mismatch is a USAGE error
 * that names `given` (the flag the answers came from) and what is wrong.
 */
export function parseAnswers(text: string, questions: readonly QuizQuestion[], given: string): number[] {
  const wrong = (message: string) => new ArchangelError('USAGE', `${given}: ${message}`, { hint: 'Run `archangel quiz --json` to see the questions and their options.' });
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== questions.length) throw wrong(`${questions.length} ${questions.length === 1 ? 'answer is' : 'answers are'} needed, one per question, and ${parts.length} ${parts.length === 1 ? 'was' : 'were'} given.`);
  return parts.map((part, index) => {
    const choice = Number(part);
    const count = questions[index]!.options.length;
    if (!/^\d+$/.test(part) || choice < 1 || choice > count) throw wrong(`Answer ${index + 1} is "${part}": give an option number from 1 to ${count}.`);
    return choice - 1;
  });
}
