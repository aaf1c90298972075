import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli.js';
import { createRepo, removeTempDirs } from '../helpers/git.js';

/**
 * A golden remote whose server accepts the connection and never says a word. `archangel index`
 * must say, within seconds, what it is waiting for and what the user can do, and stop on Ctrl-C;
 * it gives up by itself after a minute of silence (test/golden/sync-remote.test.ts shows that bound).
 */

let server: Server;
const sockets: Socket[] = [];
let url: string;

beforeAll(async () => {
  server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x.git`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  removeTempDirs();
});

describe('a golden git server that never answers', () => {
  it('index says what it waits for and what to do, and Ctrl-C stops it', async () => {
    const learner = createRepo();
    learner.commit('start', { 'archangel.json': JSON.stringify({ golden: [{ url, name: 'silent' }] }), '.gitignore': '.archangel/\n' });
    const child = startCli(learner.dir, ['index']);
    let stderr = '';
    const waiting = new Promise<void>((resolve) => {
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('Waiting for')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waiting;
    expect(stderr).toContain(`Waiting for ${url} to answer (fetching silent); giving up after 60 s of silence. Check the URL and your network, or press Ctrl-C to stop.`);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
  }, 60_000);
});
