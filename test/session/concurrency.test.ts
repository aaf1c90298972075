import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openSessionStore } from '../../src/session/store.js';
import { removeTempDirs } from '../helpers/git.js';
import { statePath } from './fixtures.js';

const WRITER = fileURLToPath(new URL('./writer-process.ts', import.meta.url));
const ROUNDS = 300;

interface Writer {
  ready: Promise<void>;
  go(): void;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts one writer process: it opens the store, says ready, and writes once told to go. */
function writer(path: string, name: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, name, String(ROUNDS)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let onReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      onReady();
      resolve({ code, stdout: stdout.replace('ready\n', ''), stderr });
    }),
  );
  return { ready, go: () => child.stdin.end('go\n'), done };
}

describe('session store shared by two processes', () => {
  afterEach(removeTempDirs);

  it('lets watch and the review hook create and write one file at once without failing', async () => {
    const path = statePath();
    // Both open (and so create and migrate) the new file at the same time, then write together.
    const writers = [writer(path, 'watch'), writer(path, 'hook')];
    await Promise.all(writers.map((w) => w.ready));
    writers.forEach((w) => w.go());
    const results = await Promise.all(writers.map((w) => w.done));
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0, stdout: String(ROUNDS) });

    const store = openSessionStore(path, { learner: 'pair@example.org' });
    expect(store.getNote('shared')).toMatchObject({ timesSeen: 2 * ROUNDS, maxLevel: 2 });
    expect(store.hintEvents('shared')).toHaveLength(2 * ROUNDS);
    expect(store.noteHistory()).toHaveLength(2 * ROUNDS + 1);
    const chat = store.chatHistory({ repo: '/repo', branch: 'main', limit: 10_000 });
    expect(chat).toHaveLength(2 * ROUNDS);
    for (const name of ['watch', 'hook']) {
      const mine = chat.filter((m) => m.text.startsWith(`${name} `)).map((m) => Number(m.text.split(' ')[1]));
      expect(mine).toEqual([...Array(ROUNDS).keys()]);
    }
    expect(store.getReview(2 * ROUNDS)).toMatchObject({ notesGiven: 2 });
    store.close();
  }, 60_000);
});
