import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { posix } from 'node:path';
import type { TreeEntry } from '../../golden/types.js';
import { classifyPath, type SkipReason } from '../classify.js';
import { detectLanguage, type Language } from '../language.js';

/** Why a tree entry was left out before its content was read. */
export type PathSkipReason = SkipReason | 'excluded' | 'gitignored' | 'symlink' | 'submodule';

export interface SelectedFile {
  path: string;
  sha: string;
  size: number;
  language: Language;
}

export interface Selection {
  files: SelectedFile[];
  skipped: Map<PathSkipReason, number>;
}

export interface SelectOptions {
  include?: string[] | undefined;
  exclude?: string[] | undefined;
  maxFileBytes: number;
  /** Text of every .gitignore in the tree, by its path. */
  gitignores: Map<string, string>;
}

/**
 * Picks the files worth reading from a commit's tree, by path and size alone: include/exclude
 * globs, the repo's own (nested) .gitignore files, symlinks and submodules, vendored, generated
 * and lock files. Content checks (binary, minified, encoding) come later, on the bytes.
 */
export function selectFiles(entries: TreeEntry[], options: SelectOptions): Selection {
  const includes = options.include?.length ? picomatch(options.include, { dot: true }) : undefined;
  const excludes = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : undefined;
  const ignored = gitignoreMatcher(options.gitignores);
  const files: SelectedFile[] = [];
  const skipped = new Map<PathSkipReason, number>();
  const skip = (reason: PathSkipReason) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);

  for (const entry of entries) {
    if (entry.type === 'link') skip('symlink');
    else if (entry.type === 'commit') skip('submodule');
    else if ((includes && !includes(entry.path)) || excludes?.(entry.path)) skip('excluded');
    else if (ignored(entry.path)) skip('gitignored');
    else {
      const reason = classifyPath(entry.path);
      const language = detectLanguage(entry.path);
      if (reason) skip(reason);
      else if (!language) skip('not-source');
      else if (entry.size > options.maxFileBytes) skip('too-large');
      else files.push({ path: entry.path, sha: entry.sha, size: entry.size, language });
    }
  }
  return { files, skipped };
}

/** A matcher that applies each .gitignore to the paths below its folder, as git does. */
function gitignoreMatcher(gitignores: Map<string, string>): (path: string) => boolean {
  const rules: Array<{ dir: string; rules: Ignore }> = [];
  for (const [path, text] of gitignores) {
    const dir = posix.dirname(path);
    rules.push({ dir: dir === '.' ? '' : `${dir}/`, rules: ignore().add(text) });
  }
  if (rules.length === 0) return () => false;
  return (path) => rules.some(({ dir, rules: r }) => path.startsWith(dir) && r.ignores(path.slice(dir.length)));
}

/** The .gitignore files of a tree, whose text must be read before selecting. */
export function gitignoreEntries(entries: TreeEntry[]): TreeEntry[] {
  return entries.filter((entry) => entry.type === 'blob' && posix.basename(entry.path) === '.gitignore' && entry.size < 1_000_000);
}
