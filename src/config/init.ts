import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ArchangelError } from '../errors/archangel-error.js';
import { CONFIG_FILE } from './load.js';
import type { ArchangelConfigInput } from './schema.js';

/**
 * Writes a starter archangel.json in `dir`. Each golden spec that looks like a path becomes a
 * `{ "path": ... }` entry; with none, the repository itself is the golden repo. Paths that do not
 * exist are written all the same (the folder may be cloned next) and returned, for a warning.
 */
export function writeStarterConfig(dir: string, options: { golden: string[]; force: boolean }): { configFile: string; gitignoreUpdated: boolean; missingPaths: string[] } {
  const configFile = join(dir, CONFIG_FILE);
  if (existsSync(configFile) && !options.force) {
    throw new ArchangelError('USAGE', `${configFile} already exists.`, { hint: 'Edit it, or run `archangel init --force` to replace it.' });
  }
  const golden: ArchangelConfigInput['golden'] = options.golden.length === 0 ? [{ path: '.' }] : options.golden.map(toEntry);
  const config: ArchangelConfigInput = {
    $schema: './node_modules/archangel/schema.json',
    golden,
    mentor: { level: 'junior', maxNotesPerSave: 3 },
    embeddings: { provider: 'local' },
  };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const missingPaths = golden.flatMap((entry) => (typeof entry === 'object' && 'path' in entry && !entry.path.startsWith('~') && !existsSync(resolve(dir, entry.path)) ? [entry.path] : []));
  return { configFile, gitignoreUpdated: ignoreStateFolder(dir), missingPaths };
}

function toEntry(spec: string): string | { path: string } {
  const looksLikePath = spec.startsWith('.') || spec.startsWith('~') || isAbsolute(spec);
  return looksLikePath ? { path: spec } : spec;
}

/** Adds `.archangel/` to .gitignore unless it is already there. Returns whether it wrote. */
function ignoreStateFolder(dir: string): boolean {
  const file = join(dir, '.gitignore');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current.split('\n').some((line) => ['.archangel', '.archangel/', '/.archangel', '/.archangel/'].includes(line.trim()))) return false;
  writeFileSync(file, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}.archangel/\n`);
  return true;
}
