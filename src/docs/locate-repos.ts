import type { Project } from '../config/project.js';
import { goldenGitDir } from '../golden/git-dir.js';
import { runGit } from '../golden/run-git.js';
import { resolveSources } from '../golden/sources.js';
import type { RepoRow } from '../index/store/read.js';
import { webBaseOf, type WebBase } from './links.js';

/** A golden repo the index shows, with where its git objects are read and where it is hosted. */
export interface LocatedRepo {
  row: RepoRow & { commit: string };
  gitDir: string;
  web: WebBase | undefined;
  /**
   * The commit a local golden repo's ref points at now; it differs from `row.commit` when the repo
   * moved on since `archangel index`. Undefined for remote repos: knowing would need the network.
   */
  current?: string | undefined;
}

/**
 * Finds the git directory of each indexed repo without touching the network: a local repo is read
 * in place, a remote one from the cache clone `archangel index` made (its pinned commit is kept
 * reachable there). Repos no longer in archangel.json, or never indexed, are left out.
 */
export async function locateRepos(project: Project, rows: RepoRow[], cacheDir: string): Promise<LocatedRepo[]> {
  const sources = new Map(resolveSources(project.config.golden, project.root).map((s) => [s.id, s]));
  const out: LocatedRepo[] = [];
  for (const row of rows) {
    const source = sources.get(row.sourceId);
    if (!source || row.commit === null) continue;
    const { gitDir, current } = await goldenGitDir(source, cacheDir);
    const remote = source.kind === 'remote' ? source.url : await originUrl(gitDir);
    out.push({ row: { ...row, commit: row.commit }, gitDir, web: webBaseOf(remote), current });
  }
  return out;
}

/** The `origin` remote of a local repo, for links to its host; undefined when it has none. */
async function originUrl(gitDir: string): Promise<string | undefined> {
  try {
    return (await runGit(['--git-dir', gitDir, 'config', '--get', 'remote.origin.url'])).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
