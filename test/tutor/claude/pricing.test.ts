import { describe, expect, it } from 'vitest';
import { estimateCostUsd } from '../../../src/tutor/claude/pricing.js';

describe('estimateCostUsd', () => {
  it('prices a model by its family, on every platform spelling', () => {
    expect(estimateCostUsd('claude-haiku-5-5', 1_000_000, 1_000_000)).toBe(6);
    expect(estimateCostUsd('anthropic.claude-sonnet-4-5-20250929-v1:0', 1_000_000, 0)).toBe(3);
    expect(estimateCostUsd('claude-opus-4-1-20250805', 0, 1_000_000)).toBe(75);
    expect(estimateCostUsd('claude-opus-4-5', 0, 1_000_000)).toBe(25);
    expect(estimateCostUsd('claude-3-5-haiku-latest', 1_000_000, 0)).toBe(0.8);
  });

  it('has no estimate for a model it does not know', () => {
    expect(estimateCostUsd('my-gateway-model', 1000, 1000)).toBeUndefined();
  });
});
