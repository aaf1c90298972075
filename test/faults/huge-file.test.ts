import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo, removeTempDirs, tempDir } from '../helpers/git.js';

/**
 * `index.maxFileBytes` raised to 100 MB let a 50 MB golden file through, and indexing it ran Node
 * out of memory (6.5 GB). The schema now refuses a limit above 4 MB, saying why, and a file past
 * the limit is skipped without being read (bench/large-file.ts measures the memory at the limit).
 */
afterAll(removeTempDirs);

function project(maxFileBytes: number, golden: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'archangel.json'), JSON.stringify({ golden: [{ path: golden, name: 'big' }], index: { maxFileBytes } }));
  return dir;
}

describe('a very large golden file', () => {
  const golden = createRepo();
  golden.commit('big', { 'src/small.ts': 'export const small = 1;\n', 'src/big.ts': 'export const line = 1;\n'.repeat(250_000) });

  it('a limit above the ceiling is refused with exit 3, the key, the ceiling and why', () => {
    const result = runCli(project(100_000_000, golden.dir), ['index']);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/^error: .*archangel\.json: "index\.maxFileBytes" is number 100000000, more than the most allowed, 4000000\.$/m);
    expect(result.stderr).toMatch(/^hint: Set "index\.maxFileBytes" to 4000000 or less: indexing a file takes tens of times its size in memory/m);
  });

  it('at the ceiling, a larger file is skipped as too large and the rest is indexed', () => {
    const result = runCli(project(4_000_000, golden.dir), ['index', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const [repo] = (JSON.parse(result.stdout) as { repos: Array<{ files: number; skipped: Record<string, number> }> }).repos;
    expect(repo).toMatchObject({ files: 1, skipped: { 'too-large': 1 } });
  });
});
