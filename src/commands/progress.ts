import type { Command } from 'commander';

export interface ProgressFlags {
  since?: string;
  json?: boolean;
}

/** `archangel progress`: what recurs, what is mastered, what to focus on next. */
export function register(program: Command): void {
  program
    .command('progress')
    .description('Show what keeps coming up in your notes, what you have mastered, and what to focus on next.')
    .option('--since <duration>', 'only notes seen in this window: 30d, 12h, 2w (default: all history)')
    .option('--json', 'print the learner model as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel progress
  $ archangel progress --since 30d --json

A topic (a convention rule or a note's topic) is "mastered" after 3 fixes in a row made with
only the question seen (right quiz answers count too) and no note open on it; "struggling" when
its recent notes keep recurring, come back after a fix, or needed the change itself. The mentor
says less on mastered topics and starts at the hint on struggling ones. "Ready for review?" lists
the open notes on the files you changed (the working tree against HEAD, as \`archangel review\`
compares), most severe first; it reads the record, it does not run a review. The record is per learner (git user.email).`,
    )
    .action(async (flags: ProgressFlags) => {
      const { progressCommand } = await import('./progress-run.js');
      process.exitCode = await progressCommand(flags);
    });
}
