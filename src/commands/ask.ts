import type { Command } from 'commander';

/** `archangel ask`: one question about the current diff, answered from the golden code. */
export function register(program: Command): void {
  program
    .command('ask')
    .description('Ask one question about your current changes; the answer is grounded in a golden search, with citations.')
    .argument('<question...>', 'the question')
    .option('--offline', 'answer from the golden repositories only, even when a model is configured')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel ask "how do we handle errors from fetch here?"
  $ archangel ask why is my retry loop different from the golden one

With ANTHROPIC_API_KEY the answer streams from Claude; without it, ArchAngel shows the golden
code that matches and the conventions your change touches, and says that no model is configured.`,
    )
    .action(async (words: string[], flags: { offline?: boolean }) => {
      const { askCommand } = await import('./ask-run.js');
      process.exitCode = await askCommand(words.join(' '), flags);
    });
}
