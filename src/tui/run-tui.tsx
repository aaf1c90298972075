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
    // `maxFps`: a frame asked for within 1000/maxFps ms of the last one waits on a timer, and that
    // timer waits behind whatever the review does next (the record, the next note): at 60, a save's
    // note reached the screen 6-16 ms (p50) and up to 30 ms after the mentor wrote it, at 240 5 ms
    // and at most 8 (20k-file bench tree, load ~2). Events are batched per turn of the event loop and
    // streamed text per 50 ms (event-feed.ts), so this limit is not what keeps the redraw rate down.
    { stdout, stdin: options.stdin ?? process.stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 240 },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    feed.close();
  }
  // The screen is gone either way; a session that failed to close says so to the command.
  if (quitError !== undefined) throw quitError;
}
