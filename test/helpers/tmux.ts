import { execFileSync, spawnSync } from 'node:child_process';

/** Whether tmux runs on this machine (tests that need it skip otherwise). */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** Runs tmux against `socket` (never the default server) and returns its stdout; throws on failure. */
export function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
}

/** What pane (or session) `target` of the server on `socket` shows now. */
export function capture(socket: string, target: string): string {
  return tmux(socket, 'capture-pane', '-p', '-t', target);
}

/** The screen as one line of text: pane borders gone, wrapped lines joined. */
export function flatScreen(text: string): string {
  return text.replace(/[│┃]/g, ' ').replace(/\s+/g, ' ');
}

/**
 * Reads the screen until `pattern` shows up, as drawn or flattened (text wrapped over lines); on
 * timeout the error shows the last screen.
 */
export async function waitForScreen(read: () => string, pattern: RegExp, timeoutMs = 40_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = read();
    if (pattern.test(last) || pattern.test(flatScreen(last))) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${pattern} on screen:\n${last}`);
}
