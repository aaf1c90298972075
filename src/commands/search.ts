import { InvalidArgumentError, type Command } from 'commander';

interface SearchFlags {
  file?: string;
  repo?: string;
  lang?: string;
  limit: number;
  json?: boolean;
}

/** `archangel search`: find golden code by words or by a piece of code. */
export function register(program: Command): void {
  program
    .command('search')
    .description('Search the golden index by words, or find the golden code most like a file or lines of it.')
    .argument('[query...]', 'what to look for, in words or identifiers')
    .option('-f, --file <path[:start-end]>', 'find golden code comparable to this file (or these lines of it)')
    .option('--repo <name>', 'only results from this golden repository')
    .option('--lang <language>', 'only results in this language (typescript, python, go, ...)')
    .option('-n, --limit <n>', 'how many results', parseLimit, 10)
    .option('--json', 'print results as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel search "how do we retry http calls"
  $ archangel search --file src/api/client.ts:20-60 --limit 3
  $ archangel search parseConfig --lang typescript --json`,
    )
    .action(async (words: string[], flags: SearchFlags) => {
      const { searchCommand } = await import('./search-run.js');
      process.exitCode = await searchCommand(words.join(' '), flags);
    });
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new InvalidArgumentError('expected a whole number from 1 to 200.');
  return n;
}
