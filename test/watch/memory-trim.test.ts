import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { trimWhenQuiet } from '../../src/watch/memory-trim.js';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real Node process that allocates the way watch does (a burst of objects that live a little
 * while) and prints its young generation's size, with a trim started first or left to V8 alone.
 * The built module is used so the child runs plain node, as `archangel watch` does.
 */
const CHILD = `
import v8 from 'node:v8';
import { trimWhenQuiet } from ${JSON.stringify(new URL('../../dist/watch/memory-trim.js', import.meta.url).href)};
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const trim = process.argv[1] === 'trim' ? trimWhenQuiet() : undefined;
let kept = [];
for (let round = 0; round < 60; round++) {
  kept.push(Array.from({ length: 20000 }, (_, i) => ({ round, i, text: 'x' + i })));
  if (kept.length > 8) kept.shift();
}
trim?.close();
console.log(JSON.stringify({ young: young() }));
`;

async function youngAfterBurst(mode: 'trim' | 'alone'): Promise<number> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  return (JSON.parse(out) as { young: number }).young;
}

describe('trimWhenQuiet', () => {
  it('keeps the young generation at its start size through a start-up burst that V8 alone grows it for', async () => {
    const [trimmed, alone] = await Promise.all([youngAfterBurst('trim'), youngAfterBurst('alone')]);
    expect(trimmed).toBeLessThanOrEqual(4 * MB);
    expect(alone).toBeGreaterThan(8 * MB);
  }, 40_000);

  it('collects once after each quiet spell, and the spell starts again on activity', async () => {
    let collections = 0;
    const trim = trimWhenQuiet({ quietMs: 60, collect: () => collections++, youngBytes: () => 0, growthFactor: () => {} });
    for (let i = 0; i < 5; i++) {
      trim.activity();
      await sleep(20);
    }
    expect(collections).toBe(0);
    await sleep(150);
    expect(collections).toBe(1);
    await sleep(150);
    expect(collections).toBe(1);

    trim.activity();
    await sleep(150);
    expect(collections).toBe(2);
    trim.close();
  });

  it('holds the young generation through start-up, then lets it grow up to the cap only', async () => {
    let young = 2 * MB;
    const factors: number[] = [];
    const trim = trimWhenQuiet({ quietMs: 10, collect: () => {}, youngBytes: () => young, growthFactor: (factor) => factors.push(factor) });
    trim.activity();
    expect(factors).toEqual([1]);
    await sleep(50);
    expect(factors).toEqual([1, 2]);
    young = 8 * MB;
    trim.activity();
    expect(factors).toEqual([1, 2, 1]);
    trim.activity();
    expect(factors).toEqual([1, 2, 1]);
    trim.close();
  });

  it('does nothing once closed, and gives V8 its growth factor back', async () => {
    let collections = 0;
    const factors: number[] = [];
    const trim = trimWhenQuiet({ quietMs: 10, collect: () => collections++, youngBytes: () => 0, growthFactor: (factor) => factors.push(factor) });
    trim.activity();
    trim.close();
    trim.activity();
    await sleep(100);
    expect(collections).toBe(0);
    expect(factors).toEqual([1, 2]);
  });
});
