import { describe, expect, it } from 'vitest';
import { buildProfile, checkFile, formatProfileTable, observeFile } from '../../src/conventions/index.js';
import { MIN_SUPPORT } from '../../src/conventions/thresholds.js';
import { fixtureGolden, fixtureProfile, fixtureText, synthetic } from './golden.js';

describe('observeFile', () => {
  it('keeps observations compact: counts and a few ranges, far smaller than the file', async () => {
    const text = fixtureText('ts/util.ts');
    const observations = await observeFile(text, 'typescript');
    expect(JSON.stringify(observations).length).toBeLessThan(text.length / 5);
    expect(observations.cat['naming.function']?.camelCase?.n).toBeGreaterThan(10);
    expect(observations.size['size.function-lines']).toBeDefined();
  });
});

describe('buildProfile', () => {
  it('learns naming, size and layout per language with support, confidence and citations', async () => {
    const profile = await fixtureProfile();
    const fn = profile.conventions.find((c) => c.id === 'ts.naming.function');
    expect(fn).toMatchObject({ expected: 'camelCase', enforced: true, category: 'naming' });
    expect(fn?.confidence).toBeGreaterThan(0.9);
    expect(fn?.examples[0]).toMatchObject({ repo: 'acme/golden', path: expect.stringMatching(/^src\/ts\//) });
    expect(profile.conventions.find((c) => c.id === 'py.naming.function')?.expected).toBe('snake_case');
    expect(profile.conventions.find((c) => c.id === 'java.naming.method')?.expected).toBe('camelCase');
    expect(profile.conventions.find((c) => c.id === 'cs.naming.method')?.expected).toBe('PascalCase');
    expect(profile.conventions.find((c) => c.id === 'go.naming.function')?.expected).toBe('mixedCaps');
    expect(profile.sizes['ts.size.function-lines']?.median).toBeGreaterThan(0);
    // Size habits in words a junior reads without statistics: "typically" and "9 in 10", not "median" and "p90".
    expect(profile.conventions.find((c) => c.id === 'ts.size.function-lines')?.statement).toMatch(/^Functions: typically \d+ lines?, 9 in 10 within \d+, rarely over \d+$/);
  });

  it(`never enforces a pattern seen fewer than ${MIN_SUPPORT} times`, async () => {
    const profile = buildProfile(await synthetic(1, 'typescript', 'export function parseA(): void {}\nexport function parseB(): void {}\n', () => 'src/a.ts'));
    const fn = profile.conventions.find((c) => c.id === 'ts.naming.function');
    expect(fn?.support).toBe(2);
    expect(fn?.enforced).toBe(false);
    expect(await checkFile(profile, { path: 'src/b.ts', language: 'typescript', text: 'function parse_c(): void {}\n' })).toEqual([]);
  });

  it('never enforces a habit the golden code splits on', async () => {
    const mixed = [
      ...(await synthetic(20, 'typescript', 'export function parseA(): void {}\n', (i) => `src/a${i}.ts`)),
      ...(await synthetic(20, 'typescript', 'export function parse_b(): void {}\n', (i) => `src/b${i}.ts`)),
    ];
    expect(buildProfile(mixed).conventions.find((c) => c.id === 'ts.naming.function')?.enforced).toBe(false);
  });

  it('enforces a habit nearly everyone follows though a big corpus has more departures per line than the usual budget', async () => {
    // 300 files of one function each, `departures` of them snake_case, each file padded to `lines` lines.
    const files = async (departures: number, lines: number) => {
      const padding = '// line\n'.repeat(lines - 1);
      return [
        ...(await synthetic(300 - departures, 'typescript', `${padding}export function parseA(): void {}\n`, (i) => `src/a${i}.ts`)),
        ...(await synthetic(departures, 'typescript', `${padding}export function parse_b(): void {}\n`, (i) => `src/b${i}.ts`)),
      ];
    };
    const naming = async (departures: number, lines: number) => buildProfile(await files(departures, lines)).conventions.find((c) => c.id === 'ts.naming.function');
    // 99%, 1 departure per 1,000 golden lines: past the usual quarter, within the near-universal budget.
    expect(await naming(3, 10)).toMatchObject({ support: 300, confidence: 0.99, enforced: true });
    // 99% but 5 per 1,000 lines: a held-out file would likely hold one, so it stays off.
    expect(await naming(3, 2)).toMatchObject({ confidence: 0.99, enforced: false });
    // 95% at 1.2 per 1,000 lines: a tendency, not near-universal, so the usual budget holds.
    expect(await naming(15, 41)).toMatchObject({ confidence: 0.95, enforced: false });
  });

  it('learns lexically where there is no parser, and marks it lower confidence', async () => {
    const kotlin = 'class UserRepository {\n    fun findUser(id: Int): User {\n        val userName = load(id)\n        return userName\n    }\n}\n';
    expect((await observeFile(kotlin, 'kotlin')).lexical).toBe(true);
    const profile = buildProfile(await synthetic(30, 'kotlin', kotlin, (i) => `src/User${i}.kt`));
    const fn = profile.conventions.find((c) => c.id === 'kt.naming.function');
    expect(fn).toMatchObject({ expected: 'camelCase', lowConfidence: true });
    const findings = await checkFile(profile, { path: 'src/Other.kt', language: 'kotlin', text: 'class Other {\n    fun find_user() {\n    }\n}\n' });
    expect(findings.find((f) => f.ruleId === 'kt.naming.function')?.severity).toBe('info');
  });

  it('skips observations of an older format instead of misreading them', async () => {
    const files = await fixtureGolden();
    const stale = files.map((f) => ({ ...f, observations: { ...f.observations, v: 0 } }));
    expect(buildProfile(stale).conventions).toEqual([]);
  });
});

describe('formatProfileTable', () => {
  it('prints enforced conventions first, within the terminal\'s columns, filtered by language', async () => {
    const table = formatProfileTable(await fixtureProfile(), { language: 'python', columns: 80 });
    const rows = table.split('\n');
    expect(rows.every((r) => r.length <= 80)).toBe(true);
    expect(rows.slice(2).every((r) => r.startsWith('py.'))).toBe(true);
    expect(rows[2]).toContain(' on ');
  });

  it('prints ids and statements whole when piped', async () => {
    const profile = await fixtureProfile();
    const table = formatProfileTable(profile);
    for (const c of profile.conventions) expect(table).toContain(c.statement);
    const longest = profile.conventions.reduce((a, b) => (b.id.length > a.id.length ? b : a));
    expect(table).toContain(longest.id);
  });
});
