// The benchmark's measures, pure: whether a case's notes land on its key lines, whether a clean
// change stays clean, and the tallies per language and overall against the issues' goals.
import type { Citation, Note } from '../../src/tutor/types.js';
import type { BenchCase } from './cases.js';
import { isClean } from './cases.js';
import type { Comparison } from './comparable.js';

/** Issue 13's goals: the first note is the key problem on 3 cases of 4, one of the first three on 9 of 10, and clean changes get no warning at all. */
export const GOALS = { top1: 0.75, hit3: 0.9, clean: 1 } as const;
/** Issue 12's goal: on changes that make calls, 4 golden examples of 5 share a call or a shape with the learner's code. */
export const COMPARABLE_GOAL = 0.8;
/** hit@3 looks at the notes a learner sees first. */
const HIT_AT = 3;

/** What a note's golden example (its rung 3) was judged to be. */
export type ExampleScore =
  | { kind: 'none' }
  | { kind: 'unreadable'; citation: Citation; why: string }
  | { kind: 'compared'; citation: Citation; learnerCalls: string[]; comparison: Comparison; presented: Presented };

/**
 * How rung 3 presents its example: as code doing what the learner's lines do (`alike`), as other
 * code showing the fix they leave out (`fix`: "other code than yours: it reads its configuration…"),
 * or as other code showing the habit (`habit`).
 */
export type Presented = 'alike' | 'fix' | 'habit';

export interface ScoredNote {
  note: Note;
  example: ExampleScore;
}

export interface CaseResult {
  benchCase: BenchCase;
  notes: ScoredNote[];
  /** Non-fatal errors the review reported (a broken template costs a note). */
  errors: string[];
  /** Problem cases: the first note is on the key lines. */
  top1?: boolean;
  /** Problem cases: the first note is on them strictly (`onKeyLinesStrictly`), not merely covering them. */
  top1Strict?: boolean;
  /** Problem cases: one of the first three notes is. */
  hit3?: boolean;
  /** Clean cases: no note at warn or error. */
  clean?: boolean;
}

/** Whether a note points at any of the lines `[start, end]` of the case's file. */
export function onKeyLines(note: Pick<Note, 'path' | 'startLine' | 'endLine'>, path: string, [start, end]: readonly [number, number]): boolean {
  return note.path === path && note.startLine <= end && note.endLine >= start;
}

/** How near the key lines a long note must start to count strictly, and how long a note covering them may be. */
export const STRICT = { near: 3, span: 15 } as const;

/**
 * Whether a note points at the key lines and not merely over them: it starts within `STRICT.near`
 * lines of them, or covers them while spanning at most `STRICT.span` lines. A handler-long note that
 * names another problem, or places merged from far above, cover the key lines without pointing there.
 */
export function onKeyLinesStrictly(note: Pick<Note, 'path' | 'startLine' | 'endLine'>, path: string, [start, end]: readonly [number, number]): boolean {
  if (!onKeyLines(note, path, [start, end])) return false;
  return (note.startLine >= start - STRICT.near && note.startLine <= end + STRICT.near) || note.endLine - note.startLine + 1 <= STRICT.span;
}

export function scoreCase(benchCase: BenchCase, notes: ScoredNote[], errors: string[] = []): CaseResult {
  const { label } = benchCase;
  if (isClean(label)) return { benchCase, notes, errors, clean: notes.every(({ note }) => note.severity === 'info') };
  const hits = notes.map(({ note }) => onKeyLines(note, label.path, label.keyLines));
  const first = notes[0]?.note;
  return { benchCase, notes, errors, top1: hits[0] === true, top1Strict: first !== undefined && onKeyLinesStrictly(first, label.path, label.keyLines), hit3: hits.slice(0, HIT_AT).some(Boolean) };
}

export interface Share {
  count: number;
  of: number;
}

export interface Tally {
  top1: Share;
  /** top1 counted strictly (`onKeyLinesStrictly`). */
  top1Strict: Share;
  hit3: Share;
  clean: Share;
  /** Notes whose golden example was compared and whose learner code makes calls: how many are comparable. */
  comparable: Share;
  /** Notes with no golden example at all, of all notes. */
  noExample: Share;
  /**
   * Of the examples the note presents as doing what the learner's lines do (not "shown for the
   * habit"), how many the comparison finds unrelated: unrelated code shown as "how the team does
   * this" teaches the wrong thing (issue 12). Goal: none.
   */
  misclaimed: Share;
  /** Of the notes counted for `comparable` whose example is not comparable, those presented as showing the fix the learner's lines leave out. */
  fixShown: number;
}

export function tally(results: CaseResult[]): Tally {
  const problems = results.filter((result) => result.top1 !== undefined);
  const cleans = results.filter((result) => result.clean !== undefined);
  const notes = results.flatMap((result) => result.notes);
  const withCalls = notes.flatMap(({ example }) => (example.kind === 'compared' && example.learnerCalls.length > 0 ? [example] : []));
  const claimed = notes.flatMap(({ example }) => (example.kind === 'compared' && example.presented === 'alike' ? [example] : []));
  return {
    top1: { count: problems.filter((result) => result.top1).length, of: problems.length },
    top1Strict: { count: problems.filter((result) => result.top1Strict).length, of: problems.length },
    hit3: { count: problems.filter((result) => result.hit3).length, of: problems.length },
    clean: { count: cleans.filter((result) => result.clean).length, of: cleans.length },
    comparable: { count: withCalls.filter((example) => example.comparison.comparable).length, of: withCalls.length },
    noExample: { count: notes.filter(({ example }) => example.kind === 'none').length, of: notes.length },
    misclaimed: { count: claimed.filter((example) => !example.comparison.comparable).length, of: claimed.length },
    fixShown: withCalls.filter((example) => example.presented === 'fix' && !example.comparison.comparable).length,
  };
}

export function ratio(share: Share): number | undefined {
  return share.of === 0 ? undefined : share.count / share.of;
}

/**
 * The golden code a note puts beside the learner's at rung 3, and how it presents it: the note's
 * first golden evidence, presented as code like the learner's unless it says it is not
 * (`comparable: false`: "other code than yours", shown for the fix or the habit); else its
 * convention's first example, shown for the habit.
 */
export function exampleEvidence(note: Note): { citation: Citation; presented: Presented } | undefined {
  for (const evidence of note.evidence) if (evidence.kind === 'golden') return { citation: evidence.citation, presented: evidence.comparable !== false ? 'alike' : evidence.fix ? 'fix' : 'habit' };
  for (const evidence of note.evidence) if (evidence.kind === 'convention' && evidence.examples[0]) return { citation: evidence.examples[0], presented: 'habit' };
  return undefined;
}
