import type { Project } from '../../config/project.js';
import { cacheDir } from '../../config/env.js';
import { locateRepos } from '../../docs/locate-repos.js';
import { messageOf } from '../../errors/archangel-error.js';
import type { GoldenIndex } from '../../index/golden-index.js';
import { readGoldenLinterConfig } from '../../pitfalls/golden-config/read.js';
import type { GoldenLinterConfig } from '../../pitfalls/golden-config/types.js';

/** Read once per process and golden commits: a watch session reviews hundreds of saves. */
const known = new Map<string, Promise<{ config: GoldenLinterConfig; notices: string[] }>>();

/**
 * What the golden repos' own linter configs turn off, at the commits the index pinned: a rule the
 * team switched off in its golden code is not raised against the learner either.
 */
export function goldenLinterConfig(project: Project, index: GoldenIndex): Promise<{ config: GoldenLinterConfig; notices: string[] }> {
  const rows = index.repos();
  const key = `${project.indexPath}\0${rows.map((row) => `${row.sourceId}@${row.commit ?? ''}`).join(',')}`;
  let config = known.get(key);
  if (!config) {
    config = locateRepos(project, rows, cacheDir())
      .then((located) => readGoldenLinterConfig(located.map(({ row, gitDir }) => ({ name: row.name, gitDir, commit: row.commit }))))
      .catch((error: unknown) => ({ config: { off: [] }, notices: [`The golden repos' linter configs could not be read (${messageOf(error)}); every pitfall is taught.`] }));
    known.set(key, config);
  }
  return config;
}
