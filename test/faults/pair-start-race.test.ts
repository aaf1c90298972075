import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';
import { learnerRepo } from '../helpers/learner.js';
import { hasTmux } from '../helpers/tmux.js';

/**
 * Several `pair start` of one name at once: one session starts, the others are refused with a
 * sentence, and no tmux server is left where `pair list` and `pair stop` cannot see it.
 */

const pairDir = join(tempDir(), 'pairs');

afterAll(() => {
  // A failed run may leave servers whose socket is gone: they are stopped by their pid.
  for (const { pid } of serversUnder(pairDir)) process.kill(pid);
  removeTempDirs();
});

/** The tmux servers running on a socket under `dir`: their pid and command line. */
function serversUnder(dir: string): Array<{ pid: number; args: string }> {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+) (.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[2]!.startsWith('tmux') && match[2]!.includes(dir))
    .map((match) => ({ pid: Number(match[1]), args: match[2]! }));
}

/** What `list` returns once it is empty, or after a few seconds, whatever it returns then. */
async function gone<T>(list: () => T[], timeoutMs = 5_000): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  let left = list();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = list();
  }
  return left;
}

describe.skipIf(!hasTmux)('pair start, three at once with one name', () => {
  it('starts one session, refuses the others, and leaves no orphan server', async () => {
    const learner = learnerRepo();
    const env = { ARCHANGEL_PAIR_DIR: pairDir, TERM: 'xterm-256color', TMUX: '', EDITOR: 'cat' };
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([0, 1, 2].map(() => runCliAsync(learner.dir, ['pair', 'start', '--name', 'same', '--detach'], env)));
      const started = results.filter((result) => result.status === 0);
      expect(started, results.map((result) => result.stderr).join('\n')).toHaveLength(1);
      for (const refused of results.filter((result) => result.status !== 0)) {
        expect(refused.status, refused.stderr).toBe(8);
        expect(refused.stderr).toMatch(/A pair session named "same" is (being started by another command|already running)/);
      }
      const listed = JSON.parse(runCli(learner.dir, ['pair', 'list', '--json'], env).stdout) as Array<{ name: string; running: boolean }>;
      expect(listed.map(({ name, running }) => ({ name, running }))).toEqual([{ name: 'same', running: true }]);
      expect(serversUnder(pairDir)).toHaveLength(1);
      expect(runCli(learner.dir, ['pair', 'stop', 'same'], env).status).toBe(0);
      // tmux's kill-server returns once the server is told; it exits a moment later (longer under load).
      expect(await gone(() => serversUnder(pairDir))).toEqual([]);
    }
  }, 120_000);
});
