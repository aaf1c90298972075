// A learner's repository per language, whose archangel.json names that language's golden repo, and
// the golden index it reviews against, built with the real indexer and cached between runs.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * seconds; indexes of other engine versions are deleted.
 */
export async function goldenIndex(golden: GoldenRepo, engine: string): Promise<{ path: string; seconds: number; built: boolean }> {
  const folder = join(BENCH_CACHE, 'index');
  mkdirSync(folder, { recursive: true });
  const name = `${golden.language}-${engine}.db`;
  for (const stale of readdirSync(folder)) if (stale.startsWith(`${golden.language}-`) && !stale.startsWith(name)) rmSync(join(folder, stale), { force: true });
  const path = join(folder, name);
  const config = parseConfigText(configText(golden), 'mentor bench');
  const summary = await runIndex({ config, root: BENCH_CACHE, indexPath: path, cacheDir: join(BENCH_CACHE, 'clones'), embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
  const failed = summary.repos.find((repo) => repo.status === 'failed');
  if (failed) throw new Error(`indexing ${golden.name} failed: ${failed.error?.message ?? 'unknown error'}`);
  return { path, seconds: summary.seconds, built: summary.repos.some((repo) => repo.status === 'indexed') };
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
