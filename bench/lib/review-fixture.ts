import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../../src/config/validate.js';
import type { Project } from '../../src/config/project.js';
import { conventionsObserver } from '../../src/conventions/learn.js';
import { createEmbeddingProvider } from '../../src/index/embed/create.js';
import { runIndex } from '../../src/index/indexer/run-index.js';

/** This repository's root: ArchAngel's own code is the golden standard for changes to it. */
export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/**
 * A learner's clone of this repository with its index built from the committed code: seeded
 * changes to real files are then reviewed exactly as a junior's edits would be.
 */
export async function learnerClone(): Promise<{ dir: string; project: Project }> {
  const dir = mkdtempSync(join(tmpdir(), 'aa-learner-'));
  execFileSync('git', ['clone', '-q', REPO_ROOT, dir]);
  const config = parseConfigText(JSON.stringify({ golden: [{ path: '.', name: 'archangel', exclude: ['test/fixtures/**', 'bench/mentor/cases/**'] }] }), 'bench');
  const project: Project = { config, file: join(dir, 'archangel.json'), root: dir, indexPath: join(dir, '.archangel', 'index.db'), stateDir: join(dir, '.archangel') };
  await runIndex({ config, root: dir, indexPath: project.indexPath, cacheDir: join(dir, '.archangel', 'cache'), embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
  return { dir, project };
}

/** A seeded change: what a junior might write, applied to a real file of the clone. */
export interface Seed {
  name: string;
  path: string;
  apply(text: string): string;
}

export function applySeed(dir: string, seed: Seed): void {
  const file = join(dir, seed.path);
  writeFileSync(file, seed.apply(existsSync(file) ? readFileSync(file, 'utf8') : ''));
}

export function resetClone(dir: string): void {
  execFileSync('git', ['checkout', '-q', '--', '.'], { cwd: dir });
  execFileSync('git', ['clean', '-qfd', '-e', '.archangel'], { cwd: dir });
}

const append = (code: string) => (text: string) => `${text.trimEnd()}\n\n${code.trim()}\n`;

/** Ten changes to real files, each departing from the golden code the way juniors often do. */
export const SEEDS: Seed[] = [
  { name: 'snake_case function', path: 'src/config/env.ts', apply: append(`export function read_cache_dir(env: NodeJS.ProcessEnv = process.env): string {\n  return env.ARCHANGEL_CACHE_DIR ?? cacheDir(env);\n}`) },
  { name: 'empty catch', path: 'src/index/store/meta.ts', apply: append(`export function readMetaNumber(db: IndexDb, key: string): number {\n  try {\n    return Number(readMeta(db, key));\n  } catch (error) {}\n  return 0;\n}`) },
  { name: 'any parameter', path: 'src/cli/terminal.ts', apply: append(`export function describeCaps(caps: any): string {\n  return \`\${caps.color ? 'colour' : 'plain'} \${caps.columns} columns\`;\n}`) },
  { name: 'console logging', path: 'src/index/store/lock.ts', apply: append(`export function logLockOwner(indexPath: string): void {\n  console.log(\`lock at \${indexPath}.lock\`);\n}`) },
  { name: 'PascalCase variable and parameter', path: 'src/review/branch.ts', apply: append(`export async function branchLabel(RepoDir: string): Promise<string> {\n  const BranchName = await currentBranch(RepoDir);\n  return BranchName.toUpperCase();\n}`) },
  { name: 'promise chain instead of await', path: 'src/index/search/code-spec.ts', apply: append(`export function readSpecAsync(spec: string): Promise<number> {\n  return Promise.resolve(spec).then((s) => readCodeSpec(s)).then((c) => c.endLine - c.startLine + 1);\n}`) },
  { name: 'too many parameters', path: 'src/cli/progress.ts', apply: append(`export function formatRate(done: number, total: number, seconds: number, unit: string, plural: string, width: number, pad: string, suffix: string): string {\n  const rate = done / Math.max(seconds, 0.001);\n  return \`\${String(Math.round(rate)).padStart(width, pad)} \${done === 1 ? unit : plural}/s of \${total}\${suffix}\`;\n}`) },
  { name: 'var declarations', path: 'src/config/json-schema.ts', apply: append(`export function schemaKeys(): string[] {\n  var schema = configJsonSchema();\n  var properties = schema.properties as Record<string, unknown>;\n  return Object.keys(properties);\n}`) },
  { name: 'test file beside the source', path: 'src/index/search/fuse.spec.ts', apply: () => `import { describe, expect, it } from 'vitest';\nimport { fuseRanks } from './fuse.js';\n\ndescribe('fuseRanks', () => {\n  it('scores an id found by both rankers higher', () => {\n    const scores = fuseRanks([[1, 2], [2, 3]]);\n    expect(scores.get(2)).toBeGreaterThan(scores.get(1)!);\n  });\n});\n` },
  { name: 'default export', path: 'src/review/audit.ts', apply: append(`export default function auditPath(stateDir: string): string {\n  return join(stateDir, 'audit.log');\n}`) },
];
