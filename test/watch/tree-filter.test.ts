import { afterEach, describe, expect, it } from 'vitest';
import { listPrunedDirs, listTracked } from '../../src/watch/watcher/git.js';
import { TreeFilter } from '../../src/watch/watcher/tree-filter.js';
import { createRepo, removeTempDirs } from '../helpers/git.js';

afterEach(removeTempDirs);

describe('TreeFilter', () => {
  it('applies nested .gitignore files below their own folder, deepest verdict last, as git does', () => {
    const repo = createRepo();
    repo.write({
      '.gitignore': '*.gen.ts\ncache/\n',
      'src/.gitignore': '!keep.gen.ts\nscratch.ts\n',
      'src/keep.gen.ts': '',
    });
    const filter = new TreeFilter(repo.dir);
    expect(filter.ignoresFile('a.gen.ts')).toBe(true);
    expect(filter.ignoresFile('src/b.gen.ts')).toBe(true);
    expect(filter.ignoresFile('src/keep.gen.ts')).toBe(false);
    expect(filter.ignoresFile('src/scratch.ts')).toBe(true);
    expect(filter.ignoresFile('scratch.ts')).toBe(false);
    expect(filter.ignoresFile('cache/a.ts')).toBe(true);
    expect(filter.ignoresFile('src/cache/a.ts')).toBe(true);
    // `cache/` names folders only.
    expect(filter.ignoresFile('cache')).toBe(false);
  });

  it('leaves out vendored and build folders unless git tracks files in them, and never counts node_modules', async () => {
    const repo = createRepo();
    repo.commit('init', { 'build/release.sh': 'echo\n', 'node_modules/x/index.js': '', 'src/a.ts': '' });
    const filter = new TreeFilter(repo.dir);
    filter.setTracked(await listTracked(repo.dir));
    expect(filter.ignoresFile('build/release.sh')).toBe(false);
    expect(filter.ignoresFile('dist/main.js')).toBe(true);
    expect(filter.ignoresFile('src/vendor/lib.ts')).toBe(true);
    expect(filter.ignoresFile('node_modules/x/index.js')).toBe(true);
    expect(filter.ignoresFile('.archangel/state.json')).toBe(true);
    expect(filter.ignoresFile('src/a.ts')).toBe(false);
  });

  it('keeps a tracked file that an ignore rule matches (force-added), and honours .git/info/exclude', async () => {
    const repo = createRepo();
    repo.write({ '.gitignore': '*.local.ts\n', 'config.local.ts': 'x' });
    repo.git('add', '-f', 'config.local.ts', '.gitignore');
    repo.git('commit', '-qm', 'force');
    repo.write({ '.git/info/exclude': 'private.ts\n' });
    const filter = new TreeFilter(repo.dir, `${repo.dir}/.git/info/exclude`);
    filter.setTracked(await listTracked(repo.dir));
    expect(filter.ignoresFile('config.local.ts')).toBe(false);
    expect(filter.ignoresFile('other.local.ts')).toBe(true);
    expect(filter.ignoresFile('private.ts')).toBe(true);
  });

  it('reads a changed .gitignore again once told to forget it', () => {
    const repo = createRepo();
    repo.write({ 'src/.gitignore': 'a.ts\n' });
    const filter = new TreeFilter(repo.dir);
    expect(filter.ignoresFile('src/a.ts')).toBe(true);
    repo.write({ 'src/.gitignore': 'b.ts\n' });
    filter.forgetRules('src');
    expect(filter.ignoresFile('src/a.ts')).toBe(false);
    expect(filter.ignoresFile('src/b.ts')).toBe(true);
  });
});

describe('what git says: listPrunedDirs and listTracked', () => {
  it("names the top-most folders git ignores, vendored and build folders it does not track, node_modules even when tracked, and .git", async () => {
    const repo = createRepo();
    repo.commit('init', { '.gitignore': 'generated/\n*.log\n', 'build/release.sh': 'echo\n', 'node_modules/x/index.js': '', 'src/a.ts': '' });
    repo.write({ 'generated/deep/out.ts': 'x', 'dist/main.js': 'x', 'src/vendor/lib.ts': 'x', 'build/cache/o.bin': 'x', 'src/debug.log': 'x', 'src/new/b.ts': 'x' });
    const { dirs, unreadable } = await listPrunedDirs(repo.dir, await listTracked(repo.dir));
    expect([...dirs].sort()).toEqual(['.git', 'build/cache', 'dist', 'generated', 'node_modules', 'src/vendor']);
    expect(unreadable).toEqual([]);
  });

  it('lists tracked folders by name, non-ASCII, spaces and nesting included, and counts tracked files', async () => {
    const repo = createRepo();
    repo.commit('init', { 'a.ts': '', 'src/ünï côdé/deep/b.ts': '', 'src/c.ts': '' });
    const listing = await listTracked(repo.dir);
    expect([...listing.trackedDirs].sort()).toEqual(['', 'src', 'src/ünï côdé', 'src/ünï côdé/deep']);
    expect(listing.files).toBe(3);
  });
});
