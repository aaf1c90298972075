import { chmodSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchangelError } from '../../../src/errors/archangel-error.js';
import { readDiff, type SeenRepo } from '../../../src/review/diff/read-diff.js';
import type { DiffResult, FileChange } from '../../../src/review/types.js';
import { createRepo, removeTempDirs, tempDir } from '../../helpers/git.js';

afterEach(removeTempDirs);

const numbered = (count: number, prefix = 'line'): string => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`).join('\n') + '\n';

function only(result: DiffResult, path: string): FileChange {
  const file = result.files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} not in ${JSON.stringify(result.files.map((f) => f.path))}`);
  return file;
}

async function failure(promise: Promise<unknown>): Promise<ArchangelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ArchangelError)) throw new Error(`expected an ArchangelError, got ${String(error)}`);
  return error;
}

describe('readDiff (worktree)', () => {
  it('maps two hunks of a modified file to new-file line numbers', async () => {
    const repo = createRepo();
    const head = repo.commit('one', { 'src/app.ts': numbered(20) });
    const lines = numbered(20).split('\n');
    lines[2] = 'changed 3';
    lines.splice(15, 0, 'inserted a', 'inserted b');
    repo.write({ 'src/app.ts': lines.join('\n') });

    const result = await readDiff(repo.dir);
    expect(result.base).toBe(head);
    const file = only(result, 'src/app.ts');
    expect(file).toMatchObject({ status: 'modified', language: 'typescript', additions: 3, deletions: 1 });
    expect(file.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [1, 6, 1, 6],
      [13, 6, 13, 8],
    ]);
    const [first, second] = file.hunks;
    expect(first?.lines).toEqual([
      { kind: 'ctx', text: 'line 1', newLine: 1, oldLine: 1 },
      { kind: 'ctx', text: 'line 2', newLine: 2, oldLine: 2 },
      { kind: 'del', text: 'line 3', oldLine: 3 },
      { kind: 'add', text: 'changed 3', newLine: 3 },
      { kind: 'ctx', text: 'line 4', newLine: 4, oldLine: 4 },
      { kind: 'ctx', text: 'line 5', newLine: 5, oldLine: 5 },
      { kind: 'ctx', text: 'line 6', newLine: 6, oldLine: 6 },
    ]);
    expect(second?.lines.filter((l) => l.kind === 'add')).toEqual([
      { kind: 'add', text: 'inserted a', newLine: 16 },
      { kind: 'add', text: 'inserted b', newLine: 17 },
    ]);
    expect(second?.lines.at(-1)).toEqual({ kind: 'ctx', text: 'line 18', newLine: 20, oldLine: 18 });
    expect(first?.path).toBe('src/app.ts');
  });

  it('includes untracked files as added, exactly as git shows them once staged', async () => {
    const repo = createRepo();
    repo.commit('one', { 'a.ts': 'a\n' });
    repo.write({ 'src/new.ts': 'export const x = 1;\nexport const y = 2;\n', 'src/empty.ts': '' });
    const untracked = await readDiff(repo.dir);
    const file = only(untracked, 'src/new.ts');
    expect(file).toMatchObject({ status: 'added', additions: 2, deletions: 0 });
    expect(file.hunks[0]?.lines.map((l) => [l.newLine, l.text])).toEqual([
      [1, 'export const x = 1;'],
      [2, 'export const y = 2;'],
    ]);
    expect(only(untracked, 'src/empty.ts').hunks).toEqual([]);

    repo.git('add', 'src/new.ts', 'src/empty.ts');
    expect((await readDiff(repo.dir, { kind: 'staged' })).files).toEqual(untracked.files);
  });

  it('never touches the index to read untracked files', async () => {
    const repo = createRepo();
    repo.commit('one', { 'a.ts': 'a\n' });
    repo.write({ 'b.ts': 'b\n' });
    await readDiff(repo.dir);
    expect(repo.git('status', '--porcelain')).toBe('?? b.ts');
  });

  it('leaves out gitignored files', async () => {
    const repo = createRepo();
    repo.commit('one', { '.gitignore': 'out/\n*.log\n' });
    repo.write({ 'out/bundle.ts': 'x\n', 'debug.log': 'x\n', 'kept.ts': 'x\n' });
    const result = await readDiff(repo.dir);
    expect(result.files.map((f) => f.path)).toEqual(['kept.ts']);
    expect(result.skipped).toEqual([]);
  });

  it('reports a file deleted from the working tree with its old line numbers', async () => {
    const repo = createRepo();
    repo.commit('one', { 'gone.ts': 'a\nb\n', 'kept.ts': 'k\n' });
    unlinkSync(join(repo.dir, 'gone.ts'));
    const file = only(await readDiff(repo.dir), 'gone.ts');
    expect(file).toMatchObject({ status: 'deleted', additions: 0, deletions: 2 });
    expect(file.hunks[0]?.lines).toEqual([
      { kind: 'del', text: 'a', oldLine: 1 },
      { kind: 'del', text: 'b', oldLine: 2 },
    ]);
  });

  it('follows a rename made with git mv, with the edit inside it', async () => {
    const repo = createRepo();
    repo.commit('one', { 'old-name.ts': numbered(10) });
    repo.git('mv', 'old-name.ts', 'new-name.ts');
    repo.write({ 'new-name.ts': numbered(10).replace('line 5', 'line five') });
    const file = only(await readDiff(repo.dir), 'new-name.ts');
    expect(file).toMatchObject({ status: 'renamed', oldPath: 'old-name.ts', additions: 1, deletions: 1 });
    expect(file.hunks[0]?.lines.find((l) => l.kind === 'add')).toEqual({ kind: 'add', text: 'line five', newLine: 5 });
  });

  it('skips binary files and mode-only changes with a reason', async () => {
    const repo = createRepo();
    repo.commit('one', { 'logo.ts': Buffer.from([0, 1, 2, 3]), 'run.sh': 'echo hi\n' });
    repo.write({ 'logo.ts': Buffer.from([0, 1, 2, 4]), 'new.ts': Buffer.from([0, 9]) });
    chmodSync(join(repo.dir, 'run.sh'), 0o755);
    const result = await readDiff(repo.dir);
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([
      { path: 'logo.ts', reason: 'binary' },
      { path: 'new.ts', reason: 'binary' },
      { path: 'run.sh', reason: 'mode-only' },
    ]);
  });

  it('skips lock, vendored, minified, generated and too-large files', async () => {
    const repo = createRepo();
    repo.commit('one', { 'a.ts': 'a\n' });
    repo.write({
      'package-lock.json': '{}\n',
      'vendor/lib.js': 'x\n',
      'app.min.js': 'x\n',
      'gen.ts': '// Code generated by protoc. DO NOT EDIT.\nexport {};\n',
      'big.ts': 'x'.repeat(200) + '\n',
      'a.ts': 'a\n' + 'const long = 1;\n'.repeat(20),
    });
    const result = await readDiff(repo.dir, { kind: 'worktree' }, { maxFileBytes: 150 });
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([
      { path: 'a.ts', reason: 'too-large' },
      { path: 'app.min.js', reason: 'minified' },
      { path: 'big.ts', reason: 'too-large' },
      { path: 'gen.ts', reason: 'generated' },
      { path: 'package-lock.json', reason: 'lockfile' },
      { path: 'vendor/lib.js', reason: 'vendored' },
    ]);
  });

  it('never reads secret files such as .env or private keys', async () => {
    const repo = createRepo();
    repo.commit('one', { '.env': 'A=1\n', 'a.ts': 'a\n' });
    repo.write({ '.env': 'A=2\n', 'certs/dev.pem': 'x\n', '.env.example': 'A=\n' });
    const result = await readDiff(repo.dir);
    expect(result.skipped).toEqual([
      { path: '.env', reason: 'secret-file' },
      { path: '.env.example', reason: 'not-source' },
      { path: 'certs/dev.pem', reason: 'secret-file' },
    ]);
  });

  it('treats everything as added in a repository with no commits', async () => {
    const repo = createRepo();
    repo.write({ 'tracked.ts': 'a\n', 'untracked.ts': 'b\n' });
    repo.git('add', 'tracked.ts');
    const result = await readDiff(repo.dir);
    expect(result.base).toBeNull();
    expect(result.files.map((f) => [f.path, f.status])).toEqual([
      ['tracked.ts', 'added'],
      ['untracked.ts', 'added'],
    ]);
    const staged = await readDiff(repo.dir, { kind: 'staged' });
    expect(staged.files.map((f) => f.path)).toEqual(['tracked.ts']);
  });

  it('reads non-ASCII paths with spaces, unquoted', async () => {
    const repo = createRepo();
    repo.commit('one', { 'docs/café notes.md': 'a\n', 'src/naïve file.ts': 'x\n' });
    repo.write({ 'docs/café notes.md': 'b\n', 'src/日本 語.ts': 'y\n' });
    const result = await readDiff(repo.dir);
    expect(result.files.map((f) => [f.path, f.status])).toEqual([
      ['docs/café notes.md', 'modified'],
      ['src/日本 語.ts', 'added'],
    ]);
  });

  it('drops the CR of CRLF lines and the "no newline at end of file" marker', async () => {
    const repo = createRepo();
    repo.commit('one', { 'win.ts': 'one\r\ntwo\r\n', 'eof.ts': 'a\nb' });
    repo.write({ 'win.ts': 'one\r\nTWO\r\n', 'eof.ts': 'a\nc' });
    const result = await readDiff(repo.dir);
    expect(only(result, 'win.ts').hunks[0]?.lines.map((l) => l.text)).toEqual(['one', 'two', 'TWO']);
    expect(only(result, 'eof.ts').hunks[0]?.lines).toEqual([
      { kind: 'ctx', text: 'a', newLine: 1, oldLine: 1 },
      { kind: 'del', text: 'b', oldLine: 2 },
      { kind: 'add', text: 'c', newLine: 2 },
    ]);
  });

  it('limits the diff to the given paths, tracked or untracked, relative to the folder named', async () => {
    const repo = createRepo();
    repo.commit('one', { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n' });
    repo.write({ 'src/a.ts': 'A\n', 'src/b.ts': 'B\n', 'src/c[1].ts': 'c\n', 'src/c1.ts': 'c\n' });
    const src = join(repo.dir, 'src');
    expect((await readDiff(src, { kind: 'worktree' }, { paths: ['b.ts'] })).files.map((f) => f.path)).toEqual(['src/b.ts']);
    expect((await readDiff(repo.dir, { kind: 'worktree' }, { paths: [join(src, 'c[1].ts')] })).files.map((f) => f.path)).toEqual(['src/c[1].ts']);
    expect((await readDiff(repo.dir, { kind: 'worktree' }, { paths: [] })).files).toEqual([]);
    expect((await failure(readDiff(src, { kind: 'worktree' }, { paths: ['../../elsewhere.ts'] }))).code).toBe('USAGE');
  });

  it('reads against the HEAD seen last only while HEAD has not moved', async () => {
    const repo = createRepo();
    const first = repo.commit('one', { 'src/a.ts': 'a\n' });
    const seen: SeenRepo = {};
    repo.write({ 'src/a.ts': 'a\nb\n' });
    expect((await readDiff(repo.dir, { kind: 'worktree' }, { paths: ['src/a.ts'], seen })).base).toBe(first);
    expect(seen.repo?.head).toBe(first);
    // A commit the reader did not see: the next read diffs against it, not against the HEAD it remembered.
    const second = repo.commit('two');
    repo.write({ 'src/a.ts': 'a\nb\nc\n' });
    const after = await readDiff(repo.dir, { kind: 'worktree' }, { paths: ['src/a.ts'], seen });
    expect(after.base).toBe(second);
    expect(only(after, 'src/a.ts')).toMatchObject({ additions: 1, deletions: 0 });
    expect(seen.repo?.head).toBe(second);
    // A remembered HEAD git no longer has is no failure either.
    seen.repo = { ...seen.repo!, head: '0'.repeat(40) };
    expect((await readDiff(repo.dir, { kind: 'worktree' }, { paths: ['src/a.ts'], seen })).base).toBe(second);
  });
});

describe('readDiff (staged and range)', () => {
  it('compares the index with HEAD, ignoring unstaged edits and untracked files', async () => {
    const repo = createRepo();
    repo.commit('one', { 'a.ts': 'a\n', 'b.ts': 'b\n' });
    repo.write({ 'a.ts': 'staged\n' });
    repo.git('add', 'a.ts');
    repo.write({ 'a.ts': 'staged\nthen edited\n', 'b.ts': 'unstaged\n', 'c.ts': 'untracked\n' });
    const result = await readDiff(repo.dir, { kind: 'staged' });
    expect(result.files.map((f) => f.path)).toEqual(['a.ts']);
    expect(result.files[0]?.hunks[0]?.lines.filter((l) => l.kind === 'add').map((l) => l.text)).toEqual(['staged']);
  });

  it('compares two commits with A..B and from the merge base with A...B', async () => {
    const repo = createRepo();
    const first = repo.commit('one', { 'a.ts': 'a\n' });
    repo.git('checkout', '--quiet', '-b', 'feature');
    const feature = repo.commit('feature', { 'f.ts': 'f\n' });
    repo.git('checkout', '--quiet', 'main');
    repo.commit('main moves on', { 'm.ts': 'm\n' });
    repo.write({ 'dirty.ts': 'not in any commit\n' });

    const twoDot = await readDiff(repo.dir, { kind: 'range', range: `${first}..${feature}` });
    expect(twoDot).toMatchObject({ base: first });
    expect(twoDot.files.map((f) => [f.path, f.status])).toEqual([['f.ts', 'added']]);

    const behind = await readDiff(repo.dir, { kind: 'range', range: 'main..feature' });
    expect(behind.files.map((f) => [f.path, f.status])).toEqual([
      ['f.ts', 'added'],
      ['m.ts', 'deleted'],
    ]);
    const threeDot = await readDiff(repo.dir, { kind: 'range', range: 'main...feature' });
    expect(threeDot).toMatchObject({ base: first });
    expect(threeDot.files.map((f) => f.path)).toEqual(['f.ts']);
  });

  it('rejects a range that is not two commits as a usage error', async () => {
    const repo = createRepo();
    repo.commit('one', { 'a.ts': 'a\n' });
    for (const range of ['main', 'main..nope', '--output=/tmp/x..main']) {
      const error = await failure(readDiff(repo.dir, { kind: 'range', range }));
      expect(error.code).toBe('USAGE');
      expect(error.hint).toMatch(/main\.\.HEAD/);
    }
  });
});

describe('readDiff errors', () => {
  it('says NOT_A_WORKING_TREE, with a hint, outside a repository or for a missing folder', async () => {
    const dir = tempDir();
    for (const target of [dir, join(dir, 'missing')]) {
      const error = await failure(readDiff(target));
      expect(error.code).toBe('NOT_A_WORKING_TREE');
      expect(error.hint).toMatch(/git init/);
    }
  });

  it('says GIT_MISSING when git is not on the PATH', async () => {
    const repo = createRepo();
    const path = process.env.PATH;
    process.env.PATH = tempDir();
    try {
      const error = await failure(readDiff(repo.dir));
      expect(error.code).toBe('GIT_MISSING');
      expect(error.cause).toBeInstanceOf(ArchangelError);
    } finally {
      process.env.PATH = path;
    }
  });
});
