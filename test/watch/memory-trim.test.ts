import { describe, expect, it } from 'vitest';
import { trimWhenQuiet } from '../../src/watch/memory-trim.js';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('trimWhenQuiet', () => {
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
