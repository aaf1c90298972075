import type { Concern, Failure } from '../importance/concern.js';
import type { Language } from '../index/language.js';
import type { GoldenLinterConfig } from './golden-config/types.js';

/** Who found a pitfall: a maintained linter run in this process (or beside it), or our own syntax check. */
export type PitfallEngine = 'oxlint' | 'ruff' | 'tree-sitter';

/** What kind of harm a pitfall does: the one order of importance (src/importance). */
export type { Concern } from '../importance/concern.js';

/** A range of 1-based line numbers, both ends included. */
export interface LineRange {
  start: number;
  end: number;
}

/** A file to look for pitfalls in: its path (relative to the repository) and its text as saved. */
export interface PitfallFile {
  path: string;
  language: Language;
  text: string;
  /**
   * A module of the project this file imports by a relative path (`./mailer`), read from the same
   * working tree: what a rule may follow to see that an imported function returns a promise.
   * Undefined when it is not there (or not known: a golden snippet has no neighbours).
   */
  imported?: (specifier: string) => { path: string; text: string } | undefined;
}

/** One pitfall on a changed line: what a linter (or our syntax check) found, and how to teach it. */
export interface Pitfall {
  engine: PitfallEngine;
  /** The engine's own rule id behind an engine prefix: `ruff/B006`, `oxlint/no-unsafe-finally`, `tree-sitter/go/ignored-error`. */
  ruleId: string;
  /** The rule's documentation page. */
  docsUrl: string;
  concern: Concern;
  /** How the fault shows: `certain` or `hidden` come before a mere risk of the same concern (src/importance). */
  failure?: Failure;
  startLine: number;
  endLine: number;
  /** The engine's message, as it wrote it. */
  message: string;
  /** A few words naming the pitfall, for a note's title: "mutable default argument". */
  title: string;
  /** The question a note opens with: it points at the danger and never says the fix. */
  question: string;
  /** The engine's own advice when it has some (oxlint's `help:` line, Ruff's fix title): for the last rung of the ladder, never the first. */
  fix?: string;
}

/** What to check: which lines changed (absent: the whole file) and what the golden repos turned off. */
export interface PitfallOptions {
  changed?: LineRange[];
  goldenConfig?: GoldenLinterConfig;
}

/** What a review gets back: the pitfalls, most important first, and one line per engine that could not run. */
export interface PitfallReport {
  pitfalls: Pitfall[];
  notices: string[];
}

/** One engine behind `findPitfalls`. `check` may throw; the caller turns that into a notice. */
export interface Engine {
  name: PitfallEngine;
  /** Whether this engine reads files of `language`. */
  handles(language: Language): boolean;
  /** Every pitfall the engine finds in the whole file (the caller keeps those on changed lines). */
  check(file: PitfallFile): Promise<Pitfall[]>;
  /** Stops what the engine keeps running between files, if anything. */
  close?(): Promise<void>;
}
