import { basename, dirname } from 'node:path';
import { classifyCase } from './cases.js';

/** Suffixes that mark a role rather than a name (`user.test.ts`, `types.d.ts`): stripped before classifying. */
const ROLE_SUFFIX = /\.(test|spec|d|stories|config|e2e|integration)$/i;

/** The stem of a file name without extension and role suffixes: `user-service.test.ts` → `user-service`. */
export function fileStem(path: string): string {
  let name = basename(path);
  const dot = name.indexOf('.');
  name = dot > 0 ? name.slice(0, name.lastIndexOf('.')) : name;
  return name.replace(ROLE_SUFFIX, '');
}

/** Case style of a file name's stem, or undefined when there is nothing to judge (`index`, `__init__`). */
export function fileNameStyle(path: string): string | undefined {
  const stem = fileStem(path);
  if (stem.includes('.')) return undefined;
  return classifyCase(stem);
}

/** The folder segments of a path (not the file), skipping dot-folders and the test folders' fixed names. */
export function folderNames(path: string): string[] {
  const dir = dirname(path);
  if (dir === '.' || dir === '') return [];
  return dir.split('/').filter((segment) => segment !== '' && !segment.startsWith('.') && !segment.startsWith('__'));
}
