import { openProject } from '../config/project.js';
import { pairContextFromEnv } from '../pair/context.js';
import { trimWhenQuiet } from '../watch/memory-trim.js';
import { attachPlainView } from '../watch/plain-view.js';
import { createWatchSession, type WatchSession } from '../watch/session.js';
import type { WatchFlags } from './watch.js';

/** Runs the watch session with the interactive view on a TTY, plain lines otherwise. */
export async function watchCommand(flags: WatchFlags, options: { focusChat: boolean }): Promise<number> {
  const project = await openProject();
  const pair = pairContextFromEnv();
  const session = createWatchSession({ project, offline: flags.offline ?? false, ...(pair ? { pair } : {}) });
  // Between saves the session is idle: give the memory its bursts of work grew back to the OS.
  const trim = trimWhenQuiet();
  session.subscribe(() => trim.activity());
  try {
    return await runSession(session, flags, options);
  } finally {
    trim.close();
  }
}

async function runSession(session: WatchSession, flags: WatchFlags, options: { focusChat: boolean }): Promise<number> {
  const interactive = !flags.plain && process.stdin.isTTY && process.stdout.isTTY;
  if (!interactive) {
    attachPlainView(session, (line) => process.stdout.write(line));
    const stop = new Promise<void>((resolve) => {
      const onSignal = () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    await session.start();
    await stop;
    await session.quit();
    return 0;
  }
  // Ink (and React) load only here: `--help` and the other commands stay fast.
  const { runTui } = await import('../tui/run-tui.js');
  const done = runTui(session, { focusChat: options.focusChat });
  await session.start();
  await done;
  return 0;
}
