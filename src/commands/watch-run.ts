import { forgetCi } from '../cli/terminal.js';
import { openProject } from '../config/project.js';
import { pairContextFromEnv } from '../pair/context.js';
import { trimWhenQuiet } from '../watch/memory-trim.js';
import { createWatchSession, type WatchSession } from '../watch/session.js';
import type { WatchFlags } from './watch.js';

/** Runs the watch session with the interactive view on a TTY, plain lines otherwise. */
export async function watchCommand(flags: WatchFlags, options: { focusChat: boolean }): Promise<number> {
  const interactive = !flags.plain && process.stdin.isTTY && process.stdout.isTTY;
  if (interactive) forgetCi();
  // Ink (and React) load only here, so `--help` and the other commands stay fast; they load while
  // the config is read, since the first frame needs both and nothing else.
  const [project, tui] = await Promise.all([openProject(), interactive ? import('../tui/run-tui.js') : undefined]);
  const pair = pairContextFromEnv();
  const session = createWatchSession({ project, offline: flags.offline ?? false, ...(pair ? { pair } : {}) });
  // Between saves the session is idle: give the memory its bursts of work grew back to the OS.
  const trim = trimWhenQuiet();
  session.subscribe(() => trim.activity());
  try {
    if (!tui) return await runPlain(session);
    // The first frame is drawn before `start()` loads the index, SQLite and the tutors.
    const done = tui.runTui(session, { focusChat: options.focusChat });
    const fatal = await session.start();
    // A fatal error stays on screen until a key; then it is printed below the last frame, to stay.
    await done;
    if (fatal) throw fatal;
    return 0;
  } finally {
    trim.close();
  }
}

/** Without a TTY: one plain line per event until SIGINT or SIGTERM, or at once after a fatal error. */
async function runPlain(session: WatchSession): Promise<number> {
  const { attachPlainView } = await import('../watch/plain-view.js');
  attachPlainView(session, (line) => process.stdout.write(line));
  let onSignal = () => {};
  const stop = new Promise<void>((resolve) => {
    onSignal = () => resolve();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  const fatal = await session.start();
  if (!fatal) await stop;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await session.quit();
  if (fatal) throw fatal;
  return 0;
}
