import { render } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_TURN_MS, Spinner } from '../../../src/tui/components/spinner.js';
import { FakeStdout } from '../render-app.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the faked clock on, then gives React's scheduler and Ink the turns of the event loop they draw in. */
async function turnFor(ms: number): Promise<void> {
  vi.advanceTimersByTime(ms);
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('spinner', () => {
  it('stands still through a quick review, then turns', async () => {
    // Only the spinner's timers are faked: React schedules its work with setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const stdout = new FakeStdout(10, 2);
    const app = render(<Spinner />, { stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false });
    await turnFor(0);
    const still = stdout.frames.length;
    expect(stdout.lastFrame()).toContain('⠋');
    await turnFor(FIRST_TURN_MS - 1);
    expect(stdout.frames.length).toBe(still);
    await turnFor(1);
    expect(stdout.lastFrame()).toContain('⠙');
    await turnFor(1_000);
    expect(stdout.lastFrame()).not.toContain('⠙');
    app.unmount();
  });
});
