import { afterAll, describe, expect, it } from 'vitest';
import { createOxlintEngine } from '../../src/pitfalls/engines/oxlint.js';
import { createPitfallFinder } from '../../src/pitfalls/find-pitfalls.js';

const HANDLER = `export function parse(text: string, limit: number) {
  try {
    return JSON.parse(text);
  } finally {
    return null;
  }
}

export function isMissing(value: number) {
  return value === NaN;
}

export function run(code: string) {
  return eval(code);
}
`;

const finder = createPitfallFinder([createOxlintEngine()]);
afterAll(() => finder.close());

describe('oxlint pitfalls', () => {
  it('finds correctness and security pitfalls through the language server, with docs and advice', async () => {
    const { pitfalls, notices } = await finder.find({ path: 'src/handler.ts', language: 'typescript', text: HANDLER });
    expect(notices).toEqual([]);
    expect(pitfalls.map((p) => `${p.startLine} ${p.concern} ${p.ruleId}`)).toEqual([
      '14 security oxlint/no-eval',
      // Always false comes before an error lost in a finally, which comes before mere risks.
      '10 correctness oxlint/use-isnan',
      '5 correctness oxlint/no-unsafe-finally',
    ]);
    const nan = pitfalls.find((p) => p.ruleId === 'oxlint/use-isnan');
    expect(nan?.docsUrl).toBe('https://oxc.rs/docs/guide/usage/linter/rules/eslint/use-isnan.html');
    expect(nan?.fix).toMatch(/isNaN/);
    expect(nan?.message).not.toMatch(/help:/);
  });

  it('reads TSX as React: a hook called conditionally', async () => {
    const component = `import { useState } from 'react';
export function Badge({ on }: { on: boolean }) {
  if (on) {
    const [count] = useState(0);
    return <b>{count}</b>;
  }
  return null;
}
`;
    const { pitfalls } = await finder.find({ path: 'src/Badge.tsx', language: 'tsx', text: component });
    expect(pitfalls.map((p) => p.ruleId)).toEqual(['oxlint/react-hooks/rules-of-hooks']);
  });

  it('stays quiet on style: unused names, shadowing, renames', async () => {
    const styled = `import { a as a } from './a';
const x = 1;
export function f(x: number) {
  const unused = 2;
  return x + a;
}
`;
    expect((await finder.find({ path: 'src/styled.ts', language: 'typescript', text: styled })).pitfalls).toEqual([]);
  });

  it('gives one notice line when oxlint cannot start, and a later file still gets one', async () => {
    const broken = createPitfallFinder([createOxlintEngine({ script: '/nonexistent/oxlint' })]);
    for (const path of ['src/a.ts', 'src/b.ts']) {
      const { pitfalls, notices } = await broken.find({ path, language: 'typescript', text: HANDLER });
      expect(pitfalls).toEqual([]);
      expect(notices).toEqual([expect.stringMatching(new RegExp(`^oxlint could not check ${path} \\(oxlint .*\\); the review goes on without it\\.$`))]);
    }
    await broken.close();
  });
});
