import { describe, expect, it } from 'vitest';
import { splitIntoBatches } from '../../../src/index/embed/batches.js';
import { parseRetryAfter } from '../../../src/index/embed/http.js';

describe('splitIntoBatches', () => {
  it('caps both the number of texts and the characters per batch, keeping order', () => {
    expect(splitIntoBatches(['aa', 'bb', 'cc', 'dd', 'ee'], 2, 100)).toEqual([['aa', 'bb'], ['cc', 'dd'], ['ee']]);
    expect(splitIntoBatches(['aaaa', 'bbbb', 'cc', 'dddddddddd', 'e'], 10, 8)).toEqual([['aaaa', 'bbbb'], ['cc'], ['dddddddddd'], ['e']]);
    expect(splitIntoBatches([], 2, 10)).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });
});
