import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Real source files nobody here wrote, for tests that need real code in a golden repo. */
export const NODE_MODULES = new URL('../../node_modules/', import.meta.url).pathname;

/** A temp git repo holding `files` (repo path → source path under node_modules, or literal content). */
export function makeGoldenRepo(files: Record<string, { from: string } | { text: string | Buffer }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aa-golden-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  writeFiles(dir, files);
  commitAll(dir, 'initial');
  return dir;
}

export function writeFiles(dir: string, files: Record<string, { from: string } | { text: string | Buffer }>): void {
  for (const [path, source] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    if ('from' in source) copyFileSync(join(NODE_MODULES, source.from), target);
    else writeFileSync(target, source.text);
  }
}

export function commitAll(dir: string, message: string): string {
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', message], { cwd: dir });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}
