import { describe, expect, it } from 'vitest';
import { forgetCi, inCi, terminalCaps } from '../../src/cli/terminal.js';

/** A stream that says it is a terminal 100 columns wide. */
const tty = { isTTY: true, columns: 100 } as NodeJS.WriteStream;

describe('terminal capabilities', () => {
  it('reads CI as Ink does: set and not "0" or "false"', () => {
    expect(inCi({ CI: 'true' })).toBe(true);
    expect(inCi({ CI: '1' })).toBe(true);
    expect(inCi({ CONTINUOUS_INTEGRATION: 'yes' })).toBe(true);
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CI: '0' })).toBe(false);
    expect(inCi({})).toBe(false);
  });

  it('draws progress live on a terminal, not under CI, not on a dumb terminal', () => {
    expect(terminalCaps(tty, { CI: 'false', TERM: 'xterm-256color' })).toEqual({ color: true, interactive: true, columns: 100 });
    expect(terminalCaps(tty, { CI: 'true' }).interactive).toBe(false);
    expect(terminalCaps(tty, { TERM: 'dumb' })).toMatchObject({ color: false, interactive: false });
    expect(terminalCaps(tty, { NO_COLOR: '1' }).color).toBe(false);
    expect(terminalCaps({ isTTY: false } as NodeJS.WriteStream, { FORCE_COLOR: '1' })).toEqual({ color: true, interactive: false, columns: 80 });
  });

  it('forgets the CI flags and nothing else', () => {
    const env: NodeJS.ProcessEnv = { CI: 'true', CONTINUOUS_INTEGRATION: '1', HOME: '/home/ada' };
    forgetCi(env);
    expect(env).toEqual({ HOME: '/home/ada' });
  });
});
