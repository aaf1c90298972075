import { Option, type Command } from 'commander';
import { DOCS_DIR } from '../docs/files.js';

export interface DocsFlags {
  out: string;
  only?: 'style' | 'wiki';
  lang?: string[];
  check?: boolean;
  force?: boolean;
  offline?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** `archangel docs`: the team's code style guide and wiki, written from the golden repos. */
export function register(program: Command): void {
  program
    .command('docs')
    .description('Write the team\'s code style guide (CODE_STYLE.md) and wiki (WIKI.md) from the golden repositories, every claim cited.')
    .option('--out <dir>', 'folder to write the documents to', DOCS_DIR)
    .addOption(new Option('--only <document>', 'write only one document').choices(['style', 'wiki']))
    .option('--lang <language...>', 'only these languages in the style guide (typescript, python, go, ...)')
    .option('--check', 'write nothing; exit 11 when a document is missing or out of date (for CI)')
    .option('--force', 'overwrite a file that has no archangel markers (hand-written text in it is lost)')
    .option('--offline', 'never ask a model, even when one is configured')
    .option('--json', 'print a summary as JSON')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel docs                          write docs/archangel/CODE_STYLE.md and WIKI.md
  $ archangel docs --only style --lang typescript
  $ archangel docs --check                  in CI: fail when the docs are stale

The documents are built from the index (run \`archangel index\` first) and the golden code at its
pinned commit; regenerating with nothing changed rewrites nothing. Generated text sits between
<!-- archangel:begin NAME --> and <!-- archangel:end NAME --> markers: write your own text outside
them and it is kept. With a model configured (ANTHROPIC_API_KEY...), the overview and each repo's
purpose are reworded by the model from the same evidence (prompts/docs-*.md); its citations are
checked and any it invented are dropped. --check never calls a model: a reworded region counts as
current while its evidence is unchanged.`,
    )
    .action(async (flags: DocsFlags) => {
      const { docsCommand } = await import('./docs-run.js');
      process.exitCode = await docsCommand(flags);
    });
}
