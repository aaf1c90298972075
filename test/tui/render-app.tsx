import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { App } from '../../src/tui/app.js';
import { createEventFeed } from '../../src/tui/event-feed.js';
import { ColorContext } from '../../src/tui/palette.js';
import { FakeController } from './fake-controller.js';

/** A terminal of a chosen size that keeps every frame Ink writes (Ink's debug mode writes whole frames). */
export class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  lastFrame(): string {
    return this.frames.at(-1) ?? '';
  }
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** Keys typed at the app; raw mode is a no-op. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  #data: string | null = null;
  write(data: string): void {
    this.#data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const data = this.#data;
    this.#data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Waits for batched events and Ink's render to land. */
export const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

/** Renders the App at a size with a fake controller; `q` quits the controller, then unmounts, like runTui. */
export function renderApp(options: { columns?: number; rows?: number; color?: boolean; focusChat?: boolean } = {}) {
  const controller = new FakeController();
  const stdout = new FakeStdout(options.columns ?? 120, options.rows ?? 40);
  const stdin = new FakeStdin();
  const feed = createEventFeed(controller);
  const instance = render(
    <ColorContext.Provider value={options.color ?? false}>
      <App controller={controller} feed={feed} focusChat={options.focusChat} onQuit={() => void controller.quit().then(() => instance.unmount())} />
    </ColorContext.Provider>,
    { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  return {
    controller,
    stdout,
    stdin,
    instance,
    lastFrame: () => stdout.lastFrame(),
    /** Types keys one at a time, as a terminal delivers them. */
    async type(...keys: string[]) {
      for (const key of keys) {
        stdin.write(key);
        await settle(1);
      }
      await settle();
    },
    unmount() {
      instance.unmount();
      feed.close();
    },
  };
}
