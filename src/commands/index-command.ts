import type { Command } from 'commander';

interface IndexFlags {
  rebuild?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** `archangel index`: fetch the golden repositories and (re)build the index. */
export function register(program: Command): void {
  program
    .command('index')
    .description('Fetch the golden repositories and index them (incremental: unchanged files are skipped).')
    .option('--rebuild', 'build a fresh index beside the current one, which stays in use until the new one replaces it (kept as <index>.bak)')
    .option('--json', 'print a JSON summary on stdout instead of the table')
    .option('-q, --quiet', 'no progress output')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel index              first run: clone and index; later runs: fetch and update
  $ archangel index --json       a summary for scripts and CI
  $ archangel index --rebuild    after "the golden index is damaged"

Golden repositories come from "golden" in archangel.json. Private GitHub repos use GITHUB_TOKEN
(or \`gh auth token\`). The index is written to .archangel/index.db unless "index.path" says otherwise.`,
    )
    .action(async (flags: IndexFlags) => {
      const { indexCommand } = await import('./index-run.js');
      process.exitCode = await indexCommand(flags);
    });
}
