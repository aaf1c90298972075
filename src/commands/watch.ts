import type { Command } from 'commander';

export interface WatchFlags {
  offline?: boolean;
  plain?: boolean;
}

/** `archangel watch` and `archangel chat`: the tutor beside the editor. */
export function register(program: Command): void {
  program
    .command('watch')
    .description('Review each save beside your editor: notes stream into a split-pane terminal view; chat about the diff.')
    .option('--offline', 'use the offline mentor even when a model is configured')
    .option('--plain', 'print plain lines instead of the interactive view (automatic without a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel watch              in a terminal beside your editor
  $ archangel watch --plain      plain lines, e.g. in an editor's output panel

Keys: ? help · j/k notes · h next hint · e golden example · d dismiss · r review again ·
c or / chat · Tab focus · q quit. The first run builds the golden index if it is missing.`,
    )
    .action(async (flags: WatchFlags) => {
      const { watchCommand } = await import('./watch-run.js');
      process.exitCode = await watchCommand(flags, { focusChat: false });
    });
  program
    .command('chat')
    .description('Open the watch view with the chat focused: ask about your current changes.')
    .option('--offline', 'answer from the golden repositories only')
    .addHelpText('after', '\nExamples:\n  $ archangel chat\n\nWithout a model configured, answers come from golden search results and conventions.')
    .action(async (flags: WatchFlags) => {
      const { watchCommand } = await import('./watch-run.js');
      process.exitCode = await watchCommand(flags, { focusChat: true });
    });
}
