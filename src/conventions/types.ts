import type { Concern, Failure, Severity } from '../importance/concern.js';
import type { Citation } from '../index/citation.js';
import type { Language } from '../index/language.js';
import type { ApiCall } from './api/habits.js';

/**
 * The kind of habit a convention describes; also the first segment of its rule id after the
 * language. `api`: how an external API is called (`py.api.requests.get.timeout`).
 */
export type Category = 'naming' | 'layout' | 'size' | 'docs' | 'errors' | 'imports' | 'idioms' | 'api';

export type { ApiCall, Citation };

/** One learned habit of the golden code, with the evidence that it is a habit. */
export interface Convention {
  /** Stable rule id, e.g. `ts.naming.function`. */
  id: string;
  language: Language;
  category: Category;
  /** A human sentence, e.g. "Functions are camelCase". */
  statement: string;
  /** What the golden code does, e.g. `camelCase` or `<= 60 lines`. */
  expected: string;
  /** How many cases were seen. */
  support: number;
  /** Share of the cases that follow the convention, 0..1. */
  confidence: number;
  /** Up to three golden places that follow it. */
  examples: Citation[];
  /** Whether checkFile reports departures from it (see thresholds.ts for why not every one is). */
  enforced: boolean;
  /** Learned without a parser (lexical fallback): trust it less. */
  lowConfidence?: boolean;
  /** For an API-usage convention: the callee and the habit (its examples are golden calls of that callee that have it). */
  call?: ApiCall;
}

/**
 * One departure of new code: from an enforced convention learned from the golden code, or from a
 * rule known without it (`rule`: a credential in the change, a linter's correctness rule).
 */
export interface Finding {
  ruleId: string;
  /** What the departure costs (src/importance): the order notes come in. */
  concern: Concern;
  /** Follows the concern; `info` for a habit learned without a parser. */
  severity: Severity;
  /** How the fault shows, when it is more than a risk: orders findings within a concern (src/importance). */
  failure?: Failure;
  path: string;
  startLine: number;
  endLine: number;
  observed: string;
  expected: string;
  message: string;
  support: number;
  confidence: number;
  examples: Citation[];
  symbol?: string;
  /** What a size rule measured (70 for a 70-line function); absent for the other rules. */
  measured?: number;
  /** Set for a rule known without the golden code: who knows it, where to read more, and how to teach it. `expected` states it. */
  rule?: {
    source: string;
    /** The rule as its source names it (`B006`, `no-empty`, `java/string-equality`); absent for our credential check. */
    name?: string;
    docsUrl?: string;
    /** A few words naming what is wrong ("mutable default argument"). */
    title?: string;
    /** The rule's own opening question: points at the danger, never at the fix. */
    question?: string;
    /** The engine's advice, for the last rung only. */
    fix?: string;
  };
  /** For an API-usage finding: the callee and the habit this call lacks (the option, the await, the check…). */
  call?: ApiCall;
}

/** Quantiles of a size metric (function length, parameters, nesting, file length) in the golden code. */
export interface SizeStats {
  median: number;
  p90: number;
  p99: number;
  max: number;
  /** Values above this are reported. */
  limit: number;
}

/** The learned conventions of a set of golden repositories. JSON-serialisable. */
export interface Profile {
  version: number;
  conventions: Convention[];
  /** Size distributions by rule id, for the size checks. */
  sizes: Record<string, SizeStats>;
  /**
   * Golden calls per callee and language (`js.api.fetch` → 42), for callees called at least
   * MIN_SUPPORT times: a language with that many calls of its own is never lent a sibling's habit.
   */
  apiCalls?: Record<string, number>;
}

/** Counts of one categorical fact (e.g. a naming case) within one file, with a few example line ranges. */
export interface ValueCount {
  n: number;
  /** Up to MAX_EXAMPLES_PER_FILE [start, end] line ranges. */
  ex: Array<[number, number]>;
}

/** A size metric within one file: a sparse histogram (value → count) plus the largest case. */
export interface SizeObservation {
  h: Record<string, number>;
  /** [value, startLine, endLine] of the largest case. */
  top: [number, number, number];
}

/**
 * Path-independent facts about one file's content. Stored once per git blob, so it is compact:
 * counts and a few example ranges per category, never the full list of identifiers.
 */
export interface FileObservations {
  /** Format version of this record; bump when the meaning of a key changes. */
  v: number;
  lines: number;
  /** Lines that hold a comment. */
  commentLines: number;
  /** Observed with the lexical fallback (no parser for the language). */
  lexical?: boolean;
  /** The file consists only of re-exports (a barrel / index file). */
  barrel?: boolean;
  /** Categorical facts: key (e.g. `naming.function`) → value (e.g. `camelCase`) → count. */
  cat: Record<string, Record<string, ValueCount>>;
  /** Size facts: key (e.g. `size.function-lines`) → distribution in this file. */
  size: Record<string, SizeObservation>;
}

/** One golden file as the index hands it to buildProfile. */
export interface GoldenFile {
  repo: string;
  commit: string;
  path: string;
  language: Language;
  observations: FileObservations;
}

/** A file to check: its changed line ranges (1-based, inclusive); undefined means the whole file. */
export interface CheckedFile {
  path: string;
  language: Language;
  text: string;
  changed?: Array<{ start: number; end: number }>;
}
