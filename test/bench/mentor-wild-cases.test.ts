import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWildCases } from '../../bench/mentor/wild-cases.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';

afterEach(removeTempDirs);

const text = 'import requests\n\n\ndef fetchOrders(url):\n    return requests.get(url)\n';

/** A bare mirror of `owner/app` holding app/orders.py, laid out as the fetch tool lays mirrors out; returns its root and commit. */
function mirrorOf(file: string): { mirrors: string; commit: string } {
  const work = tempDir();
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: work, encoding: 'utf8' }).trim();
  git('init', '-q');
  mkdirSync(join(work, 'app'));
  writeFileSync(join(work, 'app', 'orders.py'), file);
  git('add', '.');
  git('commit', '-qm', 'orders');
  const mirrors = tempDir();
  execFileSync('git', ['clone', '-q', '--mirror', work, join(mirrors, 'owner+app', 'repo')]);
  return { mirrors, commit: git('rev-parse', 'HEAD') };
}

function labelsDir(labels: Record<string, unknown>): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'python.json'), JSON.stringify(labels));
  return dir;
}

const label = (commit: string) => ({
  source: { repo: 'owner/app', commit, path: 'app/orders.py' },
  path: 'app/orders.py',
  problem: 'no-timeout',
  category: 'correctness',
  keyLines: [5, 5],
  keyText: 'requests.get(',
  minor: [{ line: 4, what: 'naming: camelCase function' }],
  why: 'a hung request hangs the caller',
  batch: 'first',
});

describe('loadWildCases', () => {
  it('reads a labelled file from its mirror at the labelled commit', () => {
    const { mirrors, commit } = mirrorOf(text);
    const { cases, skipped } = loadWildCases(labelsDir({ 'orders.py': label(commit) }), mirrors);
    expect(skipped).toEqual([]);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ language: 'python', name: 'orders.py', text, source: { repo: 'owner/app', commit }, why: 'a hung request hangs the caller', label: { keyLines: [5, 5], problem: 'no-timeout' } });
  });

  it('reads from a clone with a work tree too, as the fetch tool sometimes brings one', () => {
    const { mirrors, commit } = mirrorOf(text);
    const clones = tempDir();
    execFileSync('git', ['clone', '-q', join(mirrors, 'owner+app', 'repo'), join(clones, 'owner+app', 'repo')]);
    const { cases, skipped } = loadWildCases(labelsDir({ 'orders.py': label(commit) }), clones);
    expect(skipped).toEqual([]);
    expect(cases.map((c) => c.text)).toEqual([text]);
  });

  it('skips a case whose repository is not on the machine, saying how to bring it', () => {
    const { commit } = mirrorOf(text);
    const { cases, skipped } = loadWildCases(labelsDir({ 'orders.py': label(commit) }), tempDir());
    expect(cases).toEqual([]);
    expect(skipped).toEqual([expect.stringMatching(/python\/wild\/orders\.py: no mirror of owner\/app .*git clone --mirror https:\/\/github\.com\/owner\/app/)]);
  });

  it('refuses a label that has drifted from the file at its commit', () => {
    const { mirrors, commit } = mirrorOf(text);
    expect(() => loadWildCases(labelsDir({ 'orders.py': { ...label(commit), keyLines: [4, 5] } }), mirrors)).toThrow(/line 4 does not contain its keyText/);
  });

  it('refuses a label without its source commit', () => {
    const { mirrors } = mirrorOf(text);
    expect(() => loadWildCases(labelsDir({ 'orders.py': label('main') }), mirrors)).toThrow(/full commit sha/);
  });
});
