import type { Command } from 'commander';

export interface PairStartFlags {
  name?: string;
  editor?: string;
  group?: string;
  writer?: string[];
  navigator?: string;
  detach?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `archangel pair`: editor and tutor side by side in tmux, for a mentor to join. */
export function register(program: Command): void {
  const pair = program
    .command('pair')
    .description('Pair sessions over tmux: your editor and archangel watch side by side, for a mentor to join and watch or drive.')
    .addHelpText(
      'after',
      `
Examples:
  $ archangel pair --navigator ada             start (and attach); prints how others join
  $ archangel pair --group devs --writer ada   members of devs may watch; ada may also type
  $ archangel pair join                        join your session (--read-only to watch)
  $ archangel pair join ana/my-app --read-only  join a session ana shares with a group of yours
  $ archangel pair list                        yours, and those shared with you
  $ archangel pair stop                        end it and write .archangel/sessions/<name>-<date>.md

In the watch pane the navigator presses n to add a note to the mentor pane; it is kept, with its
author, in the session's summary. Anyone who can type into the session can run commands as you:
see "Pair sessions and trust" in the README.`,
    );
  pair
    .command('start', { isDefault: true })
    .description('Open a pair session: the editor in one pane, archangel watch in the other (a new window when already inside tmux).')
    .option('--name <name>', 'session name (default: the repository folder\'s name)')
    .option('--editor <command>', 'the editor to run (default: $EDITOR)')
    .option('--navigator <name>', 'who guides: shown to the mentor and on the notes they add (default: "navigator")')
    .option('--group <group>', 'let members of this Unix group join, read-only (the socket stays closed to everyone else; outside tmux only)')
    .option('--writer <user>', 'a group member who may type too (repeatable; needs --group)', collect)
    .option('--detach', 'do not attach after starting (automatic without a terminal)')
    .action(async (flags: PairStartFlags) => {
      const { pairStartCommand } = await import('./pair-run.js');
      process.exitCode = await pairStartCommand(flags);
    });
  pair
    .command('join [session]')
    .description('Attach to a pair session: OWNER/NAME for another user\'s (shared with a group of yours), NAME for yours (or the one of that name shared with you), none for your only one. Another user\'s sessions are looked for in /tmp/archangel-<uid>; set ARCHANGEL_PAIR_DIR if theirs is elsewhere.')
    .option('--read-only', 'watch only: tmux ignores your keys')
    .action(async (name: string | undefined, flags: { readOnly?: boolean }) => {
      const { pairJoinCommand } = await import('./pair-run.js');
      process.exitCode = await pairJoinCommand(name, flags);
    });
  pair
    .command('list')
    .description('List your pair sessions and those other users share with a group of yours: running or ended, and how to join them.')
    .option('--json', 'print them as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { pairListCommand } = await import('./pair-run.js');
      process.exitCode = await pairListCommand(flags);
    });
  pair
    .command('stop [name]')
    .description('End a pair session and write its summary (notes, hints, dismissals, questions, navigator notes) to .archangel/sessions/.')
    .action(async (name: string | undefined) => {
      const { pairStopCommand } = await import('./pair-run.js');
      process.exitCode = await pairStopCommand(name);
    });
}
