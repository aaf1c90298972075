import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { debug } from '../../log/logger.js';
import type { TrackedListing } from './git.js';

/** Never watched, whatever git says: git's own data, ArchAngel's, and installed dependencies. */
const ALWAYS_IGNORED_DIRS = new Set(['.git', '.archangel', 'node_modules']);

/**
 * Vendored code and build output, pruned even when no .gitignore names them (a junior's first
 * repo often lacks one) unless git tracks files inside: a tracked `build/` of scripts is source.
 */
const VENDORED_DIRS = new Set([
  'bower_components', 'jspm_packages', '.pnpm-store', '.yarn', 'vendor', 'third_party', 'Pods',
  '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', '.pytest_cache', '.gradle', 'target',
  'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.turbo', '.cache', '.parcel-cache',
]);

/** A .gitignore bigger than this is not hand-written; reading it would only cost memory. */
const MAX_GITIGNORE_BYTES = 1_000_000;

/**
 * Decides which folders the watcher descends into and which files count as the learner's work,
 * as git would: every `.gitignore` applies below its own folder (one `ignore` instance per
 * folder, loaded on first use), `.git/info/exclude` applies everywhere, and what git tracks is
 * never hidden by a rule. Paths are repo-relative with `/` separators; '' is the root.
 */
export class TreeFilter {
  private readonly rules = new Map<string, Ignore | null>();
  /** What git tracks (nothing until `setTracked`, e.g. outside a git repository). */
  tracked: TrackedListing = { trackedDirs: new Set(['']), trackedIgnored: new Set() };

  constructor(
    private readonly root: string,
    /** `info/exclude` of the git dir, if any. */
    private readonly excludeFile?: string,
  ) {}

  /** Replaces what git tracks (at start and after each git operation). */
  setTracked(listing: TrackedListing): void {
    this.tracked = listing;
  }

  /** Forgets the rules of the folder holding a `.gitignore` that just changed. */
  forgetRules(dir: string): void {
    this.rules.delete(dir);
  }

  /** Whether the watcher should stay out of this folder (and everything below it). */
  ignoresDir(dir: string): boolean {
    const name = posix.basename(dir);
    if (ALWAYS_IGNORED_DIRS.has(name)) return true;
    if (dir === '' || this.tracked.trackedDirs.has(dir)) return false;
    return VENDORED_DIRS.has(name) || this.matches(dir, true);
  }

  /** Whether a file is left alone: git-ignored and not tracked, or below a pruned folder's name. */
  ignoresFile(path: string): boolean {
    if (path.split('/').some((segment) => ALWAYS_IGNORED_DIRS.has(segment))) return true;
    if (this.tracked.trackedIgnored.has(path)) return false;
    return this.matches(path, false);
  }

  /** Applies the rules of every folder from the root down to the path's parent; the deepest verdict wins. */
  private matches(path: string, isDir: boolean): boolean {
    const segments = path.split('/');
    let ignored = false;
    for (let depth = 0; depth < segments.length; depth++) {
      const dir = segments.slice(0, depth).join('/');
      const rules = this.rulesOf(dir);
      if (!rules) continue;
      const rest = segments.slice(depth).join('/') + (isDir ? '/' : '');
      const verdict = rules.test(rest);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  private rulesOf(dir: string): Ignore | null {
    let rules = this.rules.get(dir);
    if (rules === undefined) {
      const texts = [readSmall(join(this.root, dir, '.gitignore'))];
      if (dir === '' && this.excludeFile) texts.unshift(readSmall(this.excludeFile));
      const text = texts.join('\n').trim();
      rules = text === '' ? null : ignore().add(text);
      this.rules.set(dir, rules);
    }
    return rules;
  }
}

function readSmall(path: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    return text.length > MAX_GITIGNORE_BYTES ? '' : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') debug('watch', 'cannot read ignore rules', { path, error: String(error) });
    return '';
  }
}
