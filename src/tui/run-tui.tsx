import { render } from 'ink';
import { terminalCaps } from '../cli/terminal.js';
import type { WatchController } from '../watch/types.js';
import { App } from './app.js';
import { createEventFeed } from './event-feed.js';
import { ColorContext } from './palette.js';

export interface RunTuiOptions {
  /** Start with the chat line focused (`archangel chat`). */
  focusChat?: boolean;
  /** Where to draw; process.stdout by default. */
  stdout?: NodeJS.WriteStream;
  /** Where keys come from; process.stdin by default. Must be a TTY (raw mode). */
  stdin?: NodeJS.ReadStream;
  /** Decides colour (NO_COLOR, FORCE_COLOR, TERM=dumb); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Shows the watch session in the terminal until the learner quits (`q` or Ctrl-C): then asks the
 * session to quit, unmounts, and resolves (rejects with the session's error if quitting failed). Subscribes before the first render, so events the
 * session emits as soon as it starts are not lost.
 */
export async function runTui(controller: WatchController, options: RunTuiOptions = {}): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const feed = createEventFeed(controller);
  const color = terminalCaps(stdout, options.env ?? process.env).color;
  let quitError: unknown;
  const quit = () => {
    controller
      .quit()
      .catch((error: unknown) => {
        quitError = error;
      })
      .finally(() => instance.unmount());
  };
  const instance = render(
    <ColorContext.Provider value={color}>
      <App controller={controller} feed={feed} focusChat={options.focusChat} onQuit={quit} />
    </ColorContext.Provider>,
    // Not `incrementalRendering`: in Ink 6.8 it left stale lines on a real terminal (tmux, 80x24).
    // `maxFps: 60`: at Ink's default 30, a save's diff and notes often waited out the rest of a
    // 33 ms frame behind the "reviewing" redraw; streamed text is batched apart (event-feed.ts).
    { stdout, stdin: options.stdin ?? process.stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 60 },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    feed.close();
  }
  // The screen is gone either way; a session that failed to close says so to the command.
  if (quitError !== undefined) throw quitError;
}
