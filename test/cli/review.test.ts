import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { fromNodeModules } from '../helpers/corpus.js';
import { removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, USERS_START, zodGolden } from '../helpers/learner.js';

afterAll(removeTempDirs);

const CHANGE = `
export function load_user_name(id: string): string {
  try {
    return JSON.parse(id).name;
  } catch (error) {}
  return '';
}
`;

let learner: TestRepo;
const env = () => ({ ARCHANGEL_CACHE_DIR: tempDir() });

beforeAll(() => {
  const golden = zodGolden();
  learner = learnerRepo(golden);
  expect(runCli(learner.dir, ['index', '--quiet'], env()).status).toBe(0);
  writeFileSync(join(learner.dir, 'src/users.ts'), `${USERS_START}${CHANGE}`);
}, 120_000);

describe('archangel review', () => {
  it('prints the offline mentor\'s notes as JSON, and exits 10 at --fail-on', () => {
    const result = runCli(learner.dir, ['review', '--format', 'json'], env());
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('Using the offline mentor');
    const { notes, tutor } = JSON.parse(result.stdout) as { notes: Array<{ path: string; topic: string; ladder: unknown[]; severity: string }>; tutor: string };
    expect(tutor).toBe('offline mentor');
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.path === 'src/users.ts' && n.ladder.length === 4)).toBe(true);
    const failing = runCli(learner.dir, ['review', '--fail-on', 'info'], env());
    expect(failing.status).toBe(10);
    expect(failing.stdout).toContain('src/users.ts:');
  });

  it('shows the question first and folds the other rungs in markdown', () => {
    const result = runCli(learner.dir, ['review', '--format', 'md'], env());
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/### src\/users\.ts:\d+/);
    expect(result.stdout).toContain('<details><summary>hint</summary>');
  });

  it('says when the changed code is in a language the golden repositories teach nothing about', () => {
    const other = learnerRepo(zodGolden());
    expect(runCli(other.dir, ['index', '--quiet'], env()).status).toBe(0);
    writeFileSync(join(other.dir, 'src/flatted.py'), fromNodeModules('flatted/python/flatted.py'));
    const text = runCli(other.dir, ['review'], env());
    expect(text.status, text.stderr).toBe(0);
    // Its pitfalls are still taught (a bare except), and the review says what it could not check.
    expect(text.stdout).toContain('The golden repositories teach no Python conventions yet: Python changes are checked only for pitfalls and credentials');
    expect(text.stdout).toMatch(/src\/flatted\.py:\d+ +bare except/);
    const json = JSON.parse(runCli(other.dir, ['review', '--format', 'json'], env()).stdout) as { languagesWithoutConventions: string[] };
    expect(json.languagesWithoutConventions).toEqual(['python']);
    // TypeScript they do teach: the main learner's change is held to it.
    expect((JSON.parse(runCli(learner.dir, ['review', '--format', 'json'], env()).stdout) as { languagesWithoutConventions: string[] }).languagesWithoutConventions).toEqual([]);
  }, 60_000);

  it('says there is nothing to compare with before the golden index is built, not that nothing departs', () => {
    const fresh = learnerRepo(zodGolden());
    writeFileSync(join(fresh.dir, 'src/users.ts'), `${USERS_START}${CHANGE}`);
    const result = runCli(fresh.dir, ['review'], env());
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('There is no golden index to compare with yet (run `archangel index`): these notes come from the pitfall and credential checks alone.');
  });

  it('--dry-run prints the exact request, with secrets redacted, and sends nothing', () => {
    writeFileSync(join(learner.dir, 'src/config.ts'), `export const githubToken = "ghp_${'Zx9'.repeat(12)}";\n`);
    const result = runCli(learner.dir, ['review', '--dry-run'], { ...env(), ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Nothing was sent');
    expect(result.stdout).toContain('── system ──');
    expect(result.stdout).toContain('load_user_name');
    expect(result.stdout).not.toContain('Zx9Zx9Zx9');
    expect(result.stdout).toContain('[REDACTED');
    rmSync(join(learner.dir, 'src/config.ts'));
  });
});

describe('archangel ask', () => {
  it('answers from the golden repositories offline and says no model is configured', () => {
    const result = runCli(learner.dir, ['ask', 'how', 'are', 'errors', 'reported?'], env());
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('No model is configured');
    expect(result.stdout).toMatch(/zod \S+\.ts:\d+-\d+ @[0-9a-f]{7}/);
  });
});

describe('archangel hook', () => {
  it('installs a pre-commit hook that blocks a commit with notes at --fail-on, and removes it', () => {
    const install = runCli(learner.dir, ['hook', 'install', '--fail-on', 'info'], env());
    expect(install.status, install.stderr).toBe(0);
    const hook = join(learner.dir, '.git', 'hooks', 'pre-commit');
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    expect(readFileSync(hook, 'utf8')).toContain(BIN);

    learner.git('add', 'src/users.ts');
    const commit = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-m', 'add loader'], { cwd: learner.dir, encoding: 'utf8', env: { ...process.env, ...env() } });
    expect(commit.status).not.toBe(0);
    expect(commit.stdout + commit.stderr).toContain('src/users.ts:');

    const uninstall = runCli(learner.dir, ['hook', 'uninstall'], env());
    expect(uninstall.status).toBe(0);
    expect(existsSync(hook)).toBe(false);
  });

  it('leaves a hook it did not write alone', () => {
    const hook = join(learner.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\nexit 0\n');
    const install = runCli(learner.dir, ['hook', 'install'], env());
    expect(install.status).toBe(2);
    expect(install.stderr).toContain('was not written by ArchAngel');
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\nexit 0\n');
  });
});

describe('archangel review after a fix', () => {
  it('says which notes of the last review the fix resolved', () => {
    const first = JSON.parse(runCli(learner.dir, ['review', '--format', 'json'], env()).stdout) as { notes: Array<{ topic: string; title: string }> };
    expect(first.notes.some((n) => n.topic === 'ts.pitfalls.oxlint.no-empty')).toBe(true);
    writeFileSync(join(learner.dir, 'src/users.ts'), `${USERS_START}${CHANGE.replace('catch (error) {}', 'catch (error) {\n    throw new Error(`bad user ${id}`, { cause: error });\n  }')}`);
    try {
      const text = runCli(learner.dir, ['review'], env());
      expect(text.status, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/^✓ resolved since the last review: empty block \(src\/users\.ts:\d+\)$/m);
    } finally {
      writeFileSync(join(learner.dir, 'src/users.ts'), `${USERS_START}${CHANGE}`);
    }
  });
});
