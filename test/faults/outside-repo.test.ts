import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';

/**
 * The commands that work on the learner's changes, run in a folder that is not a git working tree:
 * each says so with its own exit code, 15, not 4 (a golden repository could not be fetched); watch
 * exits at once instead of failing every review.
 */
afterAll(removeTempDirs);

describe('outside a git working tree', () => {
  const folder = tempDir('not a repo');
  writeFileSync(join(folder, 'archangel.json'), JSON.stringify({ golden: [] }));

  it.each(['review', 'review --staged', 'progress', 'ask why?', 'hook install', 'watch --plain'])('%s exits 15 and says where to run it', (command) => {
    const result = runCli(folder, command.split(' '));
    expect(result.status, result.stderr).toBe(15);
    expect(result.stderr).toContain(`error: ${folder} is not inside a git working tree`);
    expect(result.stderr).toMatch(/^hint: .*git init/m);
  });
});
