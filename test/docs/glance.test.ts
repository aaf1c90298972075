import { describe, expect, it } from 'vitest';
import type { Convention, Profile } from '../../src/conventions/types.js';
import { counterExample } from '../../src/docs/counter-example.js';
import { styleOverview } from '../../src/docs/glance.js';

/** Conventions as `archangel index` learns them from a small golden repo (shapes from src/conventions). */
const nesting: Convention = { id: 'py.size.nesting', language: 'python', category: 'size', statement: 'Functions: typically 1 level of nesting, 9 in 10 within 1, rarely over 1', expected: '<= 1 levels of nesting', support: 40, confidence: 1, examples: [], enforced: false };
const naming: Convention = { id: 'py.naming.function', language: 'python', category: 'naming', statement: 'Functions are snake_case', expected: 'snake_case', support: 120, confidence: 0.996, examples: [], enforced: true };
const sizes: Profile['sizes'] = { 'py.size.nesting': { median: 1, p90: 1, p99: 1, max: 3, limit: 1 } };
const guide = [{ language: 'python', rules: [naming, nesting].map((convention) => ({ convention, snippets: [], dont: undefined })) }];

describe('the style guide in plain words', () => {
  it('words the counter-example of a size rule with a singular unit', () => {
    expect(counterExample(nesting, undefined, sizes)?.text).toBe("Functions well beyond 1 level of nesting: past the team's 99th percentile.");
  });

  it('says one enforced rule in the singular, never rounds a share up, and lists strong tendencies apart', () => {
    expect(styleOverview(guide, sizes)).toBe(
      [
        '**Python.** 1 rule is enforced, followed in at least 99% of its cases.',
        '',
        '- Names: snake_case [functions](#py.naming.function).',
        '',
        'Usually, though not enforced: [functions of typically 1 level of nesting (rarely over 1)](#py.size.nesting) (100%).',
      ].join('\n'),
    );
  });
});
