import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isClean, loadCases } from '../../bench/mentor/cases.js';
import { BENCH_LANGUAGES } from '../../bench/mentor/golden.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';

afterEach(removeTempDirs);

describe('the committed mentor benchmark cases', () => {
  const cases = loadCases();

  it('are at least 40, at least 6 per language and at least 6 clean, each label checked against its file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const language of BENCH_LANGUAGES) expect(cases.filter((c) => c.language === language).length, language).toBeGreaterThanOrEqual(6);
    expect(cases.filter((c) => isClean(c.label)).length).toBeGreaterThanOrEqual(6);
  });

  it('cover the problems issue 13 measured', () => {
    const problems = new Set(cases.flatMap((c) => (isClean(c.label) ? [] : [c.label.problem])));
    for (const problem of ['hardcoded-secret', 'no-timeout', 'shell-injection', 'sql-concat', 'mutable-default', 'floating-promise', 'string-equality', 'resource-leak', 'unchecked-find', 'swallowed-error', 'any-type', 'deep-nesting']) {
      expect(problems, problem).toContain(problem);
    }
  });
});

describe('loadCases', () => {
  function casesDir(labels: Record<string, unknown>, files: Record<string, string>): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'python'));
    writeFileSync(join(dir, 'python', 'cases.json'), JSON.stringify(labels));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'python', name), text);
    return dir;
  }
  const text = 'import requests\n\n\ndef fetchOrders(url):\n    return requests.get(url)\n';
  const label = { path: 'app/orders.py', problem: 'no-timeout', category: 'correctness', keyLines: [5, 5], keyText: 'requests.get(', minor: [{ line: 4, what: 'camelCase function' }] };

  it('reads a labelled case', () => {
    const [loaded] = loadCases(casesDir({ 'no-timeout.py': label }, { 'no-timeout.py': text }));
    expect(loaded).toMatchObject({ language: 'python', name: 'no-timeout.py', text, label });
  });

  it.each([
    ['a key line without its keyText', { 'no-timeout.py': { ...label, keyLines: [4, 5] } }, /line 4 does not contain its keyText/],
    ['a minor departure on a key line', { 'no-timeout.py': { ...label, minor: [{ line: 5, what: 'x' }] } }, /is on a key line/],
    ['key lines past the end of the file', { 'no-timeout.py': { ...label, keyLines: [5, 9] } }, /are not lines of the file/],
    ['a path in another language', { 'no-timeout.py': { ...label, path: 'app/orders.ts' } }, /same extension/],
    ['an unknown category', { 'no-timeout.py': { ...label, category: 'taste' } }, /category/],
    ['a case file with no label', {}, /has no label for no-timeout.py/],
  ])('refuses %s', (_, labels, message) => {
    expect(() => loadCases(casesDir(labels, { 'no-timeout.py': text }))).toThrow(message);
  });
});
