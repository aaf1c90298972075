import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateMermaid } from '@aj-archipelago/merval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/config/project.js';
import { parseConfigText } from '../../src/config/validate.js';
import { conventionsObserver } from '../../src/conventions/learn.js';
import { loadProfile } from '../../src/conventions/load-profile.js';
import type { Convention, Profile } from '../../src/conventions/types.js';
import { runDocs, STYLE_FILE, WIKI_FILE, type DocsOptions } from '../../src/docs/run-docs.js';
import { MIN_TENDENCY_CASES } from '../../src/docs/style-guide.js';
import { createEmbeddingProvider } from '../../src/index/embed/create.js';
import { runIndex } from '../../src/index/indexer/run-index.js';
import { fromNodeModules, treeFromNodeModules } from '../helpers/corpus.js';
import { startFakeAnthropic } from '../helpers/fake-anthropic.js';
import { createRepo, removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { checkFlowchart } from './flowchart-check.js';

/**
 * The golden repo is zod's v4 sources (core, classic, mini, locales) with its README and
 * package.json, hosted (by its origin remote) on GitHub; the learner's project indexes it with
 * conventions on, and the docs are written from that index.
 */
let golden: TestRepo;
let commit: string;
let project: Project;

function projectIn(root: string): Project {
  const config = parseConfigText(JSON.stringify({ golden: [{ path: golden.dir, name: 'zod' }] }), 'archangel.json');
  return { config, file: join(root, 'archangel.json'), root, indexPath: join(root, '.archangel', 'index.db'), stateDir: join(root, '.archangel') };
}

function options(extra: Partial<DocsOptions> = {}): DocsOptions {
  return { project, outDir: join(project.root, 'docs'), cacheDir: join(project.root, '.cache'), offline: true, ...extra };
}

const read = (file: string): string => readFileSync(join(project.root, 'docs', file), 'utf8');

beforeAll(async () => {
  golden = createRepo();
  const tree = Object.fromEntries(Object.entries(treeFromNodeModules('zod/src/v4', /\.ts$/)).map(([path, bytes]) => [`src/${path}`, bytes]));
  commit = golden.commit('zod sources', { ...tree, 'README.md': fromNodeModules('zod/README.md'), 'package.json': fromNodeModules('zod/package.json') });
  golden.git('remote', 'add', 'origin', 'https://github.com/colinhacks/zod.git');
  project = projectIn(tempDir());
  await runIndex({ config: project.config, root: project.root, indexPath: project.indexPath, cacheDir: join(project.root, '.cache'), embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
}, 180_000);
afterAll(removeTempDirs);

/** Every `**Do**` / `and in` snippet of the style guide: its link and the code block under it. */
function snippets(markdown: string): Array<{ path: string; start: number; end: number; sha: string; code: string }> {
  const out = [];
  const pattern = /\[([^\]]+):(\d+)(?:-(\d+))?\]\(https:\/\/github\.com\/colinhacks\/zod\/blob\/([0-9a-f]{40})\/([^#)]+)#L(\d+)(?:-L(\d+))?\):\n\n(`{3,})ts\n([\s\S]*?)\n\8\n/g;
  for (const m of markdown.matchAll(pattern)) {
    expect(decodeURIComponent(m[5]!)).toBe(m[1]);
    expect([m[6], m[7] ?? m[6]]).toEqual([m[2], m[3] ?? m[2]]);
    out.push({ path: m[1]!, start: Number(m[2]), end: Number(m[3] ?? m[2]), sha: m[4]!, code: m[9]! });
  }
  return out;
}

/** The profile's code conventions a guide lists: enforced, or a tendency seen often enough. */
function listedConventions(profile: Profile): Convention[] {
  return profile.conventions.filter((c) => c.language !== 'markdown' && c.language !== 'text' && (c.enforced || c.support >= MIN_TENDENCY_CASES));
}

describe('archangel docs, offline', () => {
  it('writes a style guide whose rules are the learned profile, strongest first, with their numbers', async () => {
    const result = await runDocs(options());
    expect(result.files.map((f) => f.status)).toEqual(['created', 'created']);
    const style = read(STYLE_FILE);
    const profile = loadProfile(project.indexPath);
    const code = listedConventions(profile);
    expect(code.length).toBeGreaterThan(10);
    for (const convention of code) {
      expect(style).toContain(`\`${convention.id}\` · ${convention.support} cases · ${Math.round(convention.confidence * 100)}% follow · ${convention.enforced ? 'enforced' : 'observed, not enforced'}`);
    }
    const tableRows = style.split('\n').filter((line) => /^\| TypeScript \|/.test(line));
    expect(tableRows).toHaveLength(code.filter((c) => c.language === 'typescript').length);
    // Strongest first: the enforced rules come before the others.
    const ids = [...style.matchAll(/^`(ts\.[\w.-]+)` · /gm)].map((m) => m[1]!);
    const enforced = new Set(code.filter((c) => c.enforced).map((c) => c.id));
    const firstOther = ids.findIndex((id) => !enforced.has(id));
    expect(ids.slice(firstOther).some((id) => enforced.has(id))).toBe(false);
    expect(style).toContain(`\`zod\` @ \`${commit.slice(0, 12)}\``);
    // A habit seen in a handful of places is no tendency: it is left out, and the guide says so.
    const thin = profile.conventions.filter((c) => !c.enforced && c.support < MIN_TENDENCY_CASES);
    expect(thin.length).toBeGreaterThan(0);
    for (const convention of thin) expect(style).not.toContain(`\`${convention.id}\``);
    expect(style).toContain(`Habits seen in fewer than ${MIN_TENDENCY_CASES} places are left out.`);
  });

  it('opens with plain sentences, then the enforced rules apart from the tendencies, every rule linked to its section', async () => {
    await runDocs(options());
    const style = read(STYLE_FILE);
    const profile = loadProfile(project.indexPath);
    const code = listedConventions(profile);
    const at = (heading: string): number => style.indexOf(`\n${heading}\n`);
    expect([at('## At a glance'), at('## Rules (enforced)'), at('## Tendencies (observed, not enforced)'), at('## TypeScript')].every((n, i, all) => n > 0 && (i === 0 || n > all[i - 1]!))).toBe(true);
    const glance = style.slice(at('## At a glance'), at('## Rules (enforced)'));
    const enforcedTs = code.filter((c) => c.language === 'typescript' && c.enforced);
    expect(glance).toContain(`**TypeScript.** ${enforcedTs.length} rules are enforced`);
    expect(glance).toMatch(/- Names: camelCase \[/);
    // Sentences, not quantile read-outs, and no "1 levels".
    expect(glance).not.toMatch(/median|p90|\b1 (levels|parameters|lines)\b/);
    expect(style).not.toMatch(/\b1 (levels|parameters|lines)\b/);
    // The enforced table holds exactly the enforced rules; the tendencies table the rest.
    const ruleIds = (from: string, to: string): string[] => [...style.slice(at(from), at(to)).matchAll(/^\| [^|]+ \| \[.*\]\(#([\w.-]+)\) \|/gm)].map((m) => m[1]!);
    expect(ruleIds('## Rules (enforced)', '## Tendencies (observed, not enforced)').sort()).toEqual(code.filter((c) => c.enforced).map((c) => c.id).sort());
    expect(ruleIds('## Tendencies (observed, not enforced)', '## TypeScript').sort()).toEqual(code.filter((c) => !c.enforced).map((c) => c.id).sort());
    // Every in-page link lands on a rule's anchor, and each rule has one.
    const anchors = new Set([...style.matchAll(/<a id="([\w.-]+)"><\/a>/g)].map((m) => m[1]!));
    expect([...anchors].sort()).toEqual(code.map((c) => c.id).sort());
    const links = [...glance.matchAll(/\]\(#([\w.-]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThanOrEqual(enforcedTs.length);
    for (const id of links) expect(anchors.has(id)).toBe(true);
  });

  it('quotes only lines that exist at the pinned commit, exactly as git holds them', async () => {
    await runDocs(options());
    const quoted = snippets(read(STYLE_FILE));
    expect(quoted.length).toBeGreaterThan(10);
    for (const snippet of quoted) {
      expect(snippet.sha).toBe(commit);
      const lines = golden.git('show', `${commit}:${snippet.path}`).split('\n');
      expect(snippet.end).toBeLessThanOrEqual(lines.length);
      expect(snippet.code).toBe(lines.slice(snippet.start - 1, snippet.end).join('\n'));
    }
  });

  it('writes a wiki: purpose from the README, modules, a Mermaid diagram that parses, entry points, abstractions, tests, glossary', async () => {
    await runDocs(options());
    const wiki = read(WIKI_FILE);
    const readme = fromNodeModules('zod/README.md').toString('utf8').split('\n');
    const purpose = /> ([^\n]+)\n[\s\S]*?— \[README\.md:(\d+)(?:-(\d+))?\]/.exec(wiki);
    expect(purpose).not.toBeNull();
    expect(readme[Number(purpose![2]) - 1]).toBe(purpose![1]);
    // The centred tagline inside the README's opening <p> block is a caption: the purpose is the first real paragraph.
    expect(purpose![1]).toMatch(/^Zod is a TypeScript-first validation library\./);
    expect(wiki).toMatch(/^- \[zod\]\(#repo-zod\) @ `[0-9a-f]{12}` \(\d+ files\): Zod is a TypeScript-first validation library\.$/m);
    for (const heading of ['### Architecture', '### Entry points', '### Key abstractions', '### Tests', '### Glossary']) expect(wiki).toContain(heading);
    expect(wiki).toContain('| `src/core` |');
    // Beside each module, the declarations other files use it for: each declared inside that module.
    const core = /^\| `src\/core` \| \d+ \| (.+) \|$/m.exec(wiki)?.[1] ?? '';
    const used = [...core.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(golden.git('grep', '-l', '-w', '-F', name, commit, '--', 'src/core').trim()).not.toBe('');
    const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(wiki)?.[1] ?? '';
    expect(validateMermaid(diagram).isValid).toBe(true);
    const { edges } = checkFlowchart(diagram);
    expect(edges).toBeGreaterThan(2);
    expect(diagram).toMatch(/m_src_classic -->\|\d+\| m_src_core/);
    expect(wiki).toMatch(/package\.json `(main|module|exports)`/);
    // Every line citation in the wiki points at lines that exist at the commit.
    for (const m of wiki.matchAll(/\/blob\/([0-9a-f]{40})\/([^#)]+)#L(\d+)(?:-L(\d+))?\)/g)) {
      expect(m[1]).toBe(commit);
      const lines = golden.git('show', `${commit}:${decodeURIComponent(m[2]!)}`).split('\n');
      expect(Number(m[4] ?? m[3])).toBeLessThanOrEqual(lines.length);
    }
  });

  it('rewrites nothing when nothing changed, and --check then passes', async () => {
    await runDocs(options());
    const before = [read(STYLE_FILE), read(WIKI_FILE)];
    const again = await runDocs(options());
    expect(again.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect([read(STYLE_FILE), read(WIKI_FILE)]).toEqual(before);
    expect((await runDocs(options({ check: true }))).files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('keeps hand edits outside the regions, and --check reports a region edited by hand as stale without writing', async () => {
    await runDocs(options());
    const path = join(project.root, 'docs', STYLE_FILE);
    const handWritten = `Read this first: ask in #eng-style.\n\n${read(STYLE_FILE)}\n## Our own notes\n\nKept.\n`;
    writeFileSync(path, handWritten);
    expect((await runDocs(options({ check: true }))).files[0]?.status).toBe('unchanged');
    const tampered = handWritten.replace('## At a glance', '## At a glance (edited)');
    writeFileSync(path, tampered);
    const check = await runDocs(options({ check: true }));
    expect(check.files.find((f) => f.path === path)?.status).toBe('stale');
    expect(readFileSync(path, 'utf8')).toBe(tampered);
    await runDocs(options());
    expect(readFileSync(path, 'utf8')).toBe(handWritten);
  });

  it('writes only one document with --only, and only the asked languages with --lang', async () => {
    const outDir = join(tempDir(), 'out');
    const result = await runDocs(options({ outDir, only: 'style', languages: new Set(['typescript']) }));
    expect(result.files.map((f) => f.path)).toEqual([join(outDir, STYLE_FILE)]);
    expect(existsSync(join(outDir, WIKI_FILE))).toBe(false);
    expect(readFileSync(join(outDir, STYLE_FILE), 'utf8')).not.toMatch(/^## (?!TypeScript|At a glance|Rules \(enforced\)|Tendencies)/m);
  });

  it('refuses to overwrite a file it did not write', async () => {
    const outDir = tempDir();
    writeFileSync(join(outDir, WIKI_FILE), '# Our wiki\n\nWritten by people.\n');
    await expect(runDocs(options({ outDir, only: 'wiki' }))).rejects.toMatchObject({ code: 'USAGE', hint: expect.stringContaining('--force') });
    expect(readFileSync(join(outDir, WIKI_FILE), 'utf8')).toBe('# Our wiki\n\nWritten by people.\n');
  });
});

describe('archangel docs with a model', () => {
  it('rewords the prose from the evidence, keeps only cited evidence, and never asks again for the same evidence', async () => {
    const reply = 'Zod validates data at runtime [E1]. Its checks live in core [E2] and in a file it never had [E99], see [here](https://example.com/made-up) or `zod src/invented.ts:1-2`.';
    const fake = await startFakeAnthropic({ script: [{ kind: 'reply', text: reply }] });
    try {
      const outDir = tempDir();
      const env = { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url };
      const first = await runDocs(options({ outDir, offline: false, only: 'wiki', env }));
      expect(fake.requests).toHaveLength(1);
      expect(first.modelRegions).toBe(1);
      expect(first.droppedCitations).toBe(3);
      const wiki = readFileSync(join(outDir, WIKI_FILE), 'utf8');
      expect(wiki).toMatch(/<!-- archangel:begin wiki-zod-purpose model=[0-9a-f]{16} -->\n## zod <a id="repo-zod"><\/a>\n\nZod validates data at runtime \[README\.md:\d+(-\d+)?\]\(https:\/\/github\.com\/colinhacks\/zod\/blob\//);
      expect(wiki).not.toContain('E99');
      expect(wiki).not.toContain('example.com');
      expect(wiki).not.toContain('src/invented.ts');
      expect(wiki).toContain('see here or.');
      const sent = JSON.stringify(fake.requests[0]?.body);
      expect(sent).toContain('<evidence id=\\"E1\\" place=\\"zod README.md:');
      const again = await runDocs(options({ outDir, offline: false, only: 'wiki', env }));
      expect(fake.requests).toHaveLength(1);
      expect(again.files[0]?.status).toBe('unchanged');
      expect((await runDocs(options({ outDir, only: 'wiki', check: true }))).files[0]?.status).toBe('unchanged');
      expect(existsSync(join(project.stateDir, 'audit.log'))).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('keeps the offline text, with one line saying why, when the model fails', async () => {
    const fake = await startFakeAnthropic({ script: [{ kind: 'error', status: 401, message: 'invalid x-api-key' }] });
    try {
      const outDir = tempDir();
      const warnings: string[] = [];
      const result = await runDocs(options({ outDir, offline: false, env: { ANTHROPIC_API_KEY: 'bad', ANTHROPIC_BASE_URL: fake.url }, warn: (line) => warnings.push(line) }));
      expect(result.modelRegions).toBe(0);
      // Two regions are the model's to write (the style overview, the repo's purpose): asked once, not twice.
      expect(fake.requests).toHaveLength(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('The offline text is kept');
      expect(readFileSync(join(outDir, STYLE_FILE), 'utf8')).toContain('<!-- archangel:begin style-overview -->\n## At a glance');
    } finally {
      await fake.close();
    }
  });
});
