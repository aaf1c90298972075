import type { Profile } from '../conventions/types.js';
import { listTree, readBlobs } from '../golden/plumbing.js';
import type { DeclaredSymbol, RepoFileRow } from '../index/store/repo-files.js';
import type { LocatedRepo } from './locate-repos.js';

/**
 * Everything the docs are written from, gathered once: the learned profile, and per golden repo its
 * files, its named declarations and the text of the files the docs quote or scan, read from git
 * at the pinned commit. Nothing here is guessed; every sentence of the docs points back into it.
 */
export interface DocsEvidence {
  profile: Profile;
  repos: RepoEvidence[];
}

export interface RepoEvidence {
  name: string;
  /** The pinned commit every citation of this repo points at. */
  commit: string;
  located: LocatedRepo;
  files: RepoFileRow[];
  symbols: DeclaredSymbol[];
  /** Text of every readable file at the pinned commit, by path. */
  texts: Map<string, string>;
}

/** Files the indexer skipped for their content (binary, minified, vendored...) are never read. */
export function readableFiles(files: RepoFileRow[]): RepoFileRow[] {
  return files.filter((file) => file.skipReason === null);
}

/**
 * Reads the readable files of one repo through ONE `git cat-file --batch` (see readBlobs), reporting
 * progress per file. A blob shared by several paths is read once.
 */
export async function readRepoTexts(located: LocatedRepo, files: RepoFileRow[], onFile?: () => void): Promise<Map<string, string>> {
  const pathsBySha = new Map<string, string[]>();
  for (const file of files) pathsBySha.set(file.blobSha, [...(pathsBySha.get(file.blobSha) ?? []), file.path]);
  const texts = new Map<string, string>();
  for await (const blob of readBlobs(located.gitDir, pathsBySha.keys())) {
    const text = blob.bytes.toString('utf8');
    for (const path of pathsBySha.get(blob.sha) ?? []) {
      texts.set(path, text);
      onFile?.();
    }
  }
  return texts;
}

/** Lines `start`..`end` (1-based, inclusive) of a text, or undefined when the text is shorter. */
export function linesOf(text: string | undefined, start: number, end: number): string[] | undefined {
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  if (start < 1 || end > lines.length || end < start) return undefined;
  return lines.slice(start - 1, end);
}

/** Root files that say how a repo is built, run and tested; the index may not hold them (not source). */
const MANIFESTS = new Set(['package.json', 'Makefile', 'pyproject.toml', 'pytest.ini', 'tox.ini', 'go.mod', 'Cargo.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts']);

/** The manifests at the root of the pinned commit, by path. */
export async function readManifests(located: LocatedRepo): Promise<Map<string, string>> {
  const entries = (await listTree(located.gitDir, located.row.commit)).filter((e) => e.type === 'blob' && MANIFESTS.has(e.path));
  const files = entries.map((e) => ({ path: e.path, blobSha: e.sha, language: null, lines: 0, skipReason: null }));
  return readRepoTexts(located, files);
}
