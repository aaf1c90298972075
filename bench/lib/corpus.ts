import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** Source files of real packages nobody here wrote: the benchmark's "large repository". */
const SOURCE_EXTENSIONS = /\.(?:[cm]?js|ts|tsx|mts|cts)$/;

export interface Corpus {
  dir: string;
  files: number;
  bytes: number;
}

/**
 * A temporary git repository made from the JS/TS sources under `node_modules/` (copied under
 * `pkgs/` so the indexer does not treat them as vendored), committed once.
 */
export function buildNodeModulesCorpus(options: { maxFiles?: number; maxFileBytes?: number } = {}): Corpus {
  const root = new URL('../../node_modules/', import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), 'aa-corpus-'));
  const maxFiles = options.maxFiles ?? Infinity;
  const maxBytes = options.maxFileBytes ?? 1_000_000;
  let files = 0;
  let bytes = 0;
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (files >= maxFiles) return;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.min.js')) {
        const size = statSync(path).size;
        if (size > maxBytes) continue;
        const target = join(dir, 'pkgs', relative(root, path).replaceAll('node_modules/', 'deps/'));
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(path, target);
        files++;
        bytes += size;
      }
    }
  };
  walk(root);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-qm', 'corpus');
  return { dir, files, bytes };
}

/**
 * A repository of about `maxFiles` files that is its own golden repo, indexed by the built binary
 * `bin` as `watch` would on its first run; `BENCH_REPO` names one indexed before, reused as is.
 */
export function selfGoldenRepo(bin: string, maxFiles: number): { dir: string; files: number; reused: boolean } {
  const reuse = process.env.BENCH_REPO;
  if (reuse) return { dir: reuse, files: git(reuse, 'ls-files', '-z').split('\0').length - 1, reused: true };
  const built = buildNodeModulesCorpus({ maxFiles });
  writeFileSync(join(built.dir, 'archangel.json'), JSON.stringify({ golden: [{ path: '.', name: 'corpus' }] }));
  writeFileSync(join(built.dir, '.gitignore'), '.archangel/\n');
  git(built.dir, 'add', '-A');
  git(built.dir, '-c', 'user.name=b', '-c', 'user.email=b@example.invalid', 'commit', '-qm', 'config');
  // CI set makes the indexer quiet about progress; it is cleared so a run looks like a person's.
  execFileSync(process.execPath, [bin, 'index', '--quiet'], { cwd: built.dir, env: { ...process.env, CI: '' } });
  return { dir: built.dir, files: built.files, reused: false };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** The I/O floor: how long `git ls-files | xargs cat > /dev/null` takes on the tree. */
export function ioFloorSeconds(dir: string): number {
  const started = performance.now();
  execFileSync('bash', ['-c', 'git ls-files -z | xargs -0 cat > /dev/null'], { cwd: dir });
  return (performance.now() - started) / 1000;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
