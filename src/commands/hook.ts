import { Option, type Command } from 'commander';
import { fileURLToPath } from 'node:url';

/** `archangel hook install|uninstall`: review staged changes before each commit. */
export function register(program: Command): void {
  const hook = program.command('hook').description('Install or remove the git pre-commit hook that runs `archangel review --staged`.');
  hook
    .command('install')
    .description('Add a pre-commit hook that reviews the staged changes.')
    .addOption(new Option('--fail-on <severity>', 'block the commit when a note is at least this severe').choices(['info', 'warn', 'error']).default('error'))
    .addHelpText('after', '\nExamples:\n  $ archangel hook install\n  $ archangel hook install --fail-on warn')
    .action(async (flags: { failOn: 'info' | 'warn' | 'error' }) => {
      const { installHook } = await import('../review/hook.js');
      const bin = fileURLToPath(new URL('../../bin/archangel.js', import.meta.url));
      const path = await installHook(process.cwd(), { bin, failOn: flags.failOn });
      process.stdout.write(`Installed ${path}: each commit is reviewed first (notes at "${flags.failOn}" or above stop it; --no-verify skips).\n`);
    });
  hook
    .command('uninstall')
    .description('Remove the pre-commit hook ArchAngel installed.')
    .addHelpText('after', '\nExamples:\n  $ archangel hook uninstall')
    .action(async () => {
      const { uninstallHook } = await import('../review/hook.js');
      const path = await uninstallHook(process.cwd());
      process.stdout.write(path ? `Removed ${path}.\n` : 'No ArchAngel pre-commit hook was installed.\n');
    });
}
