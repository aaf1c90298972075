import { isTestPath } from '../../conventions/layout.js';
import type { GoldenIndex } from '../../index/golden-index.js';
import type { Language } from '../../index/language.js';
import { COMPARABLE_SIMILARITY, type SearchResult } from '../../index/search/search.js';
import { callsIn, shapeOf, shapeSimilarity, sharedCalls, telling } from './calls.js';

/**
 * Golden code looked up once per changed hunk, with the learner's code as the query, then read
 * for what it shares with that code: the pool a note's golden example and the model's neighbours
 * are chosen from, so "here is how the team does *this*" shows code that does what these lines do.
 */

/** Candidates read per hunk: enough that one following a given habit is usually among them. */
const POOL = 30;

export interface Candidate {
  result: SearchResult;
  /** The calls the golden code makes (`callsIn`), read once. */
  calls: string[];
  /** Calls the golden code shares with the learner's lines (`requests.get`, `JSON.parse`). */
  shared: string[];
  /** How much of its shape (control flow and calls in order) it shares with the learner's lines, 0..1. */
  shape: number;
  /** The code search's similarity with the learner's code, 0..1 (absent when found by its calls alone). */
  similarity: number | undefined;
  /** Position in the merged searches' order, best first. */
  rank: number;
  /**
   * Whether it is code of the learner's kind: a test for a test, the code itself for code. A test's
   * calls are made on fixtures and mocks, not the way the team's code makes them.
   */
  ofLearnersKind: boolean;
}

export class ComparableGolden {
  readonly #index: GoldenIndex;
  readonly #code: string;
  readonly #language: Language | undefined;
  readonly #excludePath: string;
  #pool: Promise<Candidate[]> | undefined;
  #calls: string[] | undefined;
  readonly #byWords = new Map<string, Promise<Candidate[]>>();

  constructor(index: GoldenIndex, query: { code: string; language: Language | undefined; path: string }) {
    this.#index = index;
    this.#code = query.code;
    this.#language = query.language;
    this.#excludePath = query.path;
  }

  /** The learner's calls, for saying what a candidate shares. */
  get calls(): string[] {
    this.#calls ??= callsIn(this.#code);
    return this.#calls;
  }

  /**
   * Golden code like the learner's, in the learner's language: first what shares the most calls
   * with it, then the most of its shape, then the searches' own order. Empty when the query holds
   * no code.
   */
  candidates(): Promise<Candidate[]> {
    this.#pool ??= this.#lookUp();
    return this.#pool;
  }

  /**
   * The best candidate that `accepts` (the habit in question at work in it), with what it returned.
   * Those sharing the most of `near` (the calls on and around a finding's lines) come first: in a
   * hunk that is a whole new file, the calls of the function a note is about say more than the file's.
   * When none shows it, golden code found by `lookFor` (words of what the finding is about: how the
   * language reads configuration, for a credential) is tried.
   */
  async first<T>(accepts: (candidate: Candidate) => Promise<T | undefined>, options: { near?: readonly string[]; lookFor?: string } = {}): Promise<{ candidate: Candidate; found: T } | undefined> {
    const near = options.near ?? [];
    const pool = await this.candidates();
    const tried = async (candidates: readonly Candidate[]) => {
      for (const candidate of candidates) {
        const found = await accepts(candidate);
        if (found !== undefined) return { candidate, found };
      }
      return undefined;
    };
    const match = await tried(nearFirst([...pool, ...(await this.#makingCalls(near, pool))], near));
    return match ?? (options.lookFor ? tried(await this.#searchOutside(options.lookFor, pool)) : undefined);
  }

  /**
   * Up to `count` candidates comparable to the learner's code: sharing a call with it, or as
   * similar as code solving the same task usually is (COMPARABLE_SIMILARITY, measured on a
   * same-task benchmark). Unrelated code shown as "how the team does this" teaches the wrong thing.
   */
  async comparable(count: number): Promise<Candidate[]> {
    return (await this.candidates()).filter(isComparable).slice(0, count);
  }

  /**
   * Two lookups, merged: the code as a whole (what it looks like), and its calls by name (what it
   * does), so golden code calling the same APIs is in the pool even when the rest of it reads
   * differently.
   */
  async #lookUp(): Promise<Candidate[]> {
    if (this.#code.trim() === '') return [];
    const named = this.calls.filter(telling);
    const [byCode, byCalls] = await Promise.all([
      this.#index.search({ kind: 'code', code: this.#code }, this.#options),
      named.length > 0 ? this.#index.search({ kind: 'text', text: named.join(' ') }, this.#options) : Promise.resolve([]),
    ]);
    return this.#rank(unique(interleave(byCode, byCalls)));
  }

  /**
   * Golden code making `near` (a finding's own calls) when the hunk's pool holds none of the
   * learner's kind that makes one of them by name: a whole new file's pool follows its busiest
   * function, and a note about the `JSON.parse` at its end needs code that parses JSON. Looked up
   * once per set of calls.
   */
  #makingCalls(near: readonly string[], pool: readonly Candidate[]): Promise<Candidate[]> {
    const named = near.filter(telling);
    // A golden test making the call does not count: code is shown code (see `ofLearnersKind`).
    if (named.length === 0 || pool.some((candidate) => candidate.ofLearnersKind && sharedCalls(named, candidate.calls).some(isExact))) return Promise.resolve([]);
    return this.#searchOutside(named.join(' '), pool);
  }

  /** Golden code found by `words`, ranked as the pool is, without what the pool holds already. Searched once per words. */
  #searchOutside(words: string, pool: readonly Candidate[]): Promise<Candidate[]> {
    let found = this.#byWords.get(words);
    if (!found) {
      const known = new Set(pool.map((candidate) => keyOf(candidate.result)));
      found = this.#index.search({ kind: 'text', text: words }, this.#options).then((results) => this.#rank(unique(results).filter((result) => !known.has(keyOf(result)))));
      this.#byWords.set(words, found);
    }
    return found;
  }

  get #options(): { limit: number; language: Language | undefined; excludePath: string } {
    return { limit: POOL, language: this.#language, excludePath: this.#excludePath };
  }

  /** Search results as candidates: what each shares with the learner's code, code of the learner's kind and the most alike first. */
  #rank(results: SearchResult[]): Candidate[] {
    const learner = this.calls;
    const shape = shapeOf(this.#code);
    const learnerTest = isTestPath(this.#excludePath, this.#language);
    return results
      .map((result, rank) => {
        const calls = callsIn(result.text);
        const ofLearnersKind = isTestPath(result.path, this.#language) === learnerTest;
        return { result, calls, rank, ofLearnersKind, shared: sharedCalls(learner, calls), shape: shapeSimilarity(shape, shapeOf(result.text)), similarity: result.similarity };
      })
      .sort((a, b) => kindFirst(a, b) || exactly(b) - exactly(a) || b.shared.length - a.shared.length || b.shape - a.shape || (b.similarity ?? 0) - (a.similarity ?? 0) || a.rank - b.rank);
  }
}

function keyOf(result: SearchResult): string {
  return `${result.repo}\0${result.path}\0${result.startLine}`;
}

/** Results in their order, each place in the golden code once. */
function unique(results: Iterable<SearchResult>): SearchResult[] {
  const kept = new Map<string, SearchResult>();
  for (const result of results) if (!kept.has(keyOf(result))) kept.set(keyOf(result), result);
  return [...kept.values()];
}

/** A shared call made on a receiver alike by name (`requests.get`, `cur.execute`), not only a method of the same name (`.execute`). */
export function isExact(call: string): boolean {
  return !call.startsWith('.');
}

function kindFirst(a: Candidate, b: Candidate): number {
  return Number(b.ofLearnersKind) - Number(a.ofLearnersKind);
}

/** Calls shared with the same receiver's name too (`requests.get`, not only some `.get`): the surest sign of the same API. */
function exactly(candidate: Candidate): number {
  return candidate.shared.filter(isExact).length;
}

/**
 * `pool` with the candidates sharing the most of `near` first (same receiver, then same method),
 * otherwise in its order; each says it shares those calls, the ones the note is about.
 */
function nearFirst(pool: readonly Candidate[], near: readonly string[]): readonly Candidate[] {
  if (near.length === 0) return pool;
  const local = pool.map((candidate) => {
    const shared = sharedCalls(near, candidate.calls);
    return { candidate: shared.length > 0 ? { ...candidate, shared } : candidate, exact: shared.filter(isExact).length, shared: shared.length };
  });
  return local.sort((a, b) => kindFirst(a.candidate, b.candidate) || b.exact - a.exact || b.shared - a.shared).map((entry) => entry.candidate);
}

/** `a1, b1, a2, b2…`: neither lookup's order wins outright. */
function* interleave<T>(a: readonly T[], b: readonly T[]): Generator<T> {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) yield a[i]!;
    if (i < b.length) yield b[i]!;
  }
}

/** Whether a candidate does what the learner's code does: the same calls, or code as alike as same-task code is. */
export function isComparable(candidate: Candidate): boolean {
  return candidate.shared.length > 0 || (candidate.similarity ?? 0) >= COMPARABLE_SIMILARITY;
}

/** A few words on why a candidate was chosen, for the model and for `--dry-run`. */
export function whyChosen(candidate: Candidate, habit?: string): string {
  const like =
    candidate.shared.length > 0
      ? `calls ${candidate.shared.slice(0, 3).join(', ')} as these lines do`
      : isComparable(candidate)
        ? `code much like these lines (similarity ${(candidate.similarity ?? 0).toFixed(2)})`
        : 'the closest golden code found, though it shares no call with these lines';
  return habit ? `${like}; ${habit}` : like;
}
