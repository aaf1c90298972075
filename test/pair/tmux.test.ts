import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handleError } from '../../src/cli/handle-error.js';
import { isArchangelError } from '../../src/errors/archangel-error.js';
import { tmuxOn } from '../../src/pair/tmux.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';

describe('running tmux', () => {
  afterAll(() => removeTempDirs());

  it('a tmux command that fails is a typed pair error (exit 8) quoting tmux, not an internal one', () => {
    const tmux = tmuxOn(join(tempDir(), 'no-server.sock'));
    let thrown: unknown;
    try {
      tmux.run('kill-window', '-t', '@999');
    } catch (error) {
      thrown = error;
    }
    expect(isArchangelError(thrown) && thrown.code).toBe('TMUX_FAILED');
    expect((thrown as Error).message).toMatch(/^tmux kill-window failed: .*(no server|error connecting)/);
    const lines: string[] = [];
    const stderr = { write: (text: string) => void lines.push(text), isTTY: false } as unknown as NodeJS.WriteStream;
    expect(handleError(thrown, stderr)).toBe(8);
    expect(lines.join('')).not.toContain('Something went wrong inside ArchAngel');
  });
});
