import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/config/project.js';
import { parseConfigText } from '../../src/config/validate.js';
import { conventionsObserver } from '../../src/conventions/learn.js';
import { runDocs, WIKI_FILE, type DocsOptions } from '../../src/docs/run-docs.js';
import { createEmbeddingProvider } from '../../src/index/embed/create.js';
import { runIndex } from '../../src/index/indexer/run-index.js';
import { fromNodeModules, treeFromNodeModules } from '../helpers/corpus.js';
import { createRepo, removeTempDirs, tempDir } from '../helpers/git.js';

/**
 * Golden repos the wiki has little to draw from, each told plainly rather than drawn empty:
 * `lonely` is commander's lib/ alone (one module, no README); `apart` holds two commander files
 * that import nothing, in two folders, under a README of a title, a badge and an install command.
 */
let project: Project;
let wiki: string;

const options = (extra: Partial<DocsOptions> = {}): DocsOptions => ({ project, outDir: join(project.root, 'docs'), cacheDir: join(project.root, '.cache'), offline: true, only: 'wiki', ...extra });

beforeAll(async () => {
  const lonely = createRepo();
  lonely.commit('lib only', Object.fromEntries(Object.entries(treeFromNodeModules('commander/lib', /\.js$/)).map(([path, bytes]) => [`lib/${path}`, bytes])));
  const apart = createRepo();
  apart.commit('two folders', {
    'src/errors/error.js': fromNodeModules('commander/lib/error.js'),
    'src/suggest/suggest-similar.js': fromNodeModules('commander/lib/suggestSimilar.js'),
    'README.md': '# apart\n\n[![npm](https://img.shields.io/npm/v/apart.svg)](https://www.npmjs.com/package/apart)\n\n```sh\nnpm install apart\n```\n',
  });
  const root = tempDir();
  const config = parseConfigText(JSON.stringify({ golden: [{ path: lonely.dir, name: 'lonely' }, { path: apart.dir, name: 'apart' }] }), 'archangel.json');
  project = { config, file: join(root, 'archangel.json'), root, indexPath: join(root, '.archangel', 'index.db'), stateDir: join(root, '.archangel') };
  await runIndex({ config, root, indexPath: project.indexPath, cacheDir: join(root, '.cache'), embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
  await runDocs(options());
  wiki = readFileSync(join(root, 'docs', WIKI_FILE), 'utf8');
}, 120_000);
afterAll(removeTempDirs);

function region(name: string): string {
  const match = new RegExp(`<!-- archangel:begin ${name} -->\\n([\\s\\S]*?)\\n<!-- archangel:end ${name} -->`).exec(wiki);
  expect(match, name).not.toBeNull();
  return match![1]!;
}

describe('the wiki of a repo with little structure', () => {
  it('says a repo has no README instead of quoting one, and the index adds no purpose for it', () => {
    expect(region('wiki-lonely-purpose')).toBe('## lonely <a id="repo-lonely"></a>\n\nThis repository has no README at its root, so nothing in it says what it is for: start from its entry points and key abstractions below.');
    expect(region('wiki-index')).toMatch(/^- \[lonely\]\(#repo-lonely\) @ `[0-9a-f]{12}` \(6 files\)$/m);
  });

  it('says a README with no paragraph of prose does not say what the repo is for', () => {
    expect(region('wiki-apart-purpose')).toContain('Its `README.md` has no paragraph of prose to quote');
    expect(region('wiki-apart-purpose')).not.toContain('> ');
  });

  it('draws no diagram for a single module, and says why', () => {
    const page = region('wiki-lonely');
    expect(page).not.toContain('```mermaid');
    expect(page).toContain('All 6 source files sit in one module, `lib`: there are no dependencies between modules to draw.');
  });

  it('draws no diagram for modules that never import each other, and says why', () => {
    const page = region('wiki-apart');
    expect(page).not.toContain('```mermaid');
    expect(page).toContain('| `src/errors` | 1 |');
    expect(page).toContain('None of the 2 modules imports another');
  });

  it('is current for --check right after it is written', async () => {
    expect((await runDocs(options({ check: true }))).files.map((f) => f.status)).toEqual(['unchanged']);
  });
});
