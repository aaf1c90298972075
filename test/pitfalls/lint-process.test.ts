import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCRIPT = new URL('./lint-process.ts', import.meta.url).pathname;
const run = promisify(execFile);

describe("oxlint's language server and the life of the process", () => {
  it('lets a process that closed it carry on and exit', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT, 'close'], { timeout: 20_000 });
    expect(stdout).toBe('done oxlint/use-isnan\n');
  });

  it('does not keep a finished process alive when nobody closed it', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT, 'leave'], { timeout: 20_000 });
    expect(stdout).toBe('done oxlint/use-isnan\n');
  });

  it('removes the configuration folders of processes that are gone (killed before they could), and leaves a running one\'s', async () => {
    const gone = spawnSync('true').pid;
    const goneFolder = join(tmpdir(), `archangel-oxlint-${gone}-test`);
    const runningFolder = join(tmpdir(), `archangel-oxlint-${process.pid}-test`);
    mkdirSync(goneFolder, { recursive: true });
    mkdirSync(runningFolder, { recursive: true });
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT, 'close'], { timeout: 20_000 });
      expect(stdout).toBe('done oxlint/use-isnan\n');
      expect(existsSync(goneFolder)).toBe(false);
      expect(existsSync(runningFolder)).toBe(true);
    } finally {
      rmSync(goneFolder, { recursive: true, force: true });
      rmSync(runningFolder, { recursive: true, force: true });
    }
  });
});
