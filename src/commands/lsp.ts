import { Option, type Command } from 'commander';

export interface LspFlags {
  stdio?: boolean;
  offline?: boolean;
}

/** `archangel lsp`: the mentor's notes in any editor that speaks the Language Server Protocol. */
export function register(program: Command): void {
  program
    .command('lsp')
    .description('A language server: the notes of `watch` as diagnostics in your editor, the hint ladder in hover and code actions.')
    .option('--stdio', 'talk over stdin and stdout (what editors pass; the only transport)')
    .option('--offline', 'use the offline mentor even when a model is configured')
    // vscode-languageclient may add it; the protocol library reads it from argv to exit with the editor.
    .addOption(new Option('--clientProcessId <pid>').hideHelp())
    .addHelpText(
      'after',
      `
Examples:
  $ archangel lsp --stdio        started by your editor; see the README for VS Code, Neovim, Helix and Zed

On open and save it reviews the file's change like \`watch\` (and shares each review with a
\`watch\` running on the same repository). Code actions: Next hint, Show golden example, Dismiss,
and Ask about this when a model is configured.`,
    )
    .action(async (flags: LspFlags) => {
      const { serveStdio } = await import('../lsp/stdio.js');
      await serveStdio({ offline: flags.offline ?? false });
      // The protocol library's timers (watching the editor's pid) would keep an idle process alive.
      process.exit(0);
    });
}
