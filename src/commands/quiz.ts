import type { Command } from 'commander';

export interface QuizFlags {
  answers?: string;
  json?: boolean;
  count?: string;
}

/** `archangel quiz`: a few questions from your own recent notes, graded, feeding the learner model. */
export function register(program: Command): void {
  program
    .command('quiz')
    .description('Answer a few questions built from your own recent notes and the golden code; right answers count towards mastery.')
    .option('--answers <list>', 'answer without prompting: option numbers in question order, e.g. 2,1,3')
    .option('-n, --count <n>', 'how many questions (default 3)')
    .option('--json', 'print the questions (and, with --answers, the grading) as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel quiz                  asks in the terminal, one question at a time
  $ archangel quiz --json           prints the questions for a script
  $ archangel quiz --answers 2,1,3  grades these answers and records them

Each question shows code you wrote that a note was about and asks which habit of the golden code
it departs from; the answer cites the golden evidence. A right answer counts like a fix made on
your own towards mastering that topic (see \`archangel progress\`); a wrong one ends the streak.
Without a terminal and without --answers, the questions are printed and nothing is recorded.`,
    )
    .action(async (flags: QuizFlags) => {
      const { quizCommand } = await import('./quiz-run.js');
      process.exitCode = await quizCommand(flags);
    });
}
