import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildProfile, observeFile, type GoldenFile, type Profile } from '../../src/conventions/index.js';
import { detectLanguage, type Language } from '../../src/index/language.js';

const ROOT = fileURLToPath(new URL('../fixtures/conventions/', import.meta.url));

/** The real golden fixture files (zod, CPython, OpenJDK, git contrib, node-gyp) as the indexer would hand them over. */
export async function fixtureGolden(): Promise<GoldenFile[]> {
  const files: GoldenFile[] = [];
  for (const dir of ['ts', 'py', 'java', 'go', 'cs']) {
    for (const stored of readdirSync(`${ROOT}${dir}`)) {
      // TypeScript fixtures end in `.fixture` so the project's tsc and eslint leave them alone.
      const name = stored.replace(/\.fixture$/, '');
      const language = detectLanguage(name) as Language;
      const text = readFileSync(`${ROOT}${dir}/${stored}`, 'utf8');
      files.push({ repo: 'acme/golden', commit: 'a'.repeat(40), path: `src/${dir}/${name}`, language, observations: await observeFile(text, language) });
    }
  }
  return files;
}

export function fixtureText(path: string): string {
  return readFileSync(`${ROOT}${path}${path.endsWith('.ts') ? '.fixture' : ''}`, 'utf8');
}

let cached: Promise<Profile> | undefined;

/** The profile learned from the fixtures, built once per test file. */
export function fixtureProfile(): Promise<Profile> {
  cached ??= fixtureGolden().then(buildProfile);
  return cached;
}

/** Golden files made from one snippet repeated under many paths: for rules the fixtures lack. */
export async function synthetic(count: number, language: Language, text: string, path: (i: number) => string): Promise<GoldenFile[]> {
  const observations = await observeFile(text, language);
  return Array.from({ length: count }, (_, i) => ({ repo: 'acme/synthetic', commit: 'b'.repeat(40), path: path(i), language, observations }));
}
