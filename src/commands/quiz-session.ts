import { createInterface, type Interface } from 'node:readline/promises';
import type { Palette } from '../cli/terminal.js';
import type { Project } from '../config/project.js';
import { ArchangelError } from '../errors/archangel-error.js';
import { gradeModelAnswer } from '../progress/quiz-model.js';
import type { QuizQuestion } from '../progress/quiz.js';
import { formatEvidence } from '../review/render-notes.js';
import type { SessionStore } from '../session/store.js';
import type { ModelGrade, ModelQuestion } from '../tutor/claude/quiz.js';
import type { ClaudeTutor } from '../tutor/claude/tutor.js';

/**
 * Running a quiz: each question shown, answered (typed at the prompt, or given up front by a
 * script), graded, recorded in the learner's record, and the verdict shown. Multiple choice is
 * graded here against the convention evidence; a free answer is graded by the model.
 */

/** Where the quiz talks: `output` undefined prints nothing (JSON mode); `input` is read only when no answers were given. */
export interface QuizIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream | undefined;
  palette: Palette;
}

export type ChoiceResult = QuizQuestion & { chosen: number; correct: boolean };

export type FreeTextResult = Pick<ModelQuestion, 'text'> & Pick<ModelGrade, 'verdict' | 'feedback'> & { topic: string; noteId: string; place: string; code: string; answer: string; cited: string[] };

/** Multiple choice: `answers` (0-based option indexes, one per question) or typed at the prompt. */
export async function choiceQuiz(session: SessionStore, questions: QuizQuestion[], io: QuizIo, answers?: number[]): Promise<ChoiceResult[]> {
  const results: ChoiceResult[] = [];
  await withPrompt(io, answers === undefined, async (prompt) => {
    for (const [index, question] of questions.entries()) {
      write(io, `\n${choiceText(question, index, io.palette)}`);
      let pick = answers?.[index];
      while (pick === undefined) {
        const typed = (await prompt(`Your answer (1-${question.options.length}): `)).trim();
        const number = Number(typed);
        if (/^\d+$/.test(typed) && number >= 1 && number <= question.options.length) pick = number - 1;
      }
      const correct = pick === question.answer;
      session.recordQuizAnswer({ topic: question.topic, noteId: question.noteId, question: `${question.place}: ${question.prompt}`, answer: question.options[pick]!, correct, grader: 'offline' });
      const verdict = correct ? io.palette.green('Right.') : io.palette.yellow(`Not quite: it was ${question.answer + 1}, "${question.options[question.answer]}".`);
      write(io, `${verdict}\n  ${io.palette.dim(question.cite)}\n`);
      results.push({ ...question, chosen: pick, correct });
    }
  });
  return results;
}

/**
 * Free answers graded by the model: `answers` (one per question) or typed at the prompt. A grade
 * that cannot be had ends the quiz with one line; that answer is not recorded, the earlier ones are.
 */
export async function freeTextQuiz(session: SessionStore, claude: ClaudeTutor, project: Project, questions: ModelQuestion[], io: QuizIo, answers?: string[]): Promise<{ results: FreeTextResult[]; failure?: string }> {
  const results: FreeTextResult[] = [];
  let failure: string | undefined;
  await withPrompt(io, answers === undefined, async (prompt) => {
    for (const [index, question] of questions.entries()) {
      const { subject } = question;
      const place = `${subject.path}:${subject.startLine}`;
      write(io, `\n${io.palette.bold(`${index + 1}. ${place}`)}\n${io.palette.dim(shownCode(subject.code))}\n${question.text}\n`);
      let answer = answers?.[index];
      while (answer === undefined || answer === '') answer = (await prompt('Your answer: ')).trim();
      const graded = await gradeModelAnswer(claude, project, question, answer);
      if (!graded.ok) {
        failure = `${graded.failure} This answer was not graded or recorded.`;
        write(io, `${io.palette.yellow(failure)}\n`);
        return;
      }
      const { verdict, feedback, cited } = graded.value;
      session.recordQuizAnswer({ topic: subject.topic, noteId: subject.noteId, question: `${place}: ${question.text}`, answer, correct: verdict === 'right', verdict, feedback, grader: project.config.model.feedback });
      const mark = verdict === 'right' ? io.palette.green('Right.') : verdict === 'partly' ? io.palette.yellow('Partly.') : io.palette.yellow('Not quite.');
      const labels = cited.map((e) => formatEvidence(e));
      write(io, `${mark} ${feedback}\n${labels.map((label) => `  ${io.palette.dim(label)}\n`).join('')}`);
      results.push({ topic: subject.topic, noteId: subject.noteId, place, code: subject.code, text: question.text, answer, verdict, feedback, cited: labels });
    }
  });
  return failure === undefined ? { results } : { results, failure };
}

/** A multiple-choice question as shown: where, the learner's code, the question, numbered options. */
export function choiceText(question: QuizQuestion, index: number, p: Palette): string {
  const options = question.options.map((option, i) => `  ${i + 1}. ${option}`).join('\n');
  return `${p.bold(`${index + 1}. ${question.place}`)}\n${p.dim(shownCode(question.code))}\n${question.prompt}\n${options}\n`;
}

/** Lines of the learner's code a question shows: a long function is recognised by its start, and by how much follows. */
const SHOWN_CODE_LINES = 12;

/** The learner's code indented under its question, clipped to SHOWN_CODE_LINES with a count of the rest. */
function shownCode(code: string): string {
  const lines = code.split('\n');
  const shown = lines.slice(0, SHOWN_CODE_LINES).map((line) => `    ${line}`);
  const rest = lines.length - SHOWN_CODE_LINES;
  return [...shown, ...(rest > 0 ? [`    … ${rest} more line${rest > 1 ? 's' : ''}`] : [])].join('\n');
}

/**
 * Runs `body` with a line prompt on the quiz's terminal when `interactive`, closing it afterwards.
 * Input that ends before the quiz does (Ctrl-D, a closed pipe) ends it: what was answered is kept.
 */
async function withPrompt(io: QuizIo, interactive: boolean, body: (prompt: (text: string) => Promise<string>) => Promise<void>): Promise<void> {
  const rl: Interface | undefined = interactive ? createInterface({ input: io.input, ...(io.output ? { output: io.output } : {}) }) : undefined;
  const ended = new Promise<never>((_resolve, reject) => rl?.once('close', () => reject(new ArchangelError('INTERRUPTED', 'The quiz input ended before every question was answered.', { hint: 'The answers given so far are recorded; run `archangel quiz` again for more.' }))));
  ended.catch(() => undefined);
  try {
    await body((text) => {
      if (!rl) throw new ArchangelError('INTERNAL', 'The quiz asked for an answer it had been given.');
      return Promise.race([rl.question(text), ended]);
    });
  } finally {
    rl?.close();
  }
}

function write(io: QuizIo, text: string): void {
  io.output?.write(text);
}
