import { Command } from 'commander';
import { register as registerAsk } from '../commands/ask.js';
import { register as registerCheck } from '../commands/check.js';
import { register as registerConventions } from '../commands/conventions.js';
import { register as registerDocs } from '../commands/docs.js';
import { register as registerHook } from '../commands/hook.js';
import { register as registerIndex } from '../commands/index-command.js';
import { register as registerLsp } from '../commands/lsp.js';
import { register as registerPair } from '../commands/pair.js';
import { register as registerProgress } from '../commands/progress.js';
import { register as registerQuiz } from '../commands/quiz.js';
import { register as registerReview } from '../commands/review.js';
import { register as registerInit } from '../commands/init.js';
import { register as registerSearch } from '../commands/search.js';
import { register as registerWatch } from '../commands/watch.js';
import { handleError } from './handle-error.js';

/**
 * The `archangel` program. Each subcommand lives in its own file under src/commands and imports
 * its heavy dependencies (SQLite, tree-sitter, Ink) only when it runs, so `--help` stays fast.
 */
export function buildProgram(): Command {
  const program = new Command('archangel')
    .description('A terminal coding tutor: Socratic feedback on every save, grounded in your team\'s golden repositories.')
    .version(VERSION, '-v, --version')
    .option('-C, --cwd <dir>', 'run as if started in <dir>')
    .showSuggestionAfterError()
    .exitOverride()
    .hook('preAction', (command) => {
      const cwd = command.opts<{ cwd?: string }>().cwd;
      if (cwd) process.chdir(cwd);
    })
    .addHelpText(
      'after',
      `
Examples:
  $ archangel init                         write a starter archangel.json here
  $ archangel watch                        the tutor beside your editor (builds the index first)
  $ archangel lsp --stdio                  the same notes inside your editor, as a language server
  $ archangel index                        fetch and index the golden repositories
  $ archangel search "retry http calls"    find how the golden code does something
  $ archangel search --file src/api.ts:10-40
  $ archangel conventions                  what the golden code does, measured
  $ archangel check src/user-service.ts    where a file departs from it
  $ archangel review                       the mentor's notes on your changes
  $ archangel docs                         the team's style guide and wiki, cited
  $ archangel pair --navigator ada         editor and tutor side by side in tmux, for two
  $ archangel progress                     what keeps coming up, what you have mastered, what next
  $ archangel quiz                         a few questions on your own noted code

Exit codes: 0 ok, 1 internal error, 2 usage, 3 config, 4 golden repo, 5 index, 6 provider, 7 file, 8 pair,
10 review notes at --fail-on, 11 docs --check found stale docs, 12 database busy, 13 read-only, 14 disk full,
15 not in a git working tree, 130 interrupted.`,
    );
  registerInit(program);
  registerWatch(program);
  registerLsp(program);
  registerIndex(program);
  registerSearch(program);
  registerConventions(program);
  registerCheck(program);
  registerReview(program);
  registerHook(program);
  registerAsk(program);
  registerDocs(program);
  registerPair(program);
  registerProgress(program);
  registerQuiz(program);
  return program;
}

const VERSION = '0.1.0';

export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error);
  }
}
