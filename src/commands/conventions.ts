import type { Command } from 'commander';

/** `archangel conventions`: what the golden repos do, measured. */
export function register(program: Command): void {
  program
    .command('conventions')
    .description('Show the conventions learned from the golden repositories, strongest first, with their numbers.')
    .option('--lang <language>', 'only this language (typescript, python, go, java, csharp, ...)')
    .option('--json', 'print the conventions as JSON, with their cited examples')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel conventions
  $ archangel conventions --lang python --json

"cases" is how many golden cases were seen, "follow" the share that follow the convention;
"on" means it is enforced (enough cases, consistent enough), "-" that it is only described.`,
    )
    .action(async (flags: { lang?: string; json?: boolean }) => {
      const { conventionsCommand } = await import('./conventions-run.js');
      process.exitCode = await conventionsCommand(flags);
    });
}
