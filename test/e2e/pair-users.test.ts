import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';
import { learnerRepo } from '../helpers/learner.js';
import { capture, hasTmux, tmux, waitForScreen } from '../helpers/tmux.js';

/**
 * `archangel pair --group` between real Unix users. Running as root proves nothing about sharing
 * (root passes every file mode and every tmux ACL), so this test makes throwaway users and a group,
 * and the session's owner is one of them, not root:
 *   owner     starts the session (member of G, umask 077)
 *   writer    member of G, named with --writer
 *   member    member of G (listed by `getent group`)
 *   primary   G is their primary group (not listed by `getent group`)
 *   outsider  not in G
 * It needs root (to create users) and useradd; it skips otherwise.
 */
const canMakeUsers = process.getuid?.() === 0 && spawnSync('useradd', ['--help']).status === 0 && spawnSync('runuser', ['--help']).status === 0;

/** Names are `aapu<pid><role>`: a crashed run's leftovers are recognised by prefix and a dead pid. */
const PREFIX = 'aapu';
const tag = `${PREFIX}${process.pid}`;
const group = `${tag}g`;
const roles = { owner: 'o', writer: 'w', member: 'm', primary: 'p', outsider: 'x' } as const;
const user = (role: keyof typeof roles) => `${tag}${roles[role]}`;

const run = (command: string, ...args: string[]) => spawnSync(command, args, { encoding: 'utf8' });

/** Removes users and groups of earlier runs whose process is gone (a run still going keeps its own). */
function removeLeftovers(): void {
  const dead = (name: string) => {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)[a-z]$`).exec(name)?.[1]);
    if (!pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  };
  const names = (database: string) => run('getent', database).stdout.split('\n').map((line) => line.split(':')[0] ?? '');
  for (const name of names('passwd').filter(dead)) run('userdel', '-f', name);
  for (const name of names('group').filter(dead)) run('groupdel', name);
}

function removeOurs(): void {
  for (const role of Object.keys(roles) as (keyof typeof roles)[]) run('userdel', '-f', user(role));
  run('groupdel', group);
}

let root = '';
let pairDir = '';
let repo = '';
const servers: string[] = [];

/** Runs `args` as `name` in a clean environment (nothing of root's leaks in), in `cwd`. */
function asUser(name: string, args: string[], cwd = root): SpawnSyncReturns<string> {
  const env = [`PATH=${process.env.PATH ?? ''}`, `HOME=${root}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', `ARCHANGEL_PAIR_DIR=${pairDir}`, `ARCHANGEL_CACHE_DIR=${join(root, 'cache')}`];
  return spawnSync('runuser', ['-u', name, '--', 'env', '-i', ...env, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

const socket = () => join(pairDir, 'shared', 'tmux.sock');
const editorPane = () => tmux(socket(), 'list-panes', '-t', '=shared', '-F', '#{pane_id}').split('\n')[0]!;

/** ArchAngel as the command line a guest types. */
const archangel = (...args: string[]) => [process.execPath, BIN, ...args].join(' ');

/**
 * A terminal of user `name`: their own tmux server, whose one pane runs `command` (by default, the
 * raw tmux attach to the pair session, without -r).
 */
function guestTerminal(name: string, command = `env -u TMUX tmux -S ${socket()} attach -t =shared`): { read: () => string; type: (text: string) => void } {
  const dir = join(root, `outer-${servers.length}-${name}`);
  mkdirSync(dir, { mode: 0o700 });
  chownSync(dir, Number(run('id', '-u', name).stdout), -1);
  const outer = join(dir, 'outer.sock');
  servers.push(outer);
  const started = asUser(name, ['tmux', '-S', outer, 'new-session', '-d', '-s', 'outer', '-x', '120', '-y', '40', `${command}; sleep 600`]);
  expect(started.stderr).toBe('');
  return {
    read: () => capture(outer, 'outer'),
    type: (text) => {
      tmux(outer, 'send-keys', '-t', 'outer', '-l', text);
      tmux(outer, 'send-keys', '-t', 'outer', 'Enter');
    },
  };
}

describe.skipIf(!hasTmux || !canMakeUsers)('archangel pair --group between Unix users (needs root and useradd)', () => {
  let started: SpawnSyncReturns<string>;

  beforeAll(() => {
    removeLeftovers();
    expect(run('groupadd', group).status).toBe(0);
    const add = (role: keyof typeof roles, ...groupArgs: string[]) => expect(run('useradd', '-M', '-N', '-s', '/bin/sh', ...groupArgs, user(role)).stderr).toBe('');
    add('owner', '-G', group);
    add('writer', '-G', group);
    add('member', '-G', group);
    add('primary', '-g', group);
    add('outsider');
    const owner = Number(run('id', '-u', user('owner')).stdout);
    // The owner's home for this test: guests may pass through it (0711), nothing more.
    root = tempDir();
    chownSync(root, owner, -1);
    chmodSync(root, 0o711);
    pairDir = join(root, 'pairs');
    const learner = learnerRepo();
    expect(run('chown', '-R', String(owner), learner.dir).status).toBe(0);
    repo = learner.dir;
    // umask 077: the folders guests must pass through are still made passable.
    started = asUser(user('owner'), ['sh', '-c', 'umask 077 && exec "$@"', 'sh', process.execPath, BIN, 'pair', '--name', 'shared', '--group', group, '--writer', user('writer'), '--editor', 'cat', '--detach'], repo);
  });

  afterAll(() => {
    for (const server of [socket(), ...servers]) spawnSync('tmux', ['-S', server, 'kill-server']);
    removeOurs();
    removeTempDirs();
  });

  it('the owner, not root, runs the session: folders 0711 and 2750, socket 0660 in group G', () => {
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    // The base is not the default /tmp/archangel-<uid>, so guests are told to point ARCHANGEL_PAIR_DIR at it.
    expect(started.stdout).toContain(`Members of group ${group} watch with \`ARCHANGEL_PAIR_DIR=${pairDir} archangel pair join ${user('owner')}/shared --read-only\``);
    expect(started.stdout).toContain(`Without ArchAngel they run \`tmux -S ${socket()} attach -t shared -r\``);
    const gid = Number(run('getent', 'group', group).stdout.split(':')[2]);
    expect(statSync(pairDir).mode & 0o7777).toBe(0o711);
    expect([statSync(join(pairDir, 'shared')).mode & 0o7777, statSync(join(pairDir, 'shared')).gid]).toEqual([0o2750, gid]);
    // Members read the metadata to join (0640 despite umask 077) and find the session in their group's index.
    expect([statSync(join(pairDir, 'shared', 'session.json')).mode & 0o7777, statSync(join(pairDir, 'shared', 'session.json')).gid]).toEqual([0o640, gid]);
    expect([statSync(join(pairDir, `.group-${gid}`)).mode & 0o7777, statSync(join(pairDir, `.group-${gid}`)).gid]).toEqual([0o2750, gid]);
    expect(readdirSync(join(pairDir, `.group-${gid}`))).toEqual(['shared']);
    expect([statSync(socket()).mode & 0o666, statSync(socket()).gid]).toEqual([0o660, gid]);
    expect(tmux(socket(), 'display', '-p', '#{uid}').trim()).toBe(run('id', '-u', user('owner')).stdout.trim());
  });

  it('tmux lets in every member read-only, primary-group members too, and the writer read-write', () => {
    const access = tmux(socket(), 'server-access', '-l').split('\n').filter(Boolean).sort();
    expect(access).toEqual([`${user('member')} (R)`, `${user('owner')} (W)`, `${user('primary')} (R)`, `${user('writer')} (W)`].sort());
  });

  it('a member lists the session as shared with them, with the command to join it; an outsider does not see it', () => {
    const listed = asUser(user('member'), [process.execPath, BIN, 'pair', 'list']);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('Shared with you');
    expect(listed.stdout).toContain(`join: archangel pair join ${user('owner')}/shared --read-only`);
    const json = JSON.parse(asUser(user('primary'), [process.execPath, BIN, 'pair', 'list', '--json']).stdout) as Record<string, unknown>[];
    expect(json).toEqual([expect.objectContaining({ owner: user('owner'), name: 'shared', group, running: true, join: `archangel pair join ${user('owner')}/shared` })]);
    expect(JSON.parse(asUser(user('outsider'), [process.execPath, BIN, 'pair', 'list', '--json']).stdout)).toEqual([]);
  });

  it('a member joins with `archangel pair join OWNER/NAME --read-only` from a tmux of theirs; another by NAME alone', async () => {
    const member = guestTerminal(user('member'), archangel('pair', 'join', `${user('owner')}/shared`, '--read-only'));
    const primary = guestTerminal(user('primary'), archangel('pair', 'join', 'shared', '--read-only'));
    for (const terminal of [member, primary]) {
      // The watch pane (its Mentor panel) beside the editor pane, split by tmux's border.
      const screen = await waitForScreen(terminal.read, /Mentor/);
      expect(screen).toMatch(/│/);
    }
    const clients = tmux(socket(), 'list-clients', '-F', '#{client_user} #{client_readonly}').split('\n').filter(Boolean).sort();
    expect(clients).toEqual(expect.arrayContaining([`${user('member')} 1`, `${user('primary')} 1`]));
  }, 60_000);

  it('joining says plainly what is wrong: an unknown owner, an unknown session, a user outside the group', () => {
    const join = (role: keyof typeof roles, target: string) => asUser(user(role), [process.execPath, BIN, 'pair', 'join', target, '--read-only']);
    const unknownOwner = join('member', `${tag}zz/shared`);
    expect([unknownOwner.status, unknownOwner.stderr]).toEqual([2, expect.stringContaining(`There is no user named "${tag}zz" on this machine.`)]);
    const unknownName = join('member', `${user('owner')}/nope`);
    expect([unknownName.status, unknownName.stderr]).toEqual([8, expect.stringContaining(`${user('owner')} has no pair session named "nope".`)]);
    const nameOnly = join('member', 'nope');
    expect([nameOnly.status, nameOnly.stderr]).toEqual([8, expect.stringContaining('There is no pair session named "nope", of yours or shared with you.')]);
    const outsider = join('outsider', `${user('owner')}/shared`);
    expect([outsider.status, outsider.stderr]).toEqual([8, expect.stringContaining(`The pair session ${user('owner')}/shared is shared with group ${group}, and you are not in it.`)]);
  });

  it('an outsider cannot reach the socket; once in the group, tmux still refuses them (not on its list)', () => {
    const outside = asUser(user('outsider'), ['tmux', '-S', socket(), 'list-sessions']);
    expect(outside.status).not.toBe(0);
    expect(outside.stderr).toContain(`error connecting to ${socket()} (Permission denied)`);
    expect(run('usermod', '-a', '-G', group, user('outsider')).status).toBe(0);
    const late = asUser(user('outsider'), ['tmux', '-S', socket(), 'list-sessions']);
    expect(late.stderr).toContain('access not allowed');
    expect(late.stdout).toBe('');
    const join = asUser(user('outsider'), [process.execPath, BIN, 'pair', 'join', `${user('owner')}/shared`]);
    expect([join.status, join.stderr]).toEqual([8, expect.stringContaining(`tmux refuses you in ${user('owner')}/shared: you were not in group ${group} when the session started.`)]);
  });

  it('a read-only member cannot even run commands on the server', () => {
    const command = asUser(user('member'), ['tmux', '-S', socket(), 'send-keys', '-t', '=shared', 'from-a-command', 'Enter']);
    expect(command.stderr).toContain('client is read-only');
    expect(capture(socket(), editorPane())).not.toContain('from-a-command');
  });

  it('members who attach without -r see the session but tmux drops their keys; the writer types', async () => {
    const member = guestTerminal(user('member'));
    const primary = guestTerminal(user('primary'));
    const writer = guestTerminal(user('writer'));
    for (const terminal of [member, primary, writer]) await waitForScreen(terminal.read, /Mentor/);
    member.type('from-the-member');
    primary.type('from-the-primary');
    writer.type('from-the-writer');
    // Keys reach the server in order: once the writer's line is in the editor, the others' would be too.
    const editor = await waitForScreen(() => capture(socket(), editorPane()), /from-the-writer/);
    expect(editor).not.toContain('from-the-member');
    expect(editor).not.toContain('from-the-primary');
  }, 60_000);

  it('a member cannot stop the owner\'s session: one sentence, and the session runs on', () => {
    const stop = asUser(user('member'), [process.execPath, BIN, 'pair', 'stop', 'shared']);
    expect([stop.status, stop.stderr]).toEqual([8, expect.stringContaining('Only the owner of the pair session "shared" can stop it.')]);
    expect(spawnSync('tmux', ['-S', socket(), 'has-session']).status).toBe(0);
  });

  it('a guest joining once the tmux server has gone is told the session ended', () => {
    tmux(socket(), 'kill-server');
    const join = asUser(user('member'), [process.execPath, BIN, 'pair', 'join', `${user('owner')}/shared`, '--read-only']);
    expect([join.status, join.stderr]).toEqual([8, expect.stringContaining(`The pair session ${user('owner')}/shared has ended.`)]);
  });

  it('the owner stops it: the summary is written in their repository, the folder and its group listing go', () => {
    const stop = asUser(user('owner'), [process.execPath, BIN, 'pair', 'stop', 'shared'], repo);
    expect(stop.stderr).toBe('');
    expect(stop.status).toBe(0);
    expect(spawnSync('tmux', ['-S', socket(), 'has-session']).status).not.toBe(0);
    expect(existsSync(join(pairDir, 'shared'))).toBe(false);
    const gid = Number(run('getent', 'group', group).stdout.split(':')[2]);
    expect(readdirSync(join(pairDir, `.group-${gid}`))).toEqual([]);
    expect(readdirSync(join(repo, '.archangel', 'sessions'))).toEqual([expect.stringMatching(/^shared-\d{4}-\d\d-\d\d-\d{4}\.md$/)]);
  });
});
