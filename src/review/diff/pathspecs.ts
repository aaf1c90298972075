import { isAbsolute, relative, resolve, sep } from 'node:path';
import { posix } from 'node:path';
import { ArchangelError } from '../../errors/archangel-error.js';
import type { RepoInfo } from './repo.js';

/**
 * Git pathspecs, relative to the repository root, for paths the caller gave relative to the folder
 * it named (or absolute). `:(literal)` keeps `*`, `?` and `[` in real file names from acting as globs.
 */
export function toPathspecs(repo: RepoInfo, dir: string, paths: readonly string[]): string[] {
  return paths.map((path) => {
    const fromDir = relative(dir, resolve(dir, path)).split(sep).join('/');
    const fromTop = posix.normalize(posix.join(repo.prefix, fromDir));
    if (isAbsolute(fromDir) || fromTop === '..' || fromTop.startsWith('../')) {
      throw new ArchangelError('USAGE', `${path} is outside the repository at ${repo.top}.`, {
        hint: 'Name files inside the project being reviewed.',
      });
    }
    return fromTop === '.' ? '.' : `:(literal)${fromTop}`;
  });
}
