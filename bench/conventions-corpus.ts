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

const SITE_PACKAGES = '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages';
const JDK_API_DIR = '/tmp/archangel-bench-jdk-api';
const MINIFLUX_GIT = '/work/.mirror/miniflux+v2/repo';
const MINIFLUX_DIR = '/tmp/archangel-bench-miniflux';

/** Python packages that call other libraries a lot: requests, subprocess, open, json, os. */
const PYTHON_PACKAGES = ['pip', 'setuptools', '_pytest', 'IPython', 'awscli', 'docker', 'jedi', 'click', 'flask', 'werkzeug', 'jinja2', 'urllib3', 'requests', 'botocore', 'hypothesis'];
/** npm packages (TypeScript sources or plain JavaScript) that call fetch, fs, child_process, http. */
const NPM_PACKAGES: Array<[string, string, (p: string) => boolean]> = [
  ['anthropic-sdk', '@anthropic-ai/sdk/src', ts],
  ['zod', 'zod/src', ts],
  ['eslint', 'eslint/lib', (p) => p.endsWith('.js')],
  ['google-auth-library', 'google-auth-library/build/src', (p) => p.endsWith('.js')],
  ['node-fetch', 'node-fetch/src', (p) => p.endsWith('.js')],
  ['ws', 'ws/lib', (p) => p.endsWith('.js')],
  ['js-yaml', 'js-yaml/lib', (p) => p.endsWith('.js')],
  ['better-sqlite3', 'better-sqlite3/lib', (p) => p.endsWith('.js')],
  ['prebuild-install', 'prebuild-install', (p) => p.endsWith('.js')],
  ['cross-spawn', 'cross-spawn/lib', (p) => p.endsWith('.js')],
];

/** The JDK's modules that read like applications: an HTTP client and server, logging, SQL, a packager. */
function ensureJdkApi(): string {
  if (!existsSync(JDK_API_DIR) && existsSync(JDK_ZIP)) {
    execFileSync('unzip', ['-q', '-o', JDK_ZIP, 'java.net.http/*', 'java.logging/*', 'java.sql/*', 'jdk.httpserver/*', 'jdk.jpackage/*', '-d', JDK_API_DIR]);
  }
  return JDK_API_DIR;
}

/** miniflux, a Go web app, from its mirror when the `fetch` tool has brought it onto this machine. */
function ensureMiniflux(): string {
  if (!existsSync(MINIFLUX_DIR) && existsSync(MINIFLUX_GIT)) {
    execFileSync('mkdir', ['-p', MINIFLUX_DIR]);
    execFileSync('sh', ['-c', `git --git-dir="${MINIFLUX_GIT}" archive HEAD | tar -x -C "${MINIFLUX_DIR}"`]);
  }
  return MINIFLUX_DIR;
}

/**
 * A corpus for the API-usage conventions: application-like code that calls other libraries, in
 * Python (site-packages), TypeScript and JavaScript (node_modules), Java (the JDK's HTTP, logging,
 * SQL and packaging modules) and Go (miniflux). Each source is skipped when it is not on the machine.
 */
export function loadApiCorpus(): CorpusFile[] {
  return [
    ...PYTHON_PACKAGES.flatMap((name) => source(name, join(SITE_PACKAGES, name), (p) => p.endsWith('.py') && !p.includes('/_vendor/'))),
    ...NPM_PACKAGES.flatMap(([name, folder, keep]) => source(name, join('node_modules', folder), keep)),
    ...source('jdk', ensureJdkApi(), (p) => p.endsWith('.java')),
    ...source('miniflux', ensureMiniflux(), (p) => p.endsWith('.go')),
  ];
}

/** Deterministic held-out split by path hash. */
export function isHeldOut(file: CorpusFile): boolean {
  const byte = createHash('sha1').update(`${file.repo}/${file.path}`).digest()[0] ?? 0;
  return byte / 256 < HOLDOUT_SHARE;
}
