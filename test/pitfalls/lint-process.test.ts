import { execFile } from 'node:child_process';
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
});
