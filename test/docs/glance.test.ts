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

  it('says API habits as calls, and writes their "don\'t" from the golden call', () => {
    const timeout: Convention = { id: 'py.api.requests.get.timeout', language: 'python', category: 'api', statement: '`requests.get` calls pass `timeout=`', expected: 'passes `timeout=`', support: 24, confidence: 1, examples: [], enforced: true, call: { callee: 'requests.get', aspect: 'option', option: 'timeout' } };
    const managed: Convention = { id: 'py.api.open.managed', language: 'python', category: 'api', statement: '`open` calls sit in a `with` statement', expected: 'in a `with` statement', support: 40, confidence: 0.8, examples: [], enforced: false, call: { callee: 'open', aspect: 'managed' } };
    const calls = [{ language: 'python', rules: [naming, timeout, managed].map((convention) => ({ convention, snippets: [], dont: undefined })) }];
    expect(styleOverview(calls, sizes)).toBe(
      [
        '**Python.** 2 rules are enforced, each followed in at least 99% of their cases.',
        '',
        '- Names: snake_case [functions](#py.naming.function).',
        '- Calls: [`requests.get` with `timeout=`](#py.api.requests.get.timeout).',
        '',
        'Usually, though not enforced: [`open` in a `with` statement](#py.api.open.managed) (80%).',
      ].join('\n'),
    );
    expect(counterExample(timeout, ['    response = requests.get(url, timeout=10)'], sizes)).toEqual({ code: 'response = requests.get(url)', text: '`requests.get` called without `timeout=`.' });
    expect(counterExample(managed, ['    with open(path, encoding="utf-8") as handle:'], sizes)).toEqual({ text: '`open` called outside a `with` statement.' });
  });
});
