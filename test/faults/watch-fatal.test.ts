import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';
import { capture, flatScreen, hasTmux, tmux, waitForScreen } from '../helpers/tmux.js';

/**
 * `watch` when it cannot start: garbage in state.db, a truncated index. It used to stay on
 * "golden: checking… mentor: starting" for good, ignoring saves, with the error drawn over on the
 * next frame; only `q` ended it (exit 5, no message). Now the error stays on screen in full at 80
 * columns with what to do, a key ends the session with the error's exit code, and the error is
 * printed again below the last frame; without a terminal it is printed and watch exits at once.
 */
let golden: TestRepo;

beforeAll(() => {
  golden = zodGolden();
});

afterAll(removeTempDirs);

/** A learner whose record is garbage (the index is fine). */
function damagedRecord(): TestRepo {
  const learner = learnerRepo(golden);
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  writeFileSync(join(learner.dir, '.archangel/state.db'), Buffer.alloc(3000, 0x5a));
  return learner;
}

describe('watch without a terminal', () => {
  it('prints the error and exits 5 at once when the record is garbage', () => {
    const result = runCli(damagedRecord().dir, ['watch', '--plain']);
    expect(result.status, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/^error: The learner record at .*state\.db \(notes and chat history\) is damaged/m);
    expect(result.stderr).toMatch(/^hint: Nothing was deleted/m);
  });

  it('prints the error and exits 5 at once when the index is truncated', () => {
    const learner = learnerRepo(golden);
    expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
    truncateSync(join(learner.dir, '.archangel/index.db'), 100_000);
    const result = runCli(learner.dir, ['watch', '--plain']);
    expect(result.status, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/^error: The golden index at .*index\.db is damaged/m);
    expect(result.stderr).toMatch(/^hint: Run `archangel index --rebuild`/m);
  });
});

describe.skipIf(!hasTmux)('watch in an 80x24 terminal', () => {
  const session = `archangel-fatal-${process.pid}`;
  const socket = join(tempDir(), 'tmux.sock');
  afterAll(() => spawnSync('tmux', ['-S', socket, 'kill-server']));

  it('keeps the whole error and its hint on screen until a key, then exits 5 and prints it below', async () => {
    const learner = damagedRecord();
    const exitFile = join(tempDir(), 'exit');
    const vars = `ARCHANGEL_CACHE_DIR=${JSON.stringify(tempDir())} TERM=xterm-256color`;
    // The shell stays after watch exits, so the screen it leaves can be read.
    tmux(socket, 'new-session', '-d', '-s', session, '-x', '80', '-y', '24', `cd ${JSON.stringify(learner.dir)} && env -u ANTHROPIC_API_KEY CI=true ${vars} ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} watch; echo $? > ${exitFile}; sleep 600`);
    const screen = flatScreen(await waitForScreen(() => capture(socket, session), /Press any key to quit/));
    expect(screen).toMatch(/error: The learner record at \S+state\.db \(notes and chat history\) is damaged and cannot be read\./);
    expect(screen).toMatch(/hint: Nothing was deleted\. Move it aside .* may rescue old chats\./);
    expect(screen).toContain('exit code 5');
    expect(screen).not.toContain('checking…');
    for (const line of capture(socket, session).split('\n')) expect([...line].length).toBeLessThanOrEqual(80);

    tmux(socket, 'send-keys', '-t', session, 'x');
    await waitForScreen(() => (existsSync(exitFile) ? readFileSync(exitFile, 'utf8') : ''), /\d/);
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('5');
    expect(flatScreen(capture(socket, session))).toMatch(/^.*error: The learner record at .* hint: Nothing was deleted/);
  }, 60_000);
});
