import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../config/project.js';
import { loadProfile } from '../conventions/load-profile.js';
import { openIndexDb } from '../index/store/open.js';
import { listRepos } from '../index/store/read.js';
import { repoFiles, repoSymbols } from '../index/store/repo-files.js';
import type { ClientOverrides } from '../tutor/claude/client.js';
import type { RetryPolicy } from '../tutor/claude/stream-call.js';
import { readableFiles, readManifests, readRepoTexts, type DocsEvidence, type RepoEvidence } from './evidence.js';
import { STYLE_FILE, WIKI_FILE } from './files.js';
import { locateRepos } from './locate-repos.js';
import { mergeRegions, parseRegions, renderRegions, type Region } from './markers.js';
import { createProseWriter, proseHash, type ProseWriter } from './model-prose.js';
import { purposeSlot, styleSlot, type ProseSlot } from './prose-slots.js';
import { renderStyleGuide } from './render-style.js';
import { renderWiki } from './render-wiki.js';
import { buildStyleGuide } from './style-guide.js';
import { buildRepoWiki } from './wiki.js';

export { STYLE_FILE, WIKI_FILE };

export interface DocsOptions {
  project: Project;
  /** Absolute folder the documents are written to. */
  outDir: string;
  cacheDir: string;
  only?: 'style' | 'wiki' | undefined;
  languages?: ReadonlySet<string> | undefined;
  /** Compare with what is on disk instead of writing; never calls a model. */
  check?: boolean;
  /** Overwrite a file that has no markers. */
  force?: boolean;
  /** Never call a model, even when one is configured. */
  offline?: boolean;
  env?: NodeJS.ProcessEnv;
  overrides?: ClientOverrides;
  retry?: Partial<RetryPolicy>;
  onProgress?: (label: string, done: number, total: number) => void;
  warn?: (line: string) => void;
}

export interface DocFile {
  path: string;
  status: 'created' | 'updated' | 'unchanged' | 'stale';
}

export interface DocsResult {
  files: DocFile[];
  repos: Array<{ name: string; commit: string; files: number }>;
  conventions: number;
  snippets: number;
  /** Regions a model wrote (or kept from an earlier run with the same evidence). */
  modelRegions: number;
  /** Citations a model invented and that were dropped. */
  droppedCitations: number;
  /** Golden repos that moved on since they were indexed: the documents describe their older code. */
  behind: Array<{ name: string; indexed: string; current: string }>;
}

/**
 * `archangel docs`: gathers the evidence (profile, index, golden files at their pinned commits),
 * builds CODE_STYLE.md and WIKI.md as regions, lets a configured model reword the prose regions,
 * and merges the regions into the files on disk (or, with `check`, only compares).
 */
export async function runDocs(options: DocsOptions): Promise<DocsResult> {
  const { project } = options;
  const warn = options.warn ?? (() => {});
  const evidence = await gatherEvidence(options);
  const outputs: Array<{ file: string; regions: Region[]; slots: ProseSlot[] }> = [];
  let snippets = 0;
  if (options.only !== 'wiki') {
    const guide = buildStyleGuide(evidence, options.languages);
    snippets = guide.reduce((n, s) => n + s.rules.reduce((m, r) => m + r.snippets.length, 0), 0);
    const web = new Map(evidence.repos.map((r) => [r.name, r.located.web]));
    outputs.push({ file: STYLE_FILE, regions: renderStyleGuide(evidence, guide), slots: [styleSlot(guide, evidence.profile.sizes, (repo) => web.get(repo))] });
  }
  if (options.only !== 'style') {
    const wikis = evidence.repos.map(buildRepoWiki);
    outputs.push({ file: WIKI_FILE, regions: renderWiki(wikis), slots: wikis.map(purposeSlot) });
  }

  const writer = options.check || options.offline ? undefined : await createProseWriter(project, { warn, ...(options.env ? { env: options.env } : {}), ...(options.overrides ? { overrides: options.overrides } : {}), ...(options.retry ? { retry: options.retry } : {}) });
  const result: DocsResult = {
    files: [],
    repos: evidence.repos.map((r) => ({ name: r.name, commit: r.commit, files: r.files.length })),
    conventions: evidence.profile.conventions.length,
    snippets,
    modelRegions: 0,
    droppedCitations: 0,
    behind: evidence.repos.flatMap(({ name, commit, located }) => (located.current && located.current !== commit ? [{ name, indexed: commit, current: located.current }] : [])),
  };
  for (const repo of result.behind) {
    if (!options.check) warn(`golden repo ${repo.name} is at ${repo.current.slice(0, 7)} but the index holds ${repo.indexed.slice(0, 7)}: these documents describe the indexed code until you run \`archangel index\` and \`archangel docs\` again.`);
  }
  if (!options.check) mkdirSync(options.outDir, { recursive: true });
  for (const output of outputs) {
    const path = join(options.outDir, output.file);
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    const regions = await withProse(output.regions, output.slots, existing, path, project.config.model.chat, writer, result);
    const next = existing === undefined ? renderRegions(regions) : mergeRegions(existing, regions, path, options.force);
    if (next === existing) result.files.push({ path, status: 'unchanged' });
    else if (options.check) result.files.push({ path, status: 'stale' });
    else {
      // Written beside, then renamed: a reader never sees half a file.
      writeFileSync(`${path}.tmp`, next);
      renameSync(`${path}.tmp`, path);
      result.files.push({ path, status: existing === undefined ? 'created' : 'updated' });
    }
  }
  return result;
}

/**
 * Fills the prose slots: a region a model wrote from the same evidence is kept as it is; otherwise
 * the model (when there is one) rewords the draft; otherwise the draft stands.
 */
async function withProse(regions: Region[], slots: ProseSlot[], existing: string | undefined, path: string, model: string, writer: ProseWriter | undefined, result: DocsResult): Promise<Region[]> {
  const previous = new Map((existing === undefined ? [] : parseRegions(existing, path)).map((r) => [r.name, r]));
  const out: Region[] = [];
  for (const region of regions) {
    const slot = slots.find((s) => s.region === region.name);
    if (!slot) {
      out.push(region);
      continue;
    }
    const hash = proseHash(model, slot.request);
    const kept = previous.get(region.name);
    if (kept?.modelHash === hash) {
      out.push({ name: region.name, content: kept.content, modelHash: hash });
      result.modelRegions++;
      continue;
    }
    const written = writer ? await writer.write(slot.request) : undefined;
    if (written) {
      out.push({ name: region.name, content: slot.wrap(written.text), modelHash: hash });
      result.modelRegions++;
      result.droppedCitations += written.dropped;
    } else out.push(region);
  }
  return out;
}

/** The profile, the repos the index shows, and the golden files the chosen documents need. */
async function gatherEvidence(options: DocsOptions): Promise<DocsEvidence> {
  const { project } = options;
  const profile = loadProfile(project.indexPath);
  const db = openIndexDb(project.indexPath, { readonly: true });
  let rows;
  try {
    const located = await locateRepos(project, listRepos(db), options.cacheDir);
    rows = located.map((l) => ({ located: l, files: repoFiles(db, l.row.id), symbols: options.only === 'style' ? [] : repoSymbols(db, l.row.id) }));
  } finally {
    db.close();
  }
  const cited = new Set(profile.conventions.flatMap((c) => c.examples.map((e) => `${e.repo}\u0000${e.path}`)));
  const wanted = rows.map((r) => readableFiles(r.files).filter((f) => options.only !== 'style' || cited.has(`${r.located.row.name}\u0000${f.path}`)));
  const total = wanted.reduce((n, files) => n + files.length, 0);
  let done = 0;
  const repos: RepoEvidence[] = [];
  for (const [i, row] of rows.entries()) {
    const texts = await readRepoTexts(row.located, wanted[i] ?? [], () => options.onProgress?.('Reading golden files', ++done, total));
    if (options.only !== 'style') for (const [path, text] of await readManifests(row.located)) if (!texts.has(path)) texts.set(path, text);
    repos.push({ name: row.located.row.name, commit: row.located.row.commit, located: row.located, files: row.files, symbols: row.symbols, texts });
  }
  return { profile, repos };
}
