import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Real source files nobody here wrote, for tests that need real code in a golden repo. */
export const NODE_MODULES = new URL('../../node_modules/', import.meta.url).pathname;

/** The bytes of a file under node_modules, e.g. `commander/lib/command.js`. */
export function fromNodeModules(path: string): Buffer {
  return readFileSync(join(NODE_MODULES, path));
}

/** Every file below a node_modules folder whose name matches, keyed by its path inside the folder. */
export function treeFromNodeModules(folder: string, pattern: RegExp): Record<string, Buffer> {
  const root = join(NODE_MODULES, folder);
  const out: Record<string, Buffer> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && pattern.test(entry.name)) out[relative(root, path)] = readFileSync(path);
    }
  };
  walk(root);
  return out;
}
