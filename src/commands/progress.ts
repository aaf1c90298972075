import type { Command } from 'commander';

export interface ProgressFlags {
  since?: string;
  json?: boolean;
  staged?: boolean;
  range?: string;
}

/** `archangel progress`: what recurs, what is mastered, what to focus on next. */
export function register(program: Command): void {
  program
    .command('progress')
    .description('Show what keeps coming up in your notes, what you have mastered, and what to focus on next.')
    .option('--since <duration>', 'only notes seen in this window: 30d, 12h, 2w (default: all history)')
    .option('--json', 'print the learner model as JSON')
    .option('--staged', '"ready for review?" on what is staged (the index) instead of the working tree')
    .option('--range <A..B>', '"ready for review?" on the files changed between two commits, e.g. main..HEAD for a branch')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel progress
  $ archangel progress --since 30d --json
  $ archangel progress --range main..HEAD    is this branch ready for review?

A topic (a convention rule or a note's topic) is "mastered" after 3 fixes in a row made with
only the question seen (right quiz answers count too) and no note open on it; "struggling" when
its recent notes keep recurring, come back after a fix, or needed the change itself. The mentor
says less on mastered topics and starts at the hint on struggling ones. Opening the change within seconds of the first hint
counts as needing it, and is named ("went straight to the answer"); when it is a habit the
mentor asks for a one-line attempt first. "Ready for review?" lists
the open notes on the files you changed, most severe first: the working tree against HEAD, or
with --staged / --range what \`archangel review\` compares with them (the notes are those of the
checked-out branch). It reads the record, it does not run a review. The record is per learner (git user.email).`,
    )
    .action(async (flags: ProgressFlags) => {
      const { progressCommand } = await import('./progress-run.js');
      process.exitCode = await progressCommand(flags);
    });
}
