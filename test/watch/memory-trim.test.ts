import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { QUIET_MS, trimWhenQuiet } from '../../src/watch/memory-trim.js';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real Node process that grows its young generation the way watch does (a burst of objects that
 * live a little while), then goes quiet; it prints the young generation's size before and after.
 * The built module is used so the child runs plain node, as `archangel watch` does.
 */
const CHILD = `
import v8 from 'node:v8';
import { trimWhenQuiet } from ${JSON.stringify(new URL('../../dist/watch/memory-trim.js', import.meta.url).href)};
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
let kept = [];
for (let round = 0; round < 60; round++) {
  kept.push(Array.from({ length: 20000 }, (_, i) => ({ round, i, text: 'x' + i })));
  if (kept.length > 8) kept.shift();
}
kept = [];
const grown = young();
const trim = trimWhenQuiet();
if (process.argv[1] === 'trim') trim.activity();
setTimeout(() => {
  trim.close();
  console.log(JSON.stringify({ grown, after: young() }));
}, Number(process.argv[2]));
`;

/** A child that starts a trim first, then allocates like start-up, then again once the trim has let go. */
const HOLD_CHILD = `
import v8 from 'node:v8';
import { trimWhenQuiet } from ${JSON.stringify(new URL('../../dist/watch/memory-trim.js', import.meta.url).href)};
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const burst = () => {
  let kept = [];
  for (let round = 0; round < 60; round++) {
    kept.push(Array.from({ length: 20000 }, (_, i) => ({ round, i, text: 'x' + i })));
    if (kept.length > 8) kept.shift();
  }
  return young();
};
const trim = trimWhenQuiet();
const held = burst();
trim.close();
console.log(JSON.stringify({ held, released: burst() }));
`;

function runChild(mode: 'trim' | 'idle', waitMs: number): Promise<{ grown: number; after: number }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, mode, String(waitMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(JSON.parse(out) as { grown: number; after: number }) : reject(new Error(`child exited ${status}`))));
  });
}

describe('trimWhenQuiet', () => {
  it('gives a grown young generation back once the process has been quiet, which V8 alone does not', async () => {
    const [trimmed, idle] = await Promise.all([runChild('trim', QUIET_MS + 1_000), runChild('idle', QUIET_MS + 1_000)]);
    expect(trimmed.grown).toBeGreaterThan(8 * MB);
    expect(idle.grown).toBeGreaterThan(8 * MB);
    expect(trimmed.after).toBeLessThanOrEqual(4 * MB);
    expect(idle.after).toBe(idle.grown);
  }, 40_000);

  it('keeps the young generation from growing from its start until the first quiet spell, then lets V8 grow it again', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', HOLD_CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await new Promise((resolve) => child.on('close', resolve));
    const { held, released } = JSON.parse(out) as { held: number; released: number };
    expect(held).toBeLessThanOrEqual(4 * MB);
    expect(released).toBeGreaterThan(8 * MB);
  }, 40_000);

  it('collects on its schedule only while the young generation is large', async () => {
    let young = 32 * MB;
    let collections = 0;
    const trim = trimWhenQuiet({ delaysMs: [10, 10, 10], collect: () => collections++, youngBytes: () => young, growthFactor: () => {} });
    trim.activity();
    await sleep(150);
    expect(collections).toBe(3);

    trim.activity();
    await sleep(150);
    expect(collections).toBe(6);

    young = 2 * MB;
    trim.activity();
    await sleep(150);
    expect(collections).toBe(6);
    trim.close();
  });

  it('starts the quiet spell again on activity, and does nothing once closed', async () => {
    let collections = 0;
    const trim = trimWhenQuiet({ delaysMs: [60, 10], collect: () => collections++, youngBytes: () => 32 * MB, growthFactor: () => {} });
    for (let i = 0; i < 5; i++) {
      trim.activity();
      await sleep(20);
    }
    expect(collections).toBe(0);
    trim.close();
    await sleep(150);
    expect(collections).toBe(0);
  });
});
