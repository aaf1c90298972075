import { InvalidArgumentError, Option, type Command } from 'commander';

export interface ReviewFlags {
  staged?: boolean;
  range?: string;
  format: 'text' | 'md' | 'json';
  failOn?: 'info' | 'warn' | 'error';
  dryRun?: boolean;
  offline?: boolean;
  /** Seconds to wait for the model before the offline mentor answers (default model.reviewTimeoutMs). */
  timeout?: number;
}

/** `archangel review`: the mentor's notes on the current diff, for terminals, hooks and CI. */
export function register(program: Command): void {
  program
    .command('review')
    .description('Review the current changes against the golden repositories: notes with questions, hints and evidence.')
    .option('--staged', 'review what is staged (the index) instead of the working tree')
    .option('--range <A..B>', 'review the changes between two commits')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'md', 'json']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 10 when a note is at least this severe, or a changed file could not be read').choices(['info', 'warn', 'error']))
    .option('--dry-run', 'print exactly what would be sent to the model, and send nothing')
    .option('--offline', 'use the offline mentor even when a model is configured')
    .option('--timeout <seconds>', 'wait at most this long for the model, then the offline mentor answers (default: model.reviewTimeoutMs, 20 s)', parseSeconds)
    .addHelpText(
      'after',
      `
Examples:
  $ archangel review                          notes on your uncommitted changes
  $ archangel review --staged --fail-on warn  a pre-commit check (see \`archangel hook install\`)
  $ archangel review --range main..HEAD --format md > review.md
  $ archangel review --dry-run                what would leave the machine

Without ANTHROPIC_API_KEY (or another configured provider) the offline mentor writes the notes
from the golden conventions and code; so it does when the model gives no note within --timeout.
Exit codes: 0 ok, 10 a note at or above --fail-on, or (with --fail-on) a changed file the review
could not read, such as one that is not UTF-8.`,
    )
    .action(async (flags: ReviewFlags) => {
      const { reviewCommand } = await import('./review-run.js');
      process.exitCode = await reviewCommand(flags);
    });
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError('expected a number of seconds above 0, such as 10 or 2.5.');
  return seconds;
}
