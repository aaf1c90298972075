import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateMermaid } from '@aj-archipelago/merval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/config/project.js';
import { parseConfigText } from '../../src/config/validate.js';
import { conventionsObserver } from '../../src/conventions/learn.js';
import { runDocs, STYLE_FILE, WIKI_FILE, type DocsOptions } from '../../src/docs/run-docs.js';
import { createEmbeddingProvider } from '../../src/index/embed/create.js';
import { runIndex } from '../../src/index/indexer/run-index.js';
import { fromNodeModules, treeFromNodeModules } from '../helpers/corpus.js';
import { createRepo, removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { checkFlowchart } from './flowchart-check.js';

/**
 * Two golden repos in one project: zod's v4 core and mini (TypeScript, hosted on GitHub) and
 * commander (JavaScript, hosted on GitHub), each with its README. The docs must keep them apart:
 * one wiki page each, and every style-guide citation naming, linking and quoting the right one.
 */
const HOSTS: Record<string, string> = { zod: 'https://github.com/colinhacks/zod', commander: 'https://github.com/tj/commander.js' };
const repos: Record<string, { repo: TestRepo; commit: string }> = {};
let project: Project;

function goldenRepo(name: string, tree: Record<string, Buffer>): void {
  const repo = createRepo();
  const commit = repo.commit(`${name} sources`, tree);
  repo.git('remote', 'add', 'origin', `${HOSTS[name]}.git`);
  repos[name] = { repo, commit };
}

const options = (extra: Partial<DocsOptions> = {}): DocsOptions => ({ project, outDir: join(project.root, 'docs'), cacheDir: join(project.root, '.cache'), offline: true, ...extra });
const read = (file: string): string => readFileSync(join(project.root, 'docs', file), 'utf8');

beforeAll(async () => {
  const zod = (folder: string) => Object.fromEntries(Object.entries(treeFromNodeModules(`zod/src/v4/${folder}`, /\.ts$/)).map(([path, bytes]) => [`src/${folder}/${path}`, bytes]));
  goldenRepo('zod', { ...zod('core'), ...zod('mini'), 'README.md': fromNodeModules('zod/README.md'), 'package.json': fromNodeModules('zod/package.json') });
  const lib = Object.fromEntries(Object.entries(treeFromNodeModules('commander/lib', /\.js$/)).map(([path, bytes]) => [`lib/${path}`, bytes]));
  goldenRepo('commander', { ...lib, 'index.js': fromNodeModules('commander/index.js'), 'Readme.md': fromNodeModules('commander/Readme.md'), 'package.json': fromNodeModules('commander/package.json') });
  const root = tempDir();
  const config = parseConfigText(JSON.stringify({ golden: Object.entries(repos).map(([name, { repo }]) => ({ path: repo.dir, name })) }), 'archangel.json');
  project = { config, file: join(root, 'archangel.json'), root, indexPath: join(root, '.archangel', 'index.db'), stateDir: join(root, '.archangel') };
  await runIndex({ config, root, indexPath: project.indexPath, cacheDir: join(root, '.cache'), embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
  await runDocs(options());
}, 180_000);
afterAll(removeTempDirs);

/** A repo's part of the wiki: from its purpose region to the end of its page region. */
function page(wiki: string, name: string): string {
  const start = wiki.indexOf(`<!-- archangel:begin wiki-${name}-purpose -->`);
  const end = wiki.indexOf(`<!-- archangel:end wiki-${name} -->`);
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return wiki.slice(start, end);
}

describe('archangel docs with two golden repos', () => {
  it('lists both repos in the wiki index, each linking to its own page', () => {
    const wiki = read(WIKI_FILE);
    const index = wiki.slice(0, wiki.indexOf('<!-- archangel:end wiki-index -->'));
    for (const [name, { commit }] of Object.entries(repos)) {
      expect(index).toContain(`- [${name}](#repo-${name}) @ \`${commit.slice(0, 12)}\``);
      expect(wiki).toContain(`## ${name} <a id="repo-${name}"></a>`);
    }
  });

  it('gives each repo its own purpose, modules, diagram, entry points and tests, cited in that repo only', () => {
    const wiki = read(WIKI_FILE);
    const zod = page(wiki, 'zod');
    const commander = page(wiki, 'commander');
    // Purpose: the first paragraph of each README, quoted from that README.
    const zodReadme = fromNodeModules('zod/README.md').toString('utf8').split('\n');
    const commanderReadme = fromNodeModules('commander/Readme.md').toString('utf8').split('\n');
    const zodPurpose = /> ([^\n]+)\n[\s\S]*?— \[README\.md:(\d+)/.exec(zod);
    const commanderPurpose = /> ([^\n]+)\n[\s\S]*?— \[Readme\.md:(\d+)/.exec(commander);
    expect(zodReadme[Number(zodPurpose?.[2]) - 1]).toBe(zodPurpose?.[1]);
    expect(commanderReadme[Number(commanderPurpose?.[2]) - 1]).toBe(commanderPurpose?.[1]);
    // Modules: each page lists its own folders and not the other's.
    expect(zod).toContain('| `src/core` |');
    expect(zod).toContain('| `src/mini` |');
    expect(zod).not.toContain('`lib`');
    expect(commander).toContain('| `lib` |');
    expect(commander).not.toContain('src/core');
    // A diagram each, drawn from its own imports.
    const diagram = (text: string): string => /```mermaid\n([\s\S]*?)\n```/.exec(text)?.[1] ?? '';
    for (const text of [zod, commander]) expect(validateMermaid(diagram(text)).isValid).toBe(true);
    expect(diagram(zod)).toMatch(/m_src_mini -->\|\d+\| m_src_core/);
    expect(checkFlowchart(diagram(commander)).edges).toBe(1);
    expect(diagram(commander)).toMatch(/m_root -->\|1\| m_lib/);
    expect(commander).toContain('- `npm test` ([package.json:');
    // Every link of a page points into that repo, at its commit.
    for (const [name, text] of [['zod', zod], ['commander', commander]] as const) {
      const links = [...text.matchAll(/\]\((https:\/\/[^)\s]+)\)/g)].map((m) => m[1]!);
      expect(links.length).toBeGreaterThan(2);
      for (const link of links) expect(link.startsWith(`${HOSTS[name]}/blob/${repos[name]!.commit}/`)).toBe(true);
    }
  });

  it('names, links and quotes the right repo in every style-guide citation', () => {
    const style = read(STYLE_FILE);
    const cited = [...style.matchAll(/\[(zod|commander) ([^\]:]+):(\d+)(?:-(\d+))?\]\((https:\/\/github\.com\/[^/]+\/[^/]+)\/blob\/([0-9a-f]{40})\/[^)]+\):\n\n(`{3,})(ts|js)\n([\s\S]*?)\n\7\n/g)];
    const seen = new Set(cited.map((m) => m[1]));
    expect([...seen].sort()).toEqual(['commander', 'zod']);
    for (const [, name, path, start, end, host, sha, , fence, code] of cited) {
      expect(host).toBe(HOSTS[name!]);
      expect(sha).toBe(repos[name!]!.commit);
      expect(fence).toBe(name === 'zod' ? 'ts' : 'js');
      const lines = repos[name!]!.repo.git('show', `${sha}:${path}`).split('\n');
      expect(code).toBe(lines.slice(Number(start) - 1, Number(end ?? start)).join('\n'));
    }
    // No link label leaves the repo unsaid when there are two.
    expect(style).not.toMatch(/\[(?!zod |commander )[^\]\n]*:\d+(-\d+)?\]\(https:/);
  });

  it('--check is clean after a rerun, and the rerun rewrites nothing', async () => {
    const before = [read(STYLE_FILE), read(WIKI_FILE)];
    expect((await runDocs(options())).files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect([read(STYLE_FILE), read(WIKI_FILE)]).toEqual(before);
    expect((await runDocs(options({ check: true }))).files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
  });
});
