import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

/**
 * The project's own modules a file imports by a relative path (`./mailer`, `../db/client.js`), read
 * from the working tree as saved, the way Node and TypeScript resolve them: as written, with a
 * source extension, or as a folder's index; TypeScript's `./mailer.js` names `mailer.ts`. Only
 * files inside the repository, and none too big to be a module someone wrote.
 */

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const MAX_MODULE_BYTES = 512 * 1024;

export function localModules(repoRoot: string, path: string): (specifier: string) => { path: string; text: string } | undefined {
  return (specifier) => {
    if (!/^\.\.?\//.test(specifier)) return undefined;
    const written = join(repoRoot, dirname(path), specifier);
    const withoutJs = written.replace(/\.[cm]?js$/, '');
    const candidates = [written, ...EXTENSIONS.map((extension) => withoutJs + extension), ...EXTENSIONS.map((extension) => join(written, `index${extension}`))];
    for (const candidate of candidates) {
      const inRepo = relative(repoRoot, candidate);
      if (inRepo.startsWith('..') || isAbsolute(inRepo)) return undefined;
      try {
        const stat = statSync(candidate);
        if (stat.isFile() && stat.size <= MAX_MODULE_BYTES) return { path: inRepo, text: readFileSync(candidate, 'utf8') };
      } catch {
        // Not this one: the next way of resolving it is tried.
      }
    }
    return undefined;
  };
}
