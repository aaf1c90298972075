import { describe, expect, it, vi } from 'vitest';

// Ink's chalk decides its colour level when it is imported, from process.stdout (not a TTY under
// vitest): force it on, so "no colour" below is the TUI's doing and not the test runner's.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '3';
});

import { runTui } from '../../src/tui/run-tui.js';
import { FakeController } from './fake-controller.js';
import { errorNote, reviewEvents, status } from './fixtures.js';
import { FakeStdin, FakeStdout, settle } from './render-app.js';

// eslint-disable-next-line no-control-regex -- the escape sequences are what this test looks for
const SGR = /\u001b\[[0-9;]*m/;

function start(env: NodeJS.ProcessEnv = {}) {
  const controller = new FakeController();
  const stdout = new FakeStdout(100, 28);
  const stdin = new FakeStdin();
  const done = runTui(controller, { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, env });
  return { controller, stdout, stdin, done, output: () => stdout.frames.join('') };
}

describe('runTui', () => {
  it('sees events the session emits right after it is called, and q quits the session then resolves', async () => {
    const tui = start();
    tui.controller.push(status, ...reviewEvents(1, [errorNote]));
    await settle(30);
    tui.stdin.write('q');
    await tui.done;
    expect(tui.controller.called('quit')).toHaveLength(1);
    expect(tui.controller.listeners).toBe(0);
    expect(tui.output()).toContain('payments-web (feat/retry)');
    expect(tui.output()).toContain('error handling');
  });

  it('quits on Ctrl-C, even from the chat line', async () => {
    const tui = start();
    await settle(30);
    tui.stdin.write('c');
    await settle(30);
    tui.stdin.write('\u0003');
    await tui.done;
    expect(tui.controller.called('quit')).toHaveLength(1);
  });

  it('rejects with the error of a session that failed to close, after unmounting', async () => {
    const tui = start();
    const failure = new Error('flush failed');
    tui.controller.quit = async () => {
      throw failure;
    };
    await settle(30);
    tui.stdin.write('q');
    await expect(tui.done).rejects.toBe(failure);
  });

  it.each<[NodeJS.ProcessEnv, string]>([
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, 'NO_COLOR'],
    [{ TERM: 'dumb' }, 'TERM=dumb'],
  ])('draws without any colour or style with %o (%s)', async (env) => {
    const tui = start(env);
    tui.controller.push(status, ...reviewEvents(1, [errorNote]));
    await settle(30);
    tui.stdin.write('q');
    await tui.done;
    expect(tui.output()).toContain('error handling');
    expect(tui.output()).not.toMatch(SGR);
  });

  it('draws in colour on a colour terminal (so the test above can fail)', async () => {
    const tui = start({ FORCE_COLOR: '1' });
    tui.controller.push(status, ...reviewEvents(1, [errorNote]));
    await settle(30);
    tui.stdin.write('q');
    await tui.done;
    expect(tui.output()).toMatch(SGR);
  });
});
