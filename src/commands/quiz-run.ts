import { readFileSync } from 'node:fs';
import { palette, terminalCaps, type Palette } from '../cli/terminal.js';
import { openProject, type Project } from '../config/project.js';
import { loadProfile } from '../conventions/load-profile.js';
import { ArchangelError, isArchangelError, messageOf } from '../errors/archangel-error.js';
import { buildQuiz, parseAnswers, type QuizQuestion } from '../progress/quiz.js';
import { askModelQuestions, quizSubjects } from '../progress/quiz-model.js';
import { openLearnerRecord } from '../progress/record.js';
import { QUIZ_SIZE } from '../progress/thresholds.js';
import { formatEvidence } from '../review/render-notes.js';
import type { SessionStore } from '../session/store.js';
import { createClaudeTutor, type ClaudeTutor } from '../tutor/claude/tutor.js';
import type { QuizFlags } from './quiz.js';
import { choiceQuiz, choiceText, freeTextQuiz, type QuizIo } from './quiz-session.js';

/** Notes read to find questions: recent enough to be about the learner's current habits. */
const RECENT_NOTES = 200;

export async function quizCommand(flags: QuizFlags): Promise<number> {
  const size = flags.count === undefined ? QUIZ_SIZE : Number(flags.count);
  if (!Number.isInteger(size) || size < 1 || size > 20) throw new ArchangelError('USAGE', `--count "${flags.count}" is not a number of questions from 1 to 20.`, { hint: 'For example: archangel quiz -n 5' });
  if (flags.answers !== undefined && flags.answersFile !== undefined) throw new ArchangelError('USAGE', '--answers and --answers-file cannot be used together.', { hint: 'Give option numbers with --answers, or one answer per line with --answers-file.' });
  const project = await openProject();
  const { session } = openLearnerRecord(project);
  if (!session) return noQuiz(flags, 'No history yet in this repository: the questions come from your own notes, so run `archangel watch` or `archangel review` first.');
  const lines = flags.answersFile === undefined ? undefined : answerLines(flags.answersFile);
  const interactive = lines === undefined && flags.answers === undefined && process.stdin.isTTY === true && !flags.json;
  const io: QuizIo = { input: process.stdin, output: flags.json ? undefined : process.stdout, palette: palette(terminalCaps(process.stdout).color) };
  try {
    const notes = session.noteHistory({ limit: RECENT_NOTES });
    // Free answers need someone (or a file) to write them: a model quiz runs at a terminal or with
    // --answers-file; --json alone lists its questions for a script to show.
    if (!flags.offline && flags.answers === undefined && (interactive || lines !== undefined || flags.json)) {
      const done = await modelQuiz(project, session, notes, size, io, lines, !interactive && lines === undefined);
      if (done !== undefined) return done;
    }
    const questions = buildQuiz(notes, conventionPool(project, notes), size);
    if (questions.length === 0) return noQuiz(flags, 'No quiz yet: none of your recent notes rests on a learned convention with code to ask about.');
    const given = flags.answers ?? lines?.join(',');
    if (given === undefined && !interactive) {
      printQuestions(questions, flags, io.palette);
      return 0;
    }
    const results = await choiceQuiz(session, questions, io, given === undefined ? undefined : choices(given, questions, flags));
    const right = results.filter((r) => r.correct).length;
    if (flags.json) process.stdout.write(`${JSON.stringify({ mode: 'choice', questions: results, right, total: results.length }, null, 2)}\n`);
    else process.stdout.write(`\n${right} of ${results.length} right. \`archangel progress\` shows where that leaves each topic.\n`);
    return 0;
  } finally {
    session.close();
  }
}

/**
 * The quiz with free answers graded by the model, when one is configured. Undefined when it cannot
 * run (no key, no subject, the model failing before the first question): the reason is one line on
 * stderr and the caller runs the multiple choice instead.
 */
async function modelQuiz(project: Project, session: SessionStore, notes: Parameters<typeof quizSubjects>[1], size: number, io: QuizIo, lines: string[] | undefined, listOnly: boolean): Promise<number | undefined> {
  const subjects = await quizSubjects(project, notes, size);
  if (subjects.length === 0) return undefined;
  let claude: ClaudeTutor;
  try {
    claude = await createClaudeTutor(project.config, { projectRoot: project.root });
  } catch (error) {
    if (!isArchangelError(error) || error.code !== 'PROVIDER') throw error;
    return fallBack(error.message);
  }
  const asked = await askModelQuestions(claude, project, subjects);
  if (!asked.ok) return fallBack(asked.failure);
  const questions = asked.value;
  if (listOnly) {
    // One request, as at a terminal; nothing is graded or recorded until the answers come.
    const listed = questions.map(({ subject, text, evidence }) => ({ topic: subject.topic, noteId: subject.noteId, place: `${subject.path}:${subject.startLine}`, code: subject.code, text, cited: evidence.map((e) => formatEvidence(e)) }));
    process.stdout.write(`${JSON.stringify({ mode: 'model', questions: listed }, null, 2)}\n`);
    return 0;
  }
  if (lines !== undefined && lines.length < questions.length) {
    throw new ArchangelError('USAGE', `--answers-file has ${lines.length} ${lines.length === 1 ? 'answer' : 'answers'} and the quiz asked ${questions.length} questions.`, { hint: 'Write one answer per line, in question order.' });
  }
  const { results, failure } = await freeTextQuiz(session, claude, project, questions, io, lines);
  const right = results.filter((r) => r.verdict === 'right').length;
  if (io.output === undefined) process.stdout.write(`${JSON.stringify({ mode: 'model', questions: results, right, total: results.length, ...(failure ? { failure } : {}) }, null, 2)}\n`);
  else process.stdout.write(`\n${right} of ${results.length} right. \`archangel progress\` shows where that leaves each topic.\n`);
  return failure === undefined ? 0 : 6;
}

/** The one line saying why the model quiz is not run; the multiple choice follows. */
function fallBack(reason: string): undefined {
  const err = palette(terminalCaps(process.stderr).color);
  process.stderr.write(`${err.yellow('note:')} ${reason} Multiple choice instead.\n`);
  return undefined;
}

/** `--answers-file`: one answer per line (blank lines skipped); `-` reads them from stdin. */
function answerLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new ArchangelError('FILE_UNREADABLE', `--answers-file ${file} could not be read (${messageOf(error)}).`, { hint: 'Give a file with one answer per line, or - to read them from stdin.', cause: error });
  }
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

function choices(text: string, questions: QuizQuestion[], flags: QuizFlags): number[] {
  return parseAnswers(text, questions, flags.answersFile === undefined ? `--answers "${text}"` : `--answers-file ${flags.answersFile}`);
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

function printQuestions(questions: QuizQuestion[], flags: QuizFlags, p: Palette): void {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ mode: 'choice', questions: questions.map(({ answer: _answer, cite: _cite, ...rest }) => rest) }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${questions.map((q, i) => choiceText(q, i, p)).join('\n')}\nAnswer with: archangel quiz --answers ${questions.map(() => 'N').join(',')}\n`);
}
