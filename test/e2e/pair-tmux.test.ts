import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, USERS_START, zodGolden } from '../helpers/learner.js';
import { capture, hasTmux, tmux, waitForScreen } from '../helpers/tmux.js';

/**
 * `archangel pair` with real tmux: every session lives on a socket under a temp ARCHANGEL_PAIR_DIR,
 * so the tests never touch the user's own tmux server. Children run without a key (the offline
 * mentor), and with whatever CI flag the test run has: watch draws on a terminal either way.
 */

/** The test user's primary group, which `--group` shares sessions with. */
const GROUP = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();

let pairDir = '';
const outerSockets: string[] = [];

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ARCHANGEL_PAIR_DIR: pairDir, ARCHANGEL_CACHE_DIR: join(pairDir, '..', 'cache'), TERM: 'xterm-256color', TMUX: '', EDITOR: 'cat', ...extra };
}

const socketOf = (name: string) => join(pairDir, name, 'tmux.sock');
const panes = (name: string) => tmux(socketOf(name), 'list-panes', '-t', `=${name}`, '-F', '#{pane_id}').trim().split('\n');

/** A tmux server of the test's own, whose pane runs `command` (a joining terminal). */
function outerTerminal(command: string): { socket: string; read: () => string; type: (...keys: string[]) => void } {
  const socket = join(tempDir(), 'outer.sock');
  outerSockets.push(socket);
  execFileSync('tmux', ['-S', socket, 'new-session', '-d', '-s', 'outer', '-x', '120', '-y', '40', command], { env: { ...process.env, TMUX: '' } });
  return { socket, read: () => capture(socket, 'outer'), type: (...keys) => void tmux(socket, 'send-keys', '-t', 'outer', ...keys) };
}

describe.skipIf(!hasTmux)('archangel pair', () => {
  beforeAll(() => {
    // Guests pass through every folder above a shared socket; mkdtemp makes its folder 0700.
    const root = tempDir();
    chmodSync(root, 0o711);
    pairDir = join(root, 'pairs');
  });
  afterEach(() => {
    for (const name of existsSync(pairDir) ? readdirSync(pairDir) : []) {
      spawnSync('tmux', ['-S', socketOf(name), 'kill-server']);
      rmSync(join(pairDir, name), { recursive: true, force: true });
    }
    for (const socket of outerSockets.splice(0)) spawnSync('tmux', ['-S', socket, 'kill-server']);
  });
  afterAll(() => removeTempDirs());

  describe('bad input: one sentence each, nothing left behind', () => {
    const nothingMade = () => expect(existsSync(pairDir) ? readdirSync(pairDir) : []).toEqual([]);

    it('tmux missing: says so and how to install it', () => {
      const learner = learnerRepo();
      const result = runCli(learner.dir, ['pair', '--detach'], env({ PATH: tempDir() }));
      expect(result.status).toBe(8);
      expect(result.stderr).toContain('tmux is not installed');
      expect(result.stderr).toContain('apt-get install tmux');
      nothingMade();
    });

    it('tmux too old: names the version found and the one needed', () => {
      const learner = learnerRepo();
      const bin = tempDir();
      writeFileSync(join(bin, 'tmux'), '#!/bin/sh\necho "tmux 2.9"\n');
      chmodSync(join(bin, 'tmux'), 0o755);
      const result = runCli(learner.dir, ['pair', '--detach'], env({ PATH: `${bin}:${process.env.PATH ?? ''}` }));
      expect(result.status).toBe(8);
      expect(result.stderr).toContain('This is tmux 2.9, and pair sessions need tmux 3.3 or newer');
      nothingMade();
    });

    it('no $EDITOR and no --editor', () => {
      const learner = learnerRepo();
      const result = runCli(learner.dir, ['pair', '--detach'], env({ EDITOR: '' }));
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('No editor to open: $EDITOR is not set and --editor was not given.');
      nothingMade();
    });

    it('--writer without --group: there would be no guest to let type', () => {
      const result = runCli(learnerRepo().dir, ['pair', '--writer', 'ada', '--detach'], env());
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('--writer names a guest who may type, and guests come in only with --group.');
      nothingMade();
    });

    it('--group under a folder guests cannot pass through: refused before anything is made', () => {
      const closed = tempDir();
      const result = runCli(learnerRepo().dir, ['pair', '--group', GROUP, '--detach'], env({ ARCHANGEL_PAIR_DIR: join(closed, 'pairs') }));
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`Guests could not reach the session: ${closed} does not let other users pass through it.`);
      expect(readdirSync(closed)).toEqual([]);
    });

    it('--group inside tmux: refused, as the session would be a window of the user\'s own server', () => {
      const result = runCli(learnerRepo().dir, ['pair', '--group', GROUP, '--detach'], env({ TMUX: `${join(tempDir(), 'mine.sock')},1,0` }));
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('--group shares a tmux server of its own, and you are inside tmux');
      nothingMade();
    });

    it('a name tmux cannot take', () => {
      const result = runCli(learnerRepo().dir, ['pair', '--name', 'a.b', '--detach'], env());
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('"a.b" cannot name a pair session');
      nothingMade();
    });

    it('the name taken: the running session is left alone', () => {
      const learner = learnerRepo();
      expect(runCli(learner.dir, ['pair', '--name', 'taken', '--detach'], env()).status).toBe(0);
      const again = runCli(learner.dir, ['pair', '--name', 'taken', '--detach'], env());
      expect(again.status).toBe(8);
      expect(again.stderr).toContain('A pair session named "taken" is already running');
      expect(spawnSync('tmux', ['-S', socketOf('taken'), 'has-session', '-t', '=taken']).status).toBe(0);
    });

    it('the session already gone: join refuses, stop says so and still writes the summary', () => {
      const learner = learnerRepo();
      expect(runCli(learner.dir, ['pair', 'join', 'nope'], env()).stderr).toContain('There is no pair session named "nope", of yours or shared with you.');
      expect(runCli(learner.dir, ['pair', '--name', 'gone', '--detach'], env()).status).toBe(0);
      tmux(socketOf('gone'), 'kill-server');
      const joined = runCli(learner.dir, ['pair', 'join', 'gone'], env());
      expect(joined.status).toBe(8);
      expect(joined.stderr).toContain('The pair session "gone" has already ended');
      expect(runCli(learner.dir, ['pair', 'list'], env()).stdout).toMatch(/gone\s+ended/);
      const stop = runCli(learner.dir, ['pair', 'stop', 'gone'], env());
      expect(stop.status).toBe(0);
      expect(stop.stdout).toContain('had already ended; its summary was still written');
      expect(readdirSync(join(learner.dir, '.archangel', 'sessions'))).toEqual([expect.stringMatching(/^gone-\d{4}-\d\d-\d\d-\d{4}\.md$/)]);
      expect(existsSync(join(pairDir, 'gone'))).toBe(false);
    });
  });

  it('keeps the socket private: folder 0700, socket 0600, base folder never writable by others', () => {
    const learner = learnerRepo();
    const started = runCli(learner.dir, ['pair', '--name', 'private', '--detach'], env());
    expect(started.stdout).toContain('Nobody else can join: the socket is private to you.');
    expect(statSync(pairDir).mode & 0o7777).toBe(0o711);
    expect(statSync(join(pairDir, 'private')).mode & 0o7777).toBe(0o700);
    expect(statSync(socketOf('private')).mode & 0o077).toBe(0);
    expect(statSync(socketOf('private')).isSocket()).toBe(true);
  });

  it('--group shares with one group: folder 2750 and socket 0660 in that group, never world-accessible', () => {
    const gid = userInfo().gid;
    const learner = learnerRepo();
    const started = runCli(learner.dir, ['pair', '--name', 'shared', '--group', GROUP, '--detach'], env());
    expect(started.status).toBe(0);
    expect(started.stdout).toContain(`Members of group ${GROUP} watch with \`ARCHANGEL_PAIR_DIR=${pairDir} archangel pair join ${userInfo().username}/shared --read-only\``);
    expect(started.stdout).toContain(`Without ArchAngel they run \`tmux -S ${socketOf('shared')} attach -t shared -r\``);
    const dir = statSync(join(pairDir, 'shared'));
    expect([dir.mode & 0o7777, dir.gid]).toEqual([0o2750, gid]);
    const socket = statSync(socketOf('shared'));
    expect([socket.mode & 0o677, socket.gid]).toEqual([0o660, gid]);
    const unknown = runCli(learner.dir, ['pair', '--name', 'other', '--group', 'no-such-group-x', '--detach'], env());
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('There is no group named "no-such-group-x"');
    expect(existsSync(join(pairDir, 'other'))).toBe(false);
  });

  it('a read-only join sees the session but tmux refuses its keys; a normal join types', async () => {
    const learner = learnerRepo();
    expect(runCli(learner.dir, ['pair', '--name', 'ro', '--detach'], env()).status).toBe(0);
    const [editorPane] = panes('ro');
    const joinCommand = (flags: string) => `env -u TMUX ARCHANGEL_PAIR_DIR=${pairDir} ${process.execPath} ${BIN} pair join ro ${flags}`;
    const observer = outerTerminal(joinCommand('--read-only'));
    const driver = outerTerminal(joinCommand(''));
    await waitForScreen(observer.read, /Mentor/);
    await waitForScreen(driver.read, /Mentor/);
    observer.type('-l', 'from-the-observer');
    observer.type('Enter');
    driver.type('-l', 'from-the-driver');
    driver.type('Enter');
    // Keys reach the server in order: once the driver's line is in the editor, the observer's would be too.
    const editor = await waitForScreen(() => capture(socketOf('ro'), editorPane!), /from-the-driver/);
    expect(editor).not.toContain('from-the-observer');
  }, 60_000);

  it('inside tmux: a new window of that server with editor and watch; stop closes only that window', async () => {
    const learner = learnerRepo();
    const vars = Object.entries(env({ TMUX: undefined })).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${value!}`);
    // The command really runs in a pane of the test's tmux server, so $TMUX is set by tmux itself.
    const outer = outerTerminal(`cd ${learner.dir} && env ${vars.join(' ')} ${process.execPath} ${BIN} pair --name win --navigator ada; sleep 600`);
    const printed = await waitForScreen(() => capture(outer.socket, 'outer:0'), /Pair session "win" is window (@\d+)/);
    const window = /is window (@\d+)/.exec(printed)![1]!;
    expect(tmux(outer.socket, 'list-windows', '-t', 'outer', '-F', '#{window_id} #{window_name} #{window_panes}').trim().split('\n')).toEqual([expect.stringMatching(/^@\d+ \S+ 1$/), `${window} win 2`]);
    const [editorPane, watchPane] = tmux(outer.socket, 'list-panes', '-t', window, '-F', '#{pane_id}').trim().split('\n');
    expect(tmux(outer.socket, 'display', '-p', '-t', editorPane!, '#{pane_current_command}').trim()).toBe('cat');
    tmux(outer.socket, 'resize-window', '-t', window, '-x', '240', '-y', '50');
    await waitForScreen(() => capture(outer.socket, watchPane!), /pair: \S+ driving · ada navigating/);

    const [listed] = JSON.parse(runCli(learner.dir, ['pair', 'list', '--json'], env()).stdout) as Record<string, unknown>[];
    expect(listed).toMatchObject({ name: 'win', kind: 'window', socket: outer.socket, window, tmuxSession: 'outer', running: true });

    const stop = runCli(learner.dir, ['pair', 'stop', 'win'], env());
    expect(stop.status).toBe(0);
    expect(stop.stdout).toMatch(/Stopped "win"\. Summary: \.archangel\/sessions\/win-\d{4}-\d\d-\d\d-\d{4}\.md/);
    expect(tmux(outer.socket, 'list-windows', '-t', 'outer', '-F', '#{window_id}').trim().split('\n')).not.toContain(window);
    expect(capture(outer.socket, 'outer:0')).toContain('Pair session "win"');
    expect(existsSync(join(pairDir, 'win'))).toBe(false);
    expect(readFileSync(join(learner.dir, '.archangel', 'sessions', readdirSync(join(learner.dir, '.archangel', 'sessions'))[0]!), 'utf8')).toContain('Navigator: ada');
  }, 60_000);

  describe('a whole session', () => {
    let golden: TestRepo;
    beforeAll(() => {
      golden = zodGolden();
    });

    it('runs the editor and watch side by side; the navigator adds a note; stop writes the summary', async () => {
      const learner = learnerRepo(golden);
      const started = runCli(learner.dir, ['pair', '--name', 'full', '--navigator', 'ada', '--detach'], env());
      expect(started.status).toBe(0);
      expect(started.stdout).toContain('You: `archangel pair join full`');
      const [editorPane, watchPane] = panes('full');
      const socket = socketOf('full');
      const watch = () => capture(socket, watchPane!);
      // Two panes side by side want a wide terminal; a detached session has no client to size it.
      tmux(socket, 'resize-window', '-t', '=full', '-x', '240', '-y', '50');
      expect(tmux(socket, 'display', '-p', '-t', editorPane!, '#{pane_current_command}').trim()).toBe('cat');
      await waitForScreen(watch, /pair: \S+ driving · ada navigating/);
      await waitForScreen(watch, /offline mentor/);

      writeFileSync(join(learner.dir, 'src/users.ts'), `${USERS_START}${SWALLOWED_ERROR}`);
      await waitForScreen(watch, /src\/users\.ts:\d+\s+(empty block|error handling|naming)/);
      tmux(socket, 'send-keys', '-t', watchPane!, 'h');
      tmux(socket, 'send-keys', '-t', watchPane!, 'n');
      await waitForScreen(watch, /✎ note:/);
      tmux(socket, 'send-keys', '-t', watchPane!, '-l', 'ask what the caller sees');
      await waitForScreen(watch, /✎ note: ask what the caller sees/);
      tmux(socket, 'send-keys', '-t', watchPane!, 'Enter');
      await waitForScreen(watch, /✎ ada: ask what the caller sees/);
      tmux(socket, 'send-keys', '-t', watchPane!, 'c');
      await waitForScreen(watch, /Enter send/);
      tmux(socket, 'send-keys', '-t', watchPane!, '-l', 'why not return null?');
      await waitForScreen(watch, /why not return null\?/);
      tmux(socket, 'send-keys', '-t', watchPane!, 'Enter');
      await waitForScreen(watch, /mentor: /);

      const stop = runCli(learner.dir, ['pair', 'stop'], env());
      expect(stop.status).toBe(0);
      expect(stop.stdout).toMatch(/Stopped "full"\. Summary: \.archangel\/sessions\/full-\d{4}-\d\d-\d\d-\d{4}\.md/);
      expect(spawnSync('tmux', ['-S', socket, 'has-session']).status).not.toBe(0);
      expect(existsSync(join(pairDir, 'full'))).toBe(false);
      const [file] = readdirSync(join(learner.dir, '.archangel', 'sessions'));
      const summary = readFileSync(join(learner.dir, '.archangel', 'sessions', file!), 'utf8');
      expect(summary).toContain('# Pair session full');
      expect(summary).toContain('Navigator: ada');
      expect(summary).toMatch(/## Notes given \(\d+\)\n\n- \*\*.+\*\* `src\/users\.ts:\d+/);
      expect(summary).toMatch(/## Hints climbed \(1\)\n\n- \*\*.+\*\* `src\/users\.ts:\d+(-\d+)?`: L2/);
      expect(summary).toContain('## Chat questions (1)\n\n- why not return null?');
      expect(summary).toMatch(/## Navigator notes \(1\)\n\n- ada \(\d\d:\d\d\): ask what the caller sees/);
      expect(summary).toMatch(/## Conventions that came up most \(\d\)\n\n- `[\w.-]+`: \d+ notes?, 1 hint climbed/);
    }, 120_000);
  });
});
