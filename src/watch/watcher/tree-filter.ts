import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { debug } from '../../log/logger.js';
import type { TrackedListing } from './git.js';

/** Never watched, whatever git says: git's own data, ArchAngel's, and installed dependencies. */
export const ALWAYS_IGNORED_DIRS: ReadonlySet<string> = new Set(['.git', '.archangel', 'node_modules']);

/**
 * Vendored code and build output, pruned even when no .gitignore names them (a junior's first
 * repo often lacks one) unless git tracks files inside: a tracked `build/` of scripts is source.
 */
export const VENDORED_DIRS: ReadonlySet<string> = new Set([
  'bower_components', 'jspm_packages', '.pnpm-store', '.yarn', 'vendor', 'third_party', 'Pods',
  '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', '.pytest_cache', '.gradle', 'target',
  'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.turbo', '.cache', '.parcel-cache',
]);

/** A .gitignore bigger than this is not hand-written; reading it would only cost memory. */
const MAX_GITIGNORE_BYTES = 1_000_000;

/**
 * Decides which saved files count as the learner's work, as git would: every `.gitignore`
 * applies below its own folder (one `ignore` instance per folder, loaded on first use),
 * `.git/info/exclude` applies everywhere, and what git tracks is never hidden by a rule. Files
 * below `ALWAYS_IGNORED_DIRS`, or below an untracked folder named in `VENDORED_DIRS`, never count.
 * Paths are repo-relative with `/` separators. (Which folders are not watched at all is git's
 * answer: see `listPrunedDirs`.)
 */
export class TreeFilter {
  private readonly rules = new Map<string, Ignore | null>();
  /** What git tracks (nothing until `setTracked`, e.g. outside a git repository). */
  tracked: TrackedListing = { files: 0, trackedDirs: new Set(['']), trackedIgnored: new Set() };

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

  /** Whether a file is left alone: below a folder that never counts, or git-ignored and not tracked. */
  ignoresFile(path: string): boolean {
    const segments = path.split('/');
    for (let depth = 1; depth < segments.length; depth++) {
      const name = segments[depth - 1]!;
      if (ALWAYS_IGNORED_DIRS.has(name)) return true;
      if (VENDORED_DIRS.has(name) && !this.tracked.trackedDirs.has(segments.slice(0, depth).join('/'))) return true;
    }
    if (this.tracked.trackedIgnored.has(path)) return false;
    return this.matches(segments);
  }

  /** Applies the rules of every folder from the root down to the file's; the deepest verdict wins. */
  private matches(segments: string[]): boolean {
    let ignored = false;
    for (let depth = 0; depth < segments.length; depth++) {
      const rules = this.rulesOf(segments.slice(0, depth).join('/'));
      if (!rules) continue;
      const verdict = rules.test(segments.slice(depth).join('/'));
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
