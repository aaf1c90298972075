import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Editors name files by URI; the review engine by path relative to the repository root. Anything
 * else an editor may send (an `untitled:` buffer, a file outside the repository, ArchAngel's own
 * `.archangel/` folder) has no path here, and is left alone.
 */
export function repoPath(root: string, uri: string, stateDir: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  const path = inside(root, file) ?? inside(real(root), real(file));
  if (path === undefined || inside(stateDir, join(root, path)) !== undefined) return undefined;
  return path.split(sep).join('/');
}

/** The `file:` URI of a repository path. */
export function fileUri(root: string, path: string): string {
  return pathToFileURL(join(root, path)).href;
}

function inside(folder: string, file: string): string | undefined {
  const path = relative(folder, file);
  return path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path) ? undefined : path;
}

/** The path with symlinks resolved (an editor may open the repository through one); as given when it does not exist. */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
