import type { Command } from 'commander';

export interface QuizFlags {
  answers?: string;
  answersFile?: string;
  offline?: boolean;
  json?: boolean;
  count?: string;
}

/** `archangel quiz`: a few questions from your own recent notes, graded, feeding the learner model. */
export function register(program: Command): void {
  program
    .command('quiz')
    .description('Answer a few questions built from your own recent notes and the golden code; right answers count towards mastery.')
    .option('--answers <list>', 'multiple choice without prompting: option numbers in question order, e.g. 2,1,3')
    .option('--answers-file <file>', 'answer without prompting: one answer per line, in question order (- reads stdin)')
    .option('--offline', 'multiple choice even when a model is configured')
    .option('-n, --count <n>', 'how many questions (default 3)')
    .option('--json', 'print the questions (and, with answers, the grading) as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel quiz                        asks in the terminal, one question at a time
  $ archangel quiz --json                 prints the questions for a script (the model's when one is configured)
  $ archangel quiz --answers 2,1,3        grades these choices and records them
  $ archangel quiz --answers-file a.txt   answers from a file, one per line
  $ printf 'b\\na\\n' | archangel quiz --answers-file -

Each question shows code you wrote that a note was about, set against the golden code. With a
model configured (ANTHROPIC_API_KEY, see \`archangel review\`), Claude asks why the golden code
does what it does there, you answer in your own words, and it grades the answer against the
golden evidence (right, partly, wrong; one sentence of feedback citing the evidence). Without a
model, or when it fails (bad key, rate limit, no network: one line says so), the questions are
multiple choice built from the learned conventions, and --answers-file lines are option numbers.
The prompts are prompts/quiz-*.md, overridable in .archangel/prompts/.

With a model, \`quiz --json\` lists its questions (one request) and records nothing; answer them
with \`quiz --json --answers-file\`, which asks again about the same notes in the same order (the
wording may differ) and grades the answers. With --offline, or when the model fails, --json
prints the multiple-choice questions.

A right answer counts like a fix made on your own towards mastering that topic (see
\`archangel progress\`); a wrong or partly right one ends the streak. Without a terminal and
without answers, the multiple-choice questions are printed and nothing is recorded.`,
    )
    .action(async (flags: QuizFlags) => {
      const { quizCommand } = await import('./quiz-run.js');
      process.exitCode = await quizCommand(flags);
    });
}
