import { describe, expect, it } from 'vitest';
import { buildProfile, checkFile } from '../../src/conventions/index.js';
import { fromNodeModules } from '../helpers/corpus.js';
import { fixtureProfile, fixtureText, synthetic } from './golden.js';

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('checkFile against conventions learned from real golden code', () => {
  it.each([
    ['typescript', 'src/ts/new.ts', 'export function parse_thing(value: string): string {\n  return value;\n}\n', 'ts.naming.function', 'parse_thing'],
    ['python', 'src/py/new.py', 'def parseThing(value):\n    return value\n', 'py.naming.function', 'parseThing'],
    ['python', 'src/py/new.py', 'def parse(someValue):\n    return someValue\n', 'py.naming.parameter', 'someValue'],
    ['java', 'src/java/New.java', 'class New {\n  int read_all(int count) {\n    return count;\n  }\n}\n', 'java.naming.method', 'read_all'],
    ['java', 'src/java/New.java', 'class New {\n  int read(int count) {\n    int total_count = count;\n    return total_count;\n  }\n}\n', 'java.naming.variable', 'total_count'],
    ['csharp', 'src/cs/New.cs', 'class New {\n  public void findThing() {\n  }\n}\n', 'cs.naming.method', 'findThing'],
    ['typescript', 'src/ts/new.ts', 'export function f(): number {\n  var total = 1;\n  return total;\n}\n', 'ts.idioms.var', undefined],
    ['typescript', 'src/ts/new.ts', `export function wide(${Array.from({ length: 12 }, (_, i) => `p${i}: number`).join(', ')}): number {\n  return p0;\n}\n`, 'ts.size.params', 'wide'],
  ] as const)('%s: reports a seeded departure of the golden conventions', async (language, path, text, ruleId, symbol) => {
    const findings = await checkFile(await fixtureProfile(), { path, language, text });
    const finding = findings.find((f) => f.ruleId === ruleId);
    expect(finding, JSON.stringify(findings)).toBeDefined();
    if (symbol) expect(finding?.symbol).toBe(symbol);
    expect(finding?.support).toBeGreaterThan(0);
    expect(finding?.examples.length).toBeGreaterThan(0);
    expect(finding?.examples[0]?.commit).toHaveLength(40);
  });

  it.each([
    ['typescript', 'src/ts/new.ts', 'export function parseThing(value: string): string {\n  const trimmed = value.trim();\n  return trimmed;\n}\n'],
    ['python', 'src/py/new.py', 'def parse_thing(some_value):\n    total = some_value\n    return total\n'],
    ['java', 'src/java/New.java', 'class New {\n  int readAll(int count) {\n    int total = count;\n    return total;\n  }\n}\n'],
  ] as const)('%s: says nothing about conforming code', async (language, path, text) => {
    expect(await checkFile(await fixtureProfile(), { path, language, text })).toEqual([]);
  });

  it('raises fewer than 5 findings per 1,000 lines on the golden files themselves', async () => {
    const profile = await fixtureProfile();
    let lines = 0;
    let findings = 0;
    for (const [path, language] of [['ts/util.ts', 'typescript'], ['py/textwrap.py', 'python'], ['java/ArrayDeque.java', 'java']] as const) {
      const text = fixtureText(path);
      lines += text.split('\n').length;
      findings += (await checkFile(profile, { path: `src/${path}`, language, text })).length;
    }
    expect((findings / lines) * 1000).toBeLessThan(5);
  });

  it('holds JavaScript to the TypeScript habits when the golden code has too little JavaScript, never to its sizes', async () => {
    // commander's help.js, real code, plus one seeded departure; the golden fixtures have no JavaScript.
    const text = `${fromNodeModules('commander/lib/help.js').toString('utf8')}\nfunction format_usage() {}\n`;
    const profile = await fixtureProfile();
    expect(profile.conventions.some((c) => c.language === 'javascript')).toBe(false);
    const findings = await checkFile(profile, { path: 'src/js/help.js', language: 'javascript', text });
    const naming = findings.find((f) => f.symbol === 'format_usage');
    expect(naming).toMatchObject({ ruleId: 'ts.naming.function', expected: 'camelCase' });
    expect(naming?.message).toContain('(the golden TypeScript: too little JavaScript there to learn from)');
    expect(findings.filter((f) => f.ruleId.includes('.size.'))).toEqual([]);
    // A language with a habit of its own keeps it: Python is never held to TypeScript's camelCase.
    expect(await checkFile(profile, { path: 'src/py/new.py', language: 'python', text: 'def parse_thing(value):\n    return value\n' })).toEqual([]);
  });

  it('lists each further line of a repeated departure once, however often it occurs there', async () => {
    const text = 'export function parse_a(): void {}\nexport function parse_b(): void {} export function parse_c(): void {}\nexport function parse_d(): void {}\n';
    const [finding] = (await checkFile(await fixtureProfile(), { path: 'src/ts/new.ts', language: 'typescript', text })).filter((f) => f.ruleId === 'ts.naming.function');
    expect(finding?.message).toContain('The same on 2 more lines (2, 3).');
  });

  it('never judges unchanged lines', async () => {
    const text = 'export function parse_thing(): void {}\n\nexport function loadThing(): void {}\n';
    const profile = await fixtureProfile();
    const untouched = await checkFile(profile, { path: 'src/ts/new.ts', language: 'typescript', text, changed: [{ start: 3, end: 3 }] });
    expect(untouched).toEqual([]);
    const touched = await checkFile(profile, { path: 'src/ts/new.ts', language: 'typescript', text, changed: [{ start: 1, end: 1 }] });
    expect(touched.map((f) => f.startLine)).toEqual([1]);
  });

  it('survives half-typed code and still judges what it can read', async () => {
    const text = 'export function parse_thing(): void {}\n\nexport function load(a, \n';
    const findings = await checkFile(await fixtureProfile(), { path: 'src/ts/new.ts', language: 'typescript', text });
    expect(findings.map((f) => f.ruleId)).toContain('ts.naming.function');
    for (const broken of ['def f(', 'class {', 'func (', '}}}{{{', '']) {
      await expect(checkFile(await fixtureProfile(), { path: 'src/x.py', language: 'python', text: broken })).resolves.toBeInstanceOf(Array);
    }
  });

  it('groups one departure repeated in a file into a single finding', async () => {
    const text = ['export function one_a(): void {}', 'export function two_b(): void {}', 'export function three_c(): void {}'].join('\n');
    const findings = await checkFile(await fixtureProfile(), { path: 'src/ts/new.ts', language: 'typescript', text });
    expect(findings.filter((f) => f.ruleId === 'ts.naming.function')).toHaveLength(1);
    expect(findings[0]?.message).toContain('2 more lines');
  });

  it('reports an empty catch when the golden catch blocks all handle the error, but not a commented one', async () => {
    const golden = 'export function load(): void {\n  try {\n    run();\n  } catch (error) {\n    report(error);\n  }\n}\n';
    const profile = buildProfile(await synthetic(30, 'typescript', golden, (i) => `src/load-${i}.ts`));
    const text = 'export function save(): void {\n  try {\n    run();\n  } catch (error) {}\n  try {\n    run();\n  } catch {\n    // best effort: the cache is optional\n  }\n}\n';
    const findings = await checkFile(profile, { path: 'src/save.ts', language: 'typescript', text });
    expect(findings.filter((f) => f.ruleId === 'ts.errors.empty-catch').map((f) => f.startLine)).toEqual([lineOf(text, 'catch (error) {}')]);
  });

  it('reports a test moved out of the test folder, judged only for a new file', async () => {
    const golden = [
      ...(await synthetic(30, 'typescript', 'export const x = 1;\n', (i) => `test/thing-${i}.test.ts`)),
      ...(await synthetic(30, 'typescript', 'export const y = 2;\n', (i) => `src/thing-${i}.ts`)),
    ];
    const profile = buildProfile(golden);
    const text = 'import { x } from "./x.js";\n';
    const misplaced = await checkFile(profile, { path: 'src/thing.test.ts', language: 'typescript', text });
    expect(misplaced.map((f) => f.ruleId)).toContain('ts.layout.test-location');
    const edited = await checkFile(profile, { path: 'src/thing.test.ts', language: 'typescript', text: `${text}\n// more\n`, changed: [{ start: 3, end: 3 }] });
    expect(edited).toEqual([]);
  });
});
