import { listTree, readBlobs } from '../../golden/plumbing.js';
import { reasonOf } from '../reason.js';
import { CONFIG_FILE_NAMES, offRulesIn } from './parse.js';
import type { GoldenLinterConfig } from './types.js';

/** A golden repo as the index pinned it: where its objects are and which commit is golden. */
export interface PinnedRepo {
  name: string;
  gitDir: string;
  commit: string;
}

/**
 * What the golden repos' linter configs turn off, read at each repo's pinned commit (so it always
 * agrees with the indexed code, and needs no index change). Only configs at a repo's root are
 * read, and a rule is off when any golden repo turns it off: the team has shown it accepts that
 * code. A config that cannot be read gives a notice; the others still count.
 */
export async function readGoldenLinterConfig(repos: readonly PinnedRepo[]): Promise<{ config: GoldenLinterConfig; notices: string[] }> {
  const off = new Set<string>();
  const notices: string[] = [];
  for (const repo of repos) {
    const names = new Map<string, string>();
    try {
      for (const entry of await listTree(repo.gitDir, repo.commit)) {
        if (entry.type === 'blob' && CONFIG_FILE_NAMES.includes(entry.path)) names.set(entry.sha, entry.path);
      }
      for await (const blob of readBlobs(repo.gitDir, names.keys())) {
        const path = names.get(blob.sha) ?? '';
        try {
          for (const rule of await offRulesIn(path, blob.bytes.toString('utf8'))) off.add(rule);
        } catch (error) {
          notices.push(`${repo.name} ${path} could not be read (${reasonOf(error)}); the rules it turns off are still taught.`);
        }
      }
    } catch (error) {
      notices.push(`The linter configs of ${repo.name} could not be read (${reasonOf(error)}); the rules they turn off are still taught.`);
    }
  }
  return { config: { off: [...off].sort() }, notices };
}
