import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchWorkingTree, type WatchError, type WorkingTreeWatch } from '../../src/watch/watcher/index.js';
import { createRepo, removeTempDirs, type TestRepo } from '../helpers/git.js';

/** Settle time used here; the waits below are generous multiples of it, never assertions on timing. */
const SETTLE_MS = 100;
/** Long enough for a settled save (or a git operation's end) to be reported on a loaded machine. */
const QUIET_WAIT_MS = 1_500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Recorder {
  saves: string[][];
  git: Array<'start' | 'end'>;
  errors: Error[];
  watch: WorkingTreeWatch;
}

const open: WorkingTreeWatch[] = [];
afterEach(async () => {
  for (const watch of open.splice(0)) await watch.close();
  removeTempDirs();
});

function startRepo(): TestRepo {
  const repo = createRepo();
  repo.commit('init', {
    '.gitignore': 'generated/\n*.log\n',
    'src/app.ts': 'export const app = 1;\n',
    'src/util.ts': 'export const util = 1;\n',
    'README.md': '# demo\n',
  });
  return repo;
}

async function record(repo: TestRepo, options: { maxFileBytes?: number; poll?: boolean } = {}): Promise<Recorder> {
  const recorder = { saves: [], git: [], errors: [] } as unknown as Recorder;
  recorder.watch = await watchWorkingTree(repo.dir, {
    maxFileBytes: options.maxFileBytes ?? 100_000,
    settleMs: SETTLE_MS,
    poll: options.poll ?? false,
    onSaves: (paths) => recorder.saves.push(paths),
    onGitOperation: (phase) => recorder.git.push(phase),
    onError: (error) => recorder.errors.push(error),
  });
  open.push(recorder.watch);
  return recorder;
}

/** Waits until `done()` holds (polling), or the generous limit passes. */
async function until(done: () => boolean, limitMs = 10_000): Promise<void> {
  for (let waited = 0; !done() && waited < limitMs; waited += 25) await sleep(25);
}

describe('watchWorkingTree', () => {
  it('reports a write to a tracked file once it has settled', async () => {
    const repo = startRepo();
    const rec = await record(repo);
    writeFileSync(join(repo.dir, 'src/app.ts'), 'export const app = 2;\n');
    await until(() => rec.saves.length > 0);
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves).toEqual([['src/app.ts']]);
    expect(rec.git).toEqual([]);
  });

  it('reports five rapid writes of one file as one save', async () => {
    const repo = startRepo();
    const rec = await record(repo);
    for (let i = 0; i < 5; i++) writeFileSync(join(repo.dir, 'src/app.ts'), `export const app = ${10 + i};\n`);
    await until(() => rec.saves.length > 0);
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves).toEqual([['src/app.ts']]);
  });

  it("reports an editor's atomic save (temp file, then rename) as a save of the real file only", async () => {
    const repo = startRepo();
    const rec = await record(repo);
    // JetBrains-style: the new content goes to a temp file, which then replaces the original.
    writeFileSync(join(repo.dir, 'src/app.ts___jb_tmp___'), 'export const app = 3;\n');
    renameSync(join(repo.dir, 'src/app.ts'), join(repo.dir, 'src/app.ts___jb_old___'));
    renameSync(join(repo.dir, 'src/app.ts___jb_tmp___'), join(repo.dir, 'src/app.ts'));
    unlinkSync(join(repo.dir, 'src/app.ts___jb_old___'));
    await until(() => rec.saves.length > 0);
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves).toEqual([['src/app.ts']]);
  });

  it('ignores gitignored folders and files, node_modules and .archangel', async () => {
    const repo = startRepo();
    repo.write({ 'generated/out.ts': 'x', 'node_modules/dep/index.js': 'x', '.archangel/state.json': '{}', 'src/nested/.gitignore': 'local.ts\n' });
    const rec = await record(repo);
    repo.write({
      'generated/out.ts': 'export const out = 2;\n',
      'generated/deeper/new.ts': 'export const n = 1;\n',
      'node_modules/dep/index.js': 'module.exports = 2;\n',
      '.archangel/state.json': '{"a":1}',
      'debug.log': 'log line\n',
      'src/nested/local.ts': 'export const local = 1;\n',
    });
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves).toEqual([]);
  });

  it('reports a new untracked file, also in a folder created after the start', async () => {
    const repo = startRepo();
    const rec = await record(repo);
    repo.write({ 'src/new.ts': 'export const fresh = 1;\n', 'src/feature/deep/part.ts': 'export const part = 1;\n' });
    await until(() => rec.saves.flat().length >= 2);
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves.flat().sort()).toEqual(['src/feature/deep/part.ts', 'src/new.ts']);
  });

  it('follows a folder renamed after the start, and reports writes in it, nested ones too, under their new paths', async () => {
    const repo = startRepo();
    repo.commit('nested', { 'src/deep/er/core.ts': 'export const core = 1;\n' });
    const rec = await record(repo);
    renameSync(join(repo.dir, 'src'), join(repo.dir, 'lib'));
    await sleep(QUIET_WAIT_MS);
    const before = rec.saves.length;
    writeFileSync(join(repo.dir, 'lib/app.ts'), 'export const app = 8;\n');
    writeFileSync(join(repo.dir, 'lib/deep/er/core.ts'), 'export const core = 2;\n');
    await until(() => ['lib/app.ts', 'lib/deep/er/core.ts'].every((path) => rec.saves.slice(before).flat().includes(path)));
    expect(rec.saves.slice(before).flat()).toEqual(expect.arrayContaining(['lib/app.ts', 'lib/deep/er/core.ts']));
    // The old paths come up only as what the rename changed: files that are gone.
    for (const path of rec.saves.flat().filter((saved) => saved.startsWith('src/'))) expect(existsSync(join(repo.dir, path))).toBe(false);
  });

  it('watches folders created nested at once (mkdir -p), and reports later writes deep inside them', async () => {
    const repo = startRepo();
    const rec = await record(repo);
    mkdirSync(join(repo.dir, 'src/feature/a/b'), { recursive: true });
    await sleep(QUIET_WAIT_MS);
    writeFileSync(join(repo.dir, 'src/feature/a/b/deep.ts'), 'export const deep = 1;\n');
    await until(() => rec.saves.flat().includes('src/feature/a/b/deep.ts'));
    await sleep(QUIET_WAIT_MS);
    writeFileSync(join(repo.dir, 'src/feature/a/b/deep.ts'), 'export const deep = 2;\n');
    await until(() => rec.saves.flat().filter((path) => path === 'src/feature/a/b/deep.ts').length === 2);
    expect(rec.saves.flat().filter((path) => path === 'src/feature/a/b/deep.ts')).toHaveLength(2);
  });

  it('starts watching a folder once an edited .gitignore no longer ignores it', async () => {
    const repo = startRepo();
    repo.write({ 'generated/out.ts': 'export const out = 1;\n' });
    const rec = await record(repo);
    writeFileSync(join(repo.dir, '.gitignore'), '*.log\n');
    await until(() => rec.saves.flat().includes('.gitignore'));
    await sleep(QUIET_WAIT_MS);
    writeFileSync(join(repo.dir, 'generated/out.ts'), 'export const out = 2;\n');
    await until(() => rec.saves.flat().includes('generated/out.ts'));
    expect(rec.saves.flat()).toContain('generated/out.ts');
  });

  it('does not report writing the same content again, nor a touch of a clean file', async () => {
    const repo = startRepo();
    const rec = await record(repo);
    writeFileSync(join(repo.dir, 'src/app.ts'), 'export const app = 5;\n');
    await until(() => rec.saves.length > 0);
    await sleep(QUIET_WAIT_MS);
    writeFileSync(join(repo.dir, 'src/app.ts'), 'export const app = 5;\n');
    writeFileSync(join(repo.dir, 'src/util.ts'), 'export const util = 1;\n');
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves).toEqual([['src/app.ts']]);
  });

  it('does not report a file bigger than maxFileBytes, nor a binary one', async () => {
    const repo = startRepo();
    const rec = await record(repo, { maxFileBytes: 1_000 });
    repo.write({ 'src/huge.ts': 'x'.repeat(5_000), 'src/logo.ts': Buffer.from([0x89, 0x50, 0x00, 0x01]) });
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves).toEqual([]);
  });

  it('reports `git checkout -b` as one git operation, not saves', async () => {
    const repo = startRepo();
    writeFileSync(join(repo.dir, 'src/app.ts'), 'export const app = 9;\n');
    const rec = await record(repo);
    repo.git('checkout', '-q', '-b', 'feature');
    await until(() => rec.git.includes('end'));
    await sleep(QUIET_WAIT_MS);
    expect(rec.git).toEqual(['start', 'end']);
    expect(rec.saves).toEqual([]);
  });

  it('reports `git stash` of many changed files as one git operation with no per-file storm', async () => {
    const repo = startRepo();
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`src/many/f${i}.ts`, `export const f${i} = 0;\n`]));
    repo.commit('many', files);
    const rec = await record(repo);
    for (const path of Object.keys(files)) writeFileSync(join(repo.dir, path), 'export const changed = 1;\n');
    await until(() => rec.saves.flat().length >= 30);
    await sleep(QUIET_WAIT_MS);
    const savesBefore = rec.saves.length;
    repo.git('stash', '-q');
    await until(() => rec.git.includes('end'));
    await sleep(QUIET_WAIT_MS);
    expect(rec.git).toEqual(['start', 'end']);
    expect(rec.saves.length).toBe(savesBefore);
    // After the operation, a real save is reported again, and a touch of a restored file is not.
    writeFileSync(join(repo.dir, 'src/many/f0.ts'), 'export const f0 = 0;\n');
    writeFileSync(join(repo.dir, 'src/app.ts'), 'export const app = 42;\n');
    await until(() => rec.saves.length > savesBefore);
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves.slice(savesBefore)).toEqual([['src/app.ts']]);
  });

  it('does not take `git status` or `git add` for a git operation', async () => {
    const repo = startRepo();
    const rec = await record(repo);
    writeFileSync(join(repo.dir, 'src/app.ts'), 'export const app = 7;\n');
    await until(() => rec.saves.length > 0);
    repo.git('status');
    repo.git('add', 'src/app.ts');
    await sleep(QUIET_WAIT_MS);
    expect(rec.git).toEqual([]);
    expect(rec.saves).toEqual([['src/app.ts']]);
  });

  it('reports nothing after close()', async () => {
    const repo = startRepo();
    const rec = await record(repo);
    writeFileSync(join(repo.dir, 'src/app.ts'), 'export const app = 3;\n');
    await rec.watch.close();
    writeFileSync(join(repo.dir, 'src/util.ts'), 'export const util = 3;\n');
    repo.git('checkout', '-q', '-b', 'after-close');
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves).toEqual([]);
    expect(rec.git).toEqual([]);
    expect(rec.errors).toEqual([]);
  });

  it('watches with native events where it can', async () => {
    const rec = await record(startRepo());
    expect(rec.watch.mode).toEqual({ kind: 'native' });
  });

  it('says once that the repository folder was deleted, and stops reporting', async () => {
    const repo = startRepo();
    const rec = await record(repo);
    rmSync(repo.dir, { recursive: true, force: true });
    await until(() => rec.errors.length > 0);
    await sleep(QUIET_WAIT_MS);
    expect(rec.errors.map((error) => (error as WatchError).code)).toEqual(['ROOT_GONE']);
    expect(rec.errors[0]!.message).toContain(`${repo.dir} was deleted or moved`);
    expect(rec.errors[0]!.message).toContain('Hint: restart watch');
  });

  it('says in one line that a very large tree is costly, and still reports saves', async () => {
    const repo = startRepo();
    // 60,000 more files in git's index (one blob, no files written): git counts them, the disk stays small.
    const blob = repo.git('hash-object', '-w', 'src/app.ts');
    const entries = Array.from({ length: 60_000 }, (_, i) => `100644 ${blob} 0\tbulk/d${Math.floor(i / 500)}/f${i}.ts\n`).join('');
    execFileSync('git', ['update-index', '--index-info'], { cwd: repo.dir, input: entries });
    const rec = await record(repo);
    expect(rec.errors.map((error) => (error as WatchError).code)).toEqual(['LARGE_TREE']);
    expect(rec.errors[0]!.message).toMatch(/about 1\d\d,\d{3} files outside \.gitignore.*Hint: add generated, data and vendored folders to \.gitignore/);
    writeFileSync(join(repo.dir, 'src/app.ts'), 'export const app = 2;\n');
    await until(() => rec.saves.length > 0);
    expect(rec.saves).toEqual([['src/app.ts']]);
  });
});

/** The fallback, on a real tree: chokidar polling, asked for with `watch.poll`. */
describe('watchWorkingTree, polling', () => {
  it('says it polls because it was asked to', async () => {
    const rec = await record(startRepo(), { poll: true });
    expect(rec.watch.mode).toEqual({ kind: 'poll', reason: 'watch.poll' });
  });

  it("reports a write, and an editor's atomic save as a save of the real file only", async () => {
    const repo = startRepo();
    const rec = await record(repo, { poll: true });
    writeFileSync(join(repo.dir, 'src/util.ts'), 'export const util = 2;\n');
    writeFileSync(join(repo.dir, 'src/app.ts___jb_tmp___'), 'export const app = 3;\n');
    renameSync(join(repo.dir, 'src/app.ts'), join(repo.dir, 'src/app.ts___jb_old___'));
    renameSync(join(repo.dir, 'src/app.ts___jb_tmp___'), join(repo.dir, 'src/app.ts'));
    unlinkSync(join(repo.dir, 'src/app.ts___jb_old___'));
    await until(() => rec.saves.flat().length >= 2);
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves.flat().sort()).toEqual(['src/app.ts', 'src/util.ts']);
  });

  it('ignores gitignored folders and files and node_modules, and sees files in new nested folders', async () => {
    const repo = startRepo();
    repo.write({ 'generated/out.ts': 'x', 'node_modules/dep/index.js': 'x' });
    const rec = await record(repo, { poll: true });
    repo.write({ 'generated/out.ts': 'export const out = 2;\n', 'node_modules/dep/index.js': 'module.exports = 2;\n', 'debug.log': 'log\n', 'src/feature/deep/part.ts': 'export const part = 1;\n' });
    await until(() => rec.saves.length > 0);
    await sleep(QUIET_WAIT_MS);
    expect(rec.saves.flat()).toEqual(['src/feature/deep/part.ts']);
  });

  it('reports `git stash` of changed files as one git operation, not saves', async () => {
    const repo = startRepo();
    const rec = await record(repo, { poll: true });
    writeFileSync(join(repo.dir, 'src/app.ts'), 'export const app = 4;\n');
    writeFileSync(join(repo.dir, 'src/util.ts'), 'export const util = 4;\n');
    await until(() => rec.saves.flat().length >= 2);
    await sleep(QUIET_WAIT_MS);
    const savesBefore = rec.saves.length;
    repo.git('stash', '-q');
    await until(() => rec.git.includes('end'));
    // Polling sees what git rewrote up to a poll interval after the operation looked over.
    await sleep(QUIET_WAIT_MS * 2);
    expect(rec.git).toEqual(['start', 'end']);
    expect(rec.saves.length).toBe(savesBefore);
  });
});
