// The golden repositories of the mentor benchmark: real code nobody here wrote, one repository per
// language, chosen so that comparable code exists for what the seeded juniors write (HTTP calls,
// JSON, files, subprocesses, SQL, config). Each is built at run time as a real git repository in the
// bench cache (nothing of it is committed here), rebuilt only when its sources change.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { git as corpusGit } from '../lib/corpus.js';

export const BENCH_LANGUAGES = ['typescript', 'javascript', 'python', 'java', 'go'] as const;
export type BenchLanguage = (typeof BENCH_LANGUAGES)[number];

/** Where built golden repos and their indexes live between runs. */
export const BENCH_CACHE = process.env.ARCHANGEL_BENCH_CACHE ?? join(tmpdir(), 'archangel-bench-mentor');

const NODE_MODULES = new URL('../../node_modules/', import.meta.url).pathname;
/** The first JDK source archive found; the Debian JDK 17 link is dangling on some machines. */
const JDK_SOURCE_ZIPS = ['/usr/lib/jvm/java-17-openjdk-amd64/lib/src.zip', '/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip'];
/** A bare mirror of github.com/miniflux/v2, as the `fetch` tool brings it onto the machine. */
const GO_MIRROR = process.env.ARCHANGEL_BENCH_GO_MIRROR ?? '/work/.mirror/miniflux+v2/repo';

export interface GoldenRepo {
  language: BenchLanguage;
  /** Its name in archangel.json, and so in every citation. */
  name: string;
  dir: string;
  commit: string;
  files: number;
  /** What it was built from, for the report's header. */
  sources: string;
  /** archangel.json's `include` for it, when the repository holds more than its language's code. */
  include?: string[];
}

/** A golden repo whose sources are not on this machine: its language is skipped, with how to get them. */
export interface MissingGolden {
  language: BenchLanguage;
  missing: string;
}

interface Plan {
  name: string;
  /** Fills the empty folder `dir` (copies, or a clone) and says what it holds, or why it cannot. */
  stage(dir: string): { sources: string; include?: string[] } | { missing: string };
}

/** Files under `root/folder` whose path matches `keep`, copied to `into/prefix/...`; returns the count. */
function copyTree(root: string, folder: string, into: string, prefix: string, keep: (path: string) => boolean): number {
  const from = join(root, folder);
  if (!existsSync(from)) return 0;
  let copied = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '__pycache__') walk(path);
      else if (entry.isFile() && keep(relative(root, path))) {
        const target = join(into, prefix, relative(root, path));
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(path, target);
        copied++;
      }
    }
  };
  if (statSync(from).isFile()) {
    if (!keep(folder)) return 0;
    mkdirSync(dirname(join(into, prefix, folder)), { recursive: true });
    copyFileSync(from, join(into, prefix, folder));
    return 1;
  }
  walk(from);
  return copied;
}

function packageVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

/** npm packages: `[package, folders inside it, which files]`, copied under the package's name. */
function nodePackages(packages: Array<[string, string[], (path: string) => boolean]>): Plan['stage'] {
  return (dir) => {
    const used: string[] = [];
    for (const [name, folders, keep] of packages) {
      const root = join(NODE_MODULES, name);
      const copied = folders.reduce((sum, folder) => sum + copyTree(root, folder, dir, name.replace(/^@/, '').replace('/', '-'), keep), 0);
      if (copied > 0) used.push(`${name} ${packageVersion(root)}`);
    }
    return used.length === 0 ? { missing: `no package sources under ${NODE_MODULES}: run \`npm ci\`` } : { sources: used.join(', ') };
  };
}

const ts = (path: string): boolean => path.endsWith('.ts') && !path.endsWith('.d.ts') && !/(^|\/)(tests?|resources)\//.test(path);
const js = (path: string): boolean => path.endsWith('.js') && !path.endsWith('.min.js') && !/(^|\/)(tests?|rules)\//.test(path);
const py = (path: string): boolean => path.endsWith('.py') && !/(^|\/)tests?\//.test(path);

/** The site-packages holding `requests`, as the machine's python3 finds it; undefined without one. */
function sitePackages(): string | undefined {
  if (process.env.ARCHANGEL_BENCH_SITE_PACKAGES) return process.env.ARCHANGEL_BENCH_SITE_PACKAGES;
  try {
    return execFileSync('python3', ['-c', 'import os, requests; print(os.path.dirname(os.path.dirname(requests.__file__)))'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function pythonVersion(root: string, name: string): string {
  const info = readdirSync(root).find((entry) => entry.toLowerCase().startsWith(`${name.replace(/-/g, '_').toLowerCase()}-`) && entry.endsWith('.dist-info'));
  return info?.slice(name.length + 1, -'.dist-info'.length) ?? '?';
}

/** The JDK folders whose code opens files, sockets, HTTP connections and SQL statements. */
const JDK_FOLDERS = ['java.net.http/*', 'java.sql/java/sql/*', 'java.base/java/nio/file/*', 'jdk.httpserver/*', 'java.logging/*', 'java.prefs/*'];

const PLANS: Record<BenchLanguage, Plan> = {
  typescript: {
    name: 'ts-packages',
    stage: nodePackages([
      // Without its port of the qs library, written in qs's own snake_case.
      ['@anthropic-ai/sdk', ['src'], (path) => ts(path) && !path.includes('/internal/qs/')],
      // Each platform SDK ships a copy of the main SDK's internal/: counted once, not four times.
      ['@anthropic-ai/bedrock-sdk', ['src'], (path) => ts(path) && !path.includes('/internal/')],
      ['@anthropic-ai/vertex-sdk', ['src'], (path) => ts(path) && !path.includes('/internal/')],
      ['@anthropic-ai/foundry-sdk', ['src'], (path) => ts(path) && !path.includes('/internal/')],
      ['zod', ['src/v4/core'], ts],
      ['@secretlint/core', ['src'], ts],
    ]),
  },
  javascript: {
    name: 'js-packages',
    stage: nodePackages([
      ['eslint', ['lib'], js],
      ['@eslint/eslintrc', ['lib'], js],
      ['node-fetch', ['src'], js],
      ['ws', ['lib'], js],
      ['commander', ['lib'], js],
      ['cross-spawn', ['lib', 'index.js'], js],
      ['rc', ['lib', 'index.js', 'cli.js'], js],
      ['ini', ['ini.js'], js],
      ['flat-cache', ['src'], js],
      ['file-entry-cache', ['cache.js'], js],
      ['better-sqlite3', ['lib'], js],
      ['simple-get', ['index.js'], js],
      ['tar-fs', ['index.js'], js],
      ['prebuild-install', ['.'], (path) => js(path) && !path.includes('/')],
      ['js-yaml', ['lib'], js],
    ]),
  },
  python: {
    name: 'py-packages',
    stage(dir) {
      const root = sitePackages();
      if (!root || !existsSync(root)) return { missing: 'python3 cannot import requests: install requests, flask, click, werkzeug, docker and pip, or set ARCHANGEL_BENCH_SITE_PACKAGES to a site-packages that has them' };
      const folders: Array<[string, string]> = [
        ['requests', 'requests'], ['flask', 'flask'], ['click', 'click'], ['werkzeug', 'werkzeug'], ['python-dotenv', 'dotenv'], ['docker', 'docker'],
        ['pip', 'pip/_internal/network'], ['pip', 'pip/_internal/vcs'], ['pip', 'pip/_internal/utils'], ['pip', 'pip/_internal/commands'], ['pip', 'pip/_internal/configuration.py'],
        ['ipython', 'IPython/core/history.py'],
      ];
      const used = new Set<string>();
      for (const [dist, folder] of folders) if (copyTree(root, folder, dir, '', py) > 0) used.add(`${dist} ${pythonVersion(root, dist)}`);
      return { sources: [...used].join(', ') };
    },
  },
  java: {
    name: 'jdk',
    stage(dir) {
      const zip = JDK_SOURCE_ZIPS.find((path) => existsSync(path));
      if (!zip) return { missing: `no JDK sources (${JDK_SOURCE_ZIPS.join(' or ')}): install a JDK with its src.zip (apt-get install openjdk-17-source)` };
      execFileSync('unzip', ['-q', '-o', zip, ...JDK_FOLDERS, '-d', dir]);
      const release = join(dirname(dirname(zip)), 'release');
      const version = existsSync(release) ? /JAVA_VERSION="([^"]+)"/.exec(readFileSync(release, 'utf8'))?.[1] : undefined;
      return { sources: `JDK ${version ?? '?'} sources (${JDK_FOLDERS.map((folder) => folder.replace(/\/\*$/, '')).join(', ')})` };
    },
  },
  go: {
    name: 'miniflux',
    stage(dir) {
      if (!existsSync(GO_MIRROR)) return { missing: `no Go golden code at ${GO_MIRROR}: bring github.com/miniflux/v2 onto the machine (the session's fetch tool, or \`git clone --mirror https://github.com/miniflux/v2 DIR\`) and set ARCHANGEL_BENCH_GO_MIRROR=DIR` };
      git(dir, 'clone', '-q', '--depth', '1', `file://${GO_MIRROR}`, '.');
      return { sources: `github.com/miniflux/v2 at ${git(dir, 'rev-parse', '--short=12', 'HEAD')}`, include: ['**/*.go'] };
    },
  },
};

const FIXED_DATE = '2025-01-01T00:00:00Z';

/** git's trimmed output, as a bench user (commits work whatever the machine's git config). */
function git(dir: string, ...args: string[]): string {
  return corpusGit(dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args).trim();
}

/**
 * The golden repo of `language`, built into the bench cache: staged afresh, and kept in place of the
 * last build only when its content (the git tree) differs, so its path, commit and index survive
 * runs that change nothing.
 */
export function ensureGolden(language: BenchLanguage): GoldenRepo | MissingGolden {
  const plan = PLANS[language];
  const dir = join(BENCH_CACHE, 'golden', plan.name);
  mkdirSync(dirname(dir), { recursive: true });
  const staging = mkdtempSync(join(dirname(dir), `${plan.name}.staging-`));
  try {
    const staged = plan.stage(staging);
    if ('missing' in staged) return { language, missing: staged.missing };
    // Copied files become one commit; a clone keeps its own history.
    if (!existsSync(join(staging, '.git'))) {
      git(staging, 'init', '-q', '--initial-branch=main');
      git(staging, 'add', '-A');
      // A fixed date makes the commit, and so every citation in the report, the same on every machine.
      execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-qm', `golden ${language} code: ${staged.sources}`], {
        cwd: staging,
        env: { ...process.env, GIT_AUTHOR_DATE: FIXED_DATE, GIT_COMMITTER_DATE: FIXED_DATE },
      });
    }
    const tree = (at: string) => (existsSync(join(at, '.git')) ? git(at, 'rev-parse', 'HEAD^{tree}') : undefined);
    if (tree(dir) !== tree(staging)) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
    }
    const files = git(dir, 'ls-files', '--', ...(staged.include ?? ['**']).map((glob) => `:(glob)${glob}`)).split('\n').filter(Boolean).length;
    return { language, name: plan.name, dir, commit: git(dir, 'rev-parse', 'HEAD'), files, sources: staged.sources, ...(staged.include ? { include: staged.include } : {}) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
