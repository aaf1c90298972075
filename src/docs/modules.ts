import { posix } from 'node:path';
import { importSpecifiers, resolveImport } from './imports.js';

/**
 * The architecture of a repo as folders: its top-level modules and which depend on which, counted
 * from imports between its files.
 */

/** Folders under which the code itself starts: a module is the folder below them. */
const SOURCE_ROOTS = new Set(['src', 'lib', 'packages', 'app', 'apps', 'pkg', 'internal', 'cmd', 'source', 'libs']);

/** Modules drawn at most: a diagram of more boxes teaches nothing at a glance. */
export const MAX_DIAGRAM_MODULES = 24;

/** Arrows drawn at most, heaviest first: past a few dozen the diagram is a hairball. */
export const MAX_DIAGRAM_EDGES = 32;

/** `src/index/store/read.ts` → `src/index`; `README.md` → `(root)`; `test/x.ts` → `test`. */
export function moduleOf(path: string): string {
  const parts = path.split('/');
  if (parts.length === 1) return '(root)';
  const [first = '', second] = parts;
  if (SOURCE_ROOTS.has(first) && parts.length > 2 && second !== undefined) return `${first}/${second}`;
  return first;
}

export interface ModuleEdge {
  from: string;
  to: string;
  /** File-level imports from one module into the other. */
  imports: number;
}

/** Which repo files each file imports (imports that resolve to a file of the repo), by importing path. */
export function fileImports(files: Array<{ path: string; language: string | null }>, texts: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const paths = new Set(files.map((f) => f.path));
  const folders = new Map<string, string>();
  for (const path of [...paths].sort()) {
    const dir = posix.dirname(path);
    // Go imports name a folder: remember one file in each, by its last one and two segments.
    for (const key of [dir.split('/').slice(-2).join('/'), dir.split('/').pop() ?? '']) if (!folders.has(key)) folders.set(key, path);
  }
  const out = new Map<string, Set<string>>();
  for (const file of files) {
    const text = texts.get(file.path);
    if (text === undefined) continue;
    const targets = new Set<string>();
    for (const specifier of new Set(importSpecifiers(text, file.language))) {
      const target = resolveImport(file.path, specifier, file.language, paths, folders);
      if (target !== undefined && target !== file.path) targets.add(target);
    }
    if (targets.size > 0) out.set(file.path, targets);
  }
  return out;
}

/** The folder dependency graph: edges between distinct modules, heaviest first then by name. */
export function moduleGraph(imports: ReadonlyMap<string, ReadonlySet<string>>): ModuleEdge[] {
  const counts = new Map<string, number>();
  for (const [path, targets] of imports) {
    const from = moduleOf(path);
    for (const to of new Set([...targets].map(moduleOf))) {
      if (to === from) continue;
      const key = `${from}\u0000${to}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([key, imports]) => {
      const [from = '', to = ''] = key.split('\u0000');
      return { from, to, imports };
    })
    .sort((a, b) => b.imports - a.imports || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Files per module, largest first then by name. */
export function moduleSizes(paths: string[]): Array<{ module: string; files: number }> {
  const counts = new Map<string, number>();
  for (const path of paths) counts.set(moduleOf(path), (counts.get(moduleOf(path)) ?? 0) + 1);
  return [...counts].map(([module, files]) => ({ module, files })).sort((a, b) => b.files - a.files || a.module.localeCompare(b.module));
}
