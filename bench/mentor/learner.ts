// A learner's repository per language, whose archangel.json names that language's golden repo, and
// the golden index it reviews against, built with the real indexer and cached between runs.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Project } from '../../src/config/project.js';
import { parseConfigText } from '../../src/config/validate.js';
import { conventionsObserver } from '../../src/conventions/learn.js';
import { createEmbeddingProvider } from '../../src/index/embed/create.js';
import { runIndex } from '../../src/index/indexer/run-index.js';
import { git } from '../lib/corpus.js';
import { REPO_ROOT } from '../lib/review-fixture.js';
import { BENCH_CACHE, type GoldenRepo } from './golden.js';

/**
 * A hash of the engine that builds and reads the index (everything under src/, and the locked
 * dependency versions): an index built by another version of the code is built again, so the
 * benchmark always measures the mentor as it is now, including uncommitted work.
 */
export function engineKey(): string {
  const hash = createHash('sha1');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(relative(REPO_ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(join(REPO_ROOT, 'src'));
  hash.update(readFileSync(join(REPO_ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 12);
}

function configText(golden: GoldenRepo): string {
  return JSON.stringify({ golden: [{ path: golden.dir, name: golden.name, ...(golden.include ? { include: golden.include } : {}) }] }, null, 2);
}

/**
 * The golden index of one language for this engine: `index/<language>-<engine>.db` in the bench
 * cache, made by `runIndex` with the local embedder and the conventions observer exactly as
 * `archangel index` makes it. A cached index of an unchanged golden repo is checked and kept in
 * seconds.
 */
export async function goldenIndex(golden: GoldenRepo, engine: string): Promise<{ path: string; seconds: number; built: boolean }> {
  const folder = join(BENCH_CACHE, 'index');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${golden.language}-${engine}.db`);
  const config = parseConfigText(configText(golden), 'mentor bench');
  const summary = await runIndex({ config, root: BENCH_CACHE, indexPath: path, cacheDir: join(BENCH_CACHE, 'clones'), embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
  const failed = summary.repos.find((repo) => repo.status === 'failed');
  if (failed) throw new Error(`indexing ${golden.name} failed: ${failed.error?.message ?? 'unknown error'}`);
  const now = new Date();
  utimesSync(path, now, now);
  dropOldIndexes(folder, golden.language);
  return { path, seconds: summary.seconds, built: summary.repos.some((repo) => repo.status === 'indexed') };
}

/**
 * Indexes kept per language: several worktrees (main, a branch or two) share the cache, and each
 * engine keeps its own index (about 10 MB), so switching between them does not rebuild each time.
 */
const KEPT_ENGINES = 4;

/** Deletes a language's indexes beyond the KEPT_ENGINES most recently used, with their WAL files. */
function dropOldIndexes(folder: string, language: string): void {
  const indexes = readdirSync(folder)
    .filter((name) => name.startsWith(`${language}-`) && name.endsWith('.db'))
    .map((name) => ({ name, used: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { name } of indexes.slice(KEPT_ENGINES)) for (const suffix of ['', '-wal', '-shm', '.lock']) rmSync(join(folder, `${name}${suffix}`), { force: true });
}

/** A fresh learner repo (one commit: archangel.json and .gitignore) reviewed against `indexPath`. */
export function learnerRepo(golden: GoldenRepo, indexPath: string): { dir: string; project: Project } {
  const dir = mkdtempSync(join(tmpdir(), `aa-mentor-${golden.language}-`));
  writeFileSync(join(dir, 'archangel.json'), `${configText(golden)}\n`);
  writeFileSync(join(dir, '.gitignore'), '.archangel/\n');
  git(dir, 'init', '-q', '--initial-branch=main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=Junior', '-c', 'user.email=junior@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-qm', 'start');
  const config = parseConfigText(configText(golden), join(dir, 'archangel.json'));
  return { dir, project: { config, file: join(dir, 'archangel.json'), root: dir, indexPath, stateDir: join(dir, '.archangel') } };
}
