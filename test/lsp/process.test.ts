import { appendFileSync, existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';
import { spawnedServer } from '../helpers/lsp-client.js';

/**
 * The built `archangel lsp --stdio` as an editor runs it: a child process on pipes. An editor that
 * goes away (crashed, killed, closed without a word) must leave nothing running behind it.
 */

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  removeTempDirs();
});

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

/** The processes `pid` started, and theirs (oxlint's language server, git). */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter((child) => child.trim() !== '').map(Number);
  } catch {
    // gone meanwhile
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** Which of `pids` still run, once they had 10 s to notice their parent is gone. */
async function stillRunning(pids: number[]): Promise<number[]> {
  const running = () => pids.filter((pid) => existsSync(`/proc/${pid}`) && !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8')));
  for (let tries = 0; tries < 100 && running().length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  return running();
}

/** Processes other than this one working in, or naming, one of `dirs`: what a server left behind. */
function processesIn(dirs: string[]): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (dirs.some((dir) => cwd.startsWith(dir) || cmdline.includes(dir))) found.push(`${pid}: ${cmdline}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

describe('archangel lsp --stdio as a process', () => {
  it('exits 0 on shutdown and exit', async () => {
    const learner = learnerRepo();
    const { client, child } = spawnedServer(learner.dir, { ARCHANGEL_CACHE_DIR: tempDir() });
    await client.initialize(learner.dir);
    await client.connection.sendRequest('shutdown');
    await client.connection.sendNotification('exit');
    expect(await exited(child)).toBe(0);
  }, 60_000);

  it('leaves no process behind when the editor vanishes while the golden index is being built', async () => {
    const golden: TestRepo = zodGolden();
    const learner = learnerRepo(golden);
    const { client, child, stderr } = spawnedServer(learner.dir, { ARCHANGEL_CACHE_DIR: tempDir() });
    await client.initialize(learner.dir);
    client.open('src/users.ts');
    await client.waitFor(() => client.progress.find((value) => value.kind === 'begin'), 'indexing to start');
    child.stdin!.destroy();
    expect(await exited(child), stderr()).toBe(0);
    expect(processesIn([learner.dir, golden.dir])).toEqual([]);
  }, 60_000);

  it('leaves no process behind when the editor vanishes while a model is writing the review', async () => {
    fake = await startFakeAnthropic({ script: [{ kind: 'hang' }] });
    const learner = learnerRepo();
    appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
    const { client, child } = spawnedServer(learner.dir, { ARCHANGEL_CACHE_DIR: tempDir(), ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url });
    await client.initialize(learner.dir);
    client.open('src/users.ts');
    await client.waitFor(() => fake!.requests[0], 'the review request');
    // The linters the review ran (oxlint's language server) are the server's children by now.
    const started = descendants(child.pid!);
    expect(started.length).toBeGreaterThan(0);
    child.stdin!.destroy();
    expect(await exited(child)).toBe(0);
    expect(await stillRunning(started)).toEqual([]);
    expect(processesIn([learner.dir])).toEqual([]);
  }, 60_000);
});
