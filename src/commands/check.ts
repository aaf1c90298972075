import type { Command } from 'commander';

/** `archangel check`: convention findings for whole files. */
export function register(program: Command): void {
  program
    .command('check')
    .description('Check whole files against the conventions learned from the golden repositories.')
    .argument('<files...>', 'files to check')
    .option('--json', 'print findings as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel check src/user-service.ts
  $ archangel check $(git diff --name-only) --json

Exit code 0 with or without findings; \`archangel review\` is the command for hooks and CI.`,
    )
    .action(async (files: string[], flags: { json?: boolean }) => {
      const { checkCommand } = await import('./check-run.js');
      process.exitCode = await checkCommand(files, flags);
    });
}
