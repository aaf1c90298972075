// The golden corpus for the conventions benchmarks: real code nobody here wrote, found on this
// machine (npm packages, the Python stdlib, the JDK sources). Shared by the conventions-* benches.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { detectLanguage, type Language } from '../src/index/language.js';

export interface CorpusFile {
  repo: string;
  commit: string;
  path: string;
  language: Language;
  text: string;
}

/** Files larger than this are generated tables, not code anyone wrote by hand. */
const MAX_FILE_BYTES = 200_000;
/** Share of files held out of the profile for the false-alarm benchmark. */
export const HOLDOUT_SHARE = 0.2;

const JDK_ZIP = '/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip';
const JDK_DIR = '/tmp/archangel-bench-jdk';

function walk(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) {
      if (name !== 'node_modules' && name !== 'site-packages' && name !== '__pycache__') walk(full, keep, out);
    } else if (keep(full) && stat.size <= MAX_FILE_BYTES) out.push(full);
  }
  return out;
}

function source(repo: string, root: string, keep: (path: string) => boolean, limit = Infinity): CorpusFile[] {
  if (!existsSync(root)) return [];
  return walk(root, keep)
    .sort()
    .slice(0, limit)
    .flatMap((full) => {
      const language = detectLanguage(full);
      if (!language) return [];
      return [{ repo, commit: 'local', path: relative(root, full), language, text: readFileSync(full, 'utf8') }];
    });
}

function ensureJdk(): string {
  if (!existsSync(JDK_DIR) && existsSync(JDK_ZIP)) {
    execFileSync('unzip', ['-q', '-o', JDK_ZIP, 'java.base/java/util/*', 'java.base/java/io/*', 'java.base/java/net/*', '-d', JDK_DIR]);
  }
  return join(JDK_DIR, 'java.base');
}

const ts = (p: string): boolean => /\.ts$/.test(p) && !p.endsWith('.d.ts');

/** The whole corpus; `pythonLimit` caps the (large) Python stdlib for quicker runs. */
export function loadCorpus(options: { pythonLimit?: number } = {}): CorpusFile[] {
  return [
    ...source('zod', 'node_modules/zod/src', ts),
    ...source('anthropic-sdk', 'node_modules/@anthropic-ai/sdk/src', ts),
    ...source('commander', 'node_modules/commander/lib', (p) => p.endsWith('.js')),
    ...source('ink', 'node_modules/ink/build', (p) => p.endsWith('.js')),
    ...source('cpython', '/root/.pyenv/versions/3.11.7/lib/python3.11', (p) => p.endsWith('.py') && !p.includes('/lib2to3/tests/data') && !p.includes('/test/bad'), options.pythonLimit),
    ...source('jdk', ensureJdk(), (p) => p.endsWith('.java')),
    ...source('git-contrib', '/usr/share/doc/git/contrib', (p) => p.endsWith('.go')),
  ];
}

/** Deterministic held-out split by path hash. */
export function isHeldOut(file: CorpusFile): boolean {
  const byte = createHash('sha1').update(`${file.repo}/${file.path}`).digest()[0] ?? 0;
  return byte / 256 < HOLDOUT_SHARE;
}
