import { describe, expect, it } from 'vitest';
import { pairContextFromEnv, pairEnv } from '../../src/pair/context.js';
import { describePair } from '../../src/tutor/pair.js';
import { parseTmuxVersion } from '../../src/pair/tmux.js';
import { reviewRequest } from '../../src/tutor/claude/tutor.js';
import { defaultName, isValidName } from '../../src/pair/metadata.js';

describe('pair context', () => {
  it('travels to the watch pane in its environment and back', () => {
    const context = { session: 'retry', driver: 'ana@example.org', navigator: 'ada' };
    expect(pairContextFromEnv(pairEnv(context))).toEqual(context);
    expect(pairContextFromEnv({})).toBeUndefined();
  });

  it('puts the driver and the navigator in the prompt Claude reads, and nothing outside a pair session', async () => {
    const input: Parameters<typeof reviewRequest>[0] = { level: 'junior', maxNotes: 3, hunks: [], evidence: [] };
    const model = { provider: 'anthropic', feedback: 'm', chat: 'm', timeoutMs: 1000 } as unknown as Parameters<typeof reviewRequest>[1]['model'];
    const paired = await reviewRequest(input, { model, projectRoot: '/nonexistent', pair: describePair({ session: 's', driver: 'ana@example.org', navigator: 'ada' }) });
    expect(paired.system).toContain('ana@example.org is at the keyboard (the driver) and ada is guiding (the navigator)');
    const alone = await reviewRequest(input, { model, projectRoot: '/nonexistent' });
    expect(alone.system).not.toContain('pair session');
    expect(alone.system).not.toContain('{{pair}}');
  });
});

describe('tmux versions and session names', () => {
  it('reads the versions tmux prints', () => {
    expect(parseTmuxVersion('tmux 3.3a')).toEqual({ major: 3, minor: 3 });
    expect(parseTmuxVersion('tmux next-3.5')).toEqual({ major: 3, minor: 5 });
    expect(parseTmuxVersion('tmux master')).toBeUndefined();
  });

  it('accepts names tmux and the file system both take, and derives one from the folder', () => {
    expect(['retry', 'pair_2', 'a-b'].every(isValidName)).toBe(true);
    expect(['a.b', 'a:b', '-x', '', 'x'.repeat(41)].some(isValidName)).toBe(false);
    expect(defaultName('/home/ana/my.app')).toBe('my-app');
  });
});
