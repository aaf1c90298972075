import { createInterface } from 'node:readline/promises';
import { palette, terminalCaps, type Palette } from '../cli/terminal.js';
import { openProject, type Project } from '../config/project.js';
import { loadProfile } from '../conventions/load-profile.js';
import { ArchangelError, isArchangelError } from '../errors/archangel-error.js';
import { buildQuiz, parseAnswers, type QuizQuestion } from '../progress/quiz.js';
import { openLearnerRecord } from '../progress/record.js';
import { QUIZ_SIZE } from '../progress/thresholds.js';
import type { SessionStore } from '../session/store.js';
import type { QuizFlags } from './quiz.js';

/** Notes read to find questions: recent enough to be about the learner's current habits. */
const RECENT_NOTES = 200;

export async function quizCommand(flags: QuizFlags): Promise<number> {
  const size = flags.count === undefined ? QUIZ_SIZE : Number(flags.count);
  if (!Number.isInteger(size) || size < 1 || size > 20) throw new ArchangelError('USAGE', `--count "${flags.count}" is not a number of questions from 1 to 20.`, { hint: 'For example: archangel quiz -n 5' });
  const project = openProject();
  const { session } = openLearnerRecord(project);
  const p = palette(terminalCaps(process.stdout).color);
  if (!session) return noQuiz(flags, 'No history yet in this repository: the questions come from your own notes, so run `archangel watch` or `archangel review` first.');
  try {
    const notes = session.noteHistory({ limit: RECENT_NOTES });
    const questions = buildQuiz(notes, conventionPool(project, notes), size);
    if (questions.length === 0) return noQuiz(flags, 'No quiz yet: none of your recent notes rests on a learned convention with code to ask about.');
    let chosen: number[];
    if (flags.answers !== undefined) {
      chosen = answersFrom(flags.answers, questions);
    } else if (process.stdin.isTTY && !flags.json) {
      chosen = await askEach(questions, p);
    } else {
      printQuestions(questions, flags, p);
      return 0;
    }
    const results = grade(session, questions, chosen);
    if (flags.json) process.stdout.write(`${JSON.stringify({ questions: results, right: results.filter((r) => r.correct).length, total: results.length }, null, 2)}\n`);
    else if (flags.answers !== undefined) for (const result of results) printVerdict(result, p);
    const right = results.filter((r) => r.correct).length;
    if (!flags.json) process.stdout.write(`\n${right} of ${results.length} right. \`archangel progress\` shows where that leaves each topic.\n`);
    return 0;
  } finally {
    session.close();
  }
}

type Graded = QuizQuestion & { chosen: number; correct: boolean };

function grade(session: SessionStore, questions: QuizQuestion[], chosen: number[]): Graded[] {
  return questions.map((question, index) => {
    const pick = chosen[index]!;
    const correct = pick === question.answer;
    session.recordQuizAnswer({ topic: question.topic, noteId: question.noteId, question: `${question.place}: ${question.prompt}`, answer: question.options[pick]!, correct, grader: 'offline' });
    return { ...question, chosen: pick, correct };
  });
}

function answersFrom(text: string, questions: QuizQuestion[]): number[] {
  try {
    return parseAnswers(text, questions);
  } catch (error) {
    throw new ArchangelError('USAGE', `--answers "${text}": ${(error as Error).message}`, { hint: 'Run `archangel quiz --json` to see the questions and their options.' });
  }
}

/** Statements of the golden conventions, for the wrong options; from the notes' own evidence when there is no index. */
function conventionPool(project: Project, notes: ReadonlyArray<{ evidence: Array<{ kind: string; statement?: string }> }>): string[] {
  const fromNotes = notes.flatMap((note) => note.evidence.flatMap((e) => (e.kind === 'convention' && e.statement ? [e.statement] : [])));
  try {
    return [...loadProfile(project.indexPath).conventions.filter((c) => c.enforced).map((c) => c.statement), ...fromNotes];
  } catch (error) {
    if (isArchangelError(error) && error.code.startsWith('INDEX_')) return fromNotes;
    throw error;
  }
}

function noQuiz(flags: QuizFlags, message: string): number {
  if (flags.json) process.stdout.write(`${JSON.stringify({ questions: [], message }, null, 2)}\n`);
  else process.stdout.write(`${message}\n`);
  return 0;
}

function questionText(question: QuizQuestion, index: number, p: Palette): string {
  const code = question.code.split('\n').map((line) => `    ${line}`).join('\n');
  const options = question.options.map((option, i) => `  ${i + 1}. ${option}`).join('\n');
  return `${p.bold(`${index + 1}. ${question.place}`)}\n${p.dim(code)}\n${question.prompt}\n${options}\n`;
}

function printQuestions(questions: QuizQuestion[], flags: QuizFlags, p: Palette): void {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ questions: questions.map(({ answer: _answer, cite: _cite, ...rest }) => rest) }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${questions.map((q, i) => questionText(q, i, p)).join('\n')}\nAnswer with: archangel quiz --answers ${questions.map(() => 'N').join(',')}\n`);
}

function printVerdict(result: Graded, p: Palette): void {
  const verdict = result.correct ? p.green('Right.') : p.yellow(`Not quite: it was ${result.answer + 1}, "${result.options[result.answer]}".`);
  process.stdout.write(`${result.place}  ${verdict}\n  ${p.dim(result.cite)}\n`);
}

async function askEach(questions: QuizQuestion[], p: Palette): Promise<number[]> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const chosen: number[] = [];
  try {
    for (const [index, question] of questions.entries()) {
      process.stdout.write(`\n${questionText(question, index, p)}`);
      let pick: number | undefined;
      while (pick === undefined) {
        const typed = (await rl.question(`Your answer (1-${question.options.length}): `)).trim();
        const number = Number(typed);
        if (/^\d+$/.test(typed) && number >= 1 && number <= question.options.length) pick = number - 1;
      }
      chosen.push(pick);
      printVerdict({ ...question, chosen: pick, correct: pick === question.answer }, p);
    }
  } finally {
    rl.close();
  }
  return chosen;
}
