import { describe, expect, it, vi } from 'vitest';
import type { Convention } from '../../src/conventions/types.js';
import { findPitfalls } from '../../src/pitfalls/find-pitfalls.js';
import type { ReviewServices } from '../../src/review/open-services.js';
import { warmUp } from '../../src/watch/engine.js';

vi.mock('../../src/pitfalls/find-pitfalls.js', () => ({ findPitfalls: vi.fn(() => Promise.resolve({ pitfalls: [], notices: [] })) }));

const convention = (language: Convention['language']): Convention => ({ id: `${language}.naming`, language, category: 'naming', statement: 'names', expected: 'camelCase', support: 40, confidence: 0.95, examples: [] }) as unknown as Convention;

describe('warm-up after the first review', () => {
  it('starts the linters of the languages the conventions judge, so the first save does not wait for them, but not Ruff', async () => {
    const services = { profile: { version: 1, conventions: [convention('typescript'), convention('python'), convention('go'), convention('typescript')], sizes: {} } } as unknown as ReviewServices;
    await warmUp(services);
    // Ruff would hold ~120 MB of this process from the start.
    expect(vi.mocked(findPitfalls).mock.calls.map(([file]) => file.language).sort()).toEqual(['go', 'typescript']);
    expect(vi.mocked(findPitfalls).mock.calls.every(([file]) => file.text === '')).toBe(true);
  });
});
