import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo, removeTempDirs } from '../helpers/git.js';

/**
 * archangel.json as editors leave it: empty (a new file saved before anything was typed), or
 * starting with a UTF-8 byte-order mark (Windows editors). Both were reported as invalid JSON with
 * "a trailing comma?" as the likely cause.
 */
afterAll(removeTempDirs);

describe('archangel.json as editors leave it', () => {
  it.each([['empty', ''], ['only blank lines', '\n\n']])('%s: exits 3 saying it is empty, and how to fill it', (_, text) => {
    const repo = createRepo();
    writeFileSync(join(repo.dir, 'archangel.json'), text);
    const result = runCli(repo.dir, ['review']);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`error: ${join(repo.dir, 'archangel.json')} is empty.`);
    expect(result.stderr).toMatch(/^hint: .*archangel init/m);
    expect(result.stderr).not.toContain('trailing comma');
  });

  it('starting with a byte-order mark: read like any other', () => {
    const repo = createRepo();
    repo.commit('start', { 'archangel.json': `\uFEFF${JSON.stringify({ golden: [] })}\n` });
    const result = runCli(repo.dir, ['review']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('No changes to review');
  });
});
