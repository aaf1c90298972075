import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { palette } from '../../src/cli/terminal.js';
import { choiceQuiz, choiceText } from '../../src/commands/quiz-session.js';
import { buildQuiz, type QuizQuestion } from '../../src/progress/quiz.js';
import { openSessionStore, type SessionStore } from '../../src/session/store.js';
import { fromNodeModules } from '../helpers/corpus.js';
import { removeTempDirs } from '../helpers/git.js';
import { codeOf, note, review, statePath } from '../session/fixtures.js';

afterAll(removeTempDirs);

const POOL = ['Functions are camelCase', 'Variables are declared with let/const, never var', 'Imports use the .js extension', 'Errors are classes ending in Error'];

/** A record with two noted topics, and the multiple-choice quiz built from it. */
function setup(): { store: SessionStore; questions: QuizQuestion[] } {
  const store = openSessionStore(statePath(), { learner: 'ada@x.org' });
  const naming = note('n1', { topic: 'ts.naming.function', path: 'src/names.ts', evidence: [{ kind: 'convention', id: 'c2', ruleId: 'ts.naming.function', statement: POOL[0]!, support: 520, confidence: 0.99, examples: [] }] });
  store.recordNotes(store.startReview(review()), [note('e1'), naming], codeOf);
  const questions = buildQuiz(store.noteHistory(), POOL, 3);
  expect(questions).toHaveLength(2);
  return { store, questions };
}

/**
 * A terminal on streams: each time the quiz prompts, the next typed line is sent, as a person
 * would type it after reading the prompt. Returns everything the quiz wrote.
 */
function terminal(typed: string[], endAfterTyping = false): { input: PassThrough; output: PassThrough; shown: () => string } {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.setEncoding('utf8').on('data', (chunk: string) => {
    shown += chunk;
    if (!chunk.includes('Your answer')) return;
    const line = typed.shift();
    if (line !== undefined) setImmediate(() => input.write(`${line}\n`));
    else if (endAfterTyping) setImmediate(() => input.end());
  });
  return { input, output, shown: () => shown };
}

describe('the interactive multiple-choice quiz (real readline)', () => {
  it('asks each question, re-asks after an answer that is no option, grades and records the answers', async () => {
    const { store, questions } = setup();
    const [first, second] = questions as [QuizQuestion, QuizQuestion];
    const wrongForSecond = (second.answer + 1) % second.options.length;
    const term = terminal(['9', 'two', String(first.answer + 1), String(wrongForSecond + 1)]);
    try {
      const results = await choiceQuiz(store, questions, { input: term.input, output: term.output, palette: palette(false) });
      expect(results.map((r) => r.correct)).toEqual([true, false]);
      const shown = term.shown();
      expect(shown.match(/Your answer \(1-3\): /g)).toHaveLength(4);
      expect(shown).toContain(first.prompt);
      expect(shown).toContain('Right.');
      expect(shown).toContain(`Not quite: it was ${second.answer + 1}, "${second.options[second.answer]}".`);
      const stored = store.quizHistory();
      expect(stored.map((a) => [a.topic, a.correct, a.answer, a.grader])).toEqual([
        [first.topic, true, first.options[first.answer], 'offline'],
        [second.topic, false, second.options[wrongForSecond], 'offline'],
      ]);
    } finally {
      store.close();
    }
  });

  it('ends with INTERRUPTED when the input ends mid-quiz, keeping the answers already given', async () => {
    const { store, questions } = setup();
    const term = terminal([String(questions[0]!.answer + 1)], true);
    try {
      await expect(choiceQuiz(store, questions, { input: term.input, output: term.output, palette: palette(false) })).rejects.toMatchObject({ code: 'INTERRUPTED' });
      expect(store.quizHistory().map((a) => a.correct)).toEqual([true]);
    } finally {
      store.close();
    }
  });

  it('shows the start of a long function and how much follows, not all of it', () => {
    const code = fromNodeModules('commander/lib/command.js').toString('utf8').split('\n').slice(0, 150).join('\n');
    const question: QuizQuestion = { topic: 'ts.size.function-lines', noteId: 'n9', place: 'src/command.ts:1', code, prompt: 'Which habit?', options: ['a', 'b'], answer: 0, cite: '' };
    const shown = choiceText(question, 0, palette(false)).split('\n');
    expect(shown.filter((line) => line.startsWith('    '))).toHaveLength(13);
    expect(shown).toContain('    … 138 more lines');
    expect(shown.slice(1, 3)).toEqual(code.split('\n').slice(0, 2).map((line) => `    ${line}`));
  });
});
