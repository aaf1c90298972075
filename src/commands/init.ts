import type { Command } from 'commander';

interface InitFlags {
  golden?: string[];
  force?: boolean;
}

/** `archangel init`: write a starter archangel.json for this repository. */
export function register(program: Command): void {
  program
    .command('init')
    .description('Write a starter archangel.json here and add .archangel/ to .gitignore.')
    .option('-g, --golden <repo...>', 'golden repositories: owner/repo, a git URL or a local path')
    .option('--force', 'overwrite an existing archangel.json')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel init                                 this repository is its own golden repo
  $ archangel init --golden acme/api ../design-system

On a terminal it asks for golden repositories when none are given; elsewhere it asks nothing.`,
    )
    .action(async (flags: InitFlags) => {
      const { initCommand } = await import('./init-run.js');
      process.exitCode = await initCommand(flags);
    });
}
