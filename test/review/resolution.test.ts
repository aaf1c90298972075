import { describe, expect, it } from 'vitest';
import { fixedNotes, type FileScope, type OpenNote, type ReviewScope } from '../../src/review/resolution.js';
import type { DiffTarget } from '../../src/review/types.js';

/**
 * Which notes a review may call fixed. The note: `Bad_name` declared on line 5 of a.ts, seen in a
 * review of the working tree. Each case changes one thing about the review that judges it.
 */
const NOTE: OpenNote = { id: 'n1', path: 'a.ts', startLine: 5, endLine: 5, topic: 'ts.naming.function', code: 'export function Bad_name(a: any) {', seenIn: { kind: 'worktree' } };

const FIXED_FILE = ['export function getX(a: string) {', '  return a;', '}', '// staged', 'export function badName(a: any) {', '  return a;', '}'];

function file(overrides: Partial<FileScope> = {}): FileScope {
  return { checked: new Set([4, 5, 6, 7]), departures: [], lines: FIXED_FILE, ...overrides };
}

function scope(target: DiffTarget, files: Record<string, FileScope> = { 'a.ts': file() }): ReviewScope {
  return { target, files: new Map(Object.entries(files)) };
}

const WORKTREE: DiffTarget = { kind: 'worktree' };

describe('a review judging an earlier note', () => {
  it('calls it fixed when it checked the note\'s lines and neither the departure nor the code is there', () => {
    expect(fixedNotes(scope(WORKTREE), [NOTE], new Set())).toEqual(['n1']);
  });

  it('leaves it open when the review gave it again', () => {
    expect(fixedNotes(scope(WORKTREE), [NOTE], new Set(['n1']))).toEqual([]);
  });

  it('leaves alone a note on a file the review did not diff (watch reviewing the one file saved)', () => {
    expect(fixedNotes(scope(WORKTREE, { 'b.ts': file() }), [NOTE], new Set())).toEqual([]);
  });

  it('leaves it open when its lines were not checked this time (context lines, hunks past the budget, committed code)', () => {
    expect(fixedNotes(scope(WORKTREE, { 'a.ts': file({ checked: new Set([4]) }) }), [NOTE], new Set())).toEqual([]);
  });

  it('leaves it open while a departure of the same rule is on its lines, whatever note the review chose to show', () => {
    const departures = [{ ruleId: 'ts.naming.function', startLine: 5, endLine: 5 }];
    expect(fixedNotes(scope(WORKTREE, { 'a.ts': file({ departures }) }), [NOTE], new Set())).toEqual([]);
    const otherRule = [{ ruleId: 'ts.types.no-any', startLine: 5, endLine: 5 }];
    expect(fixedNotes(scope(WORKTREE, { 'a.ts': file({ departures: otherRule }) }), [NOTE], new Set())).toEqual(['n1']);
  });

  it('never calls unchanged code fixed: the code moved down stays noted even where its old lines were checked', () => {
    const moved = ['// new line', '// new line', 'export function getX(a: string) {', '  return a;', '}', '// staged', 'export function Bad_name(a: any) {', '  return a;', '}'];
    expect(fixedNotes(scope(WORKTREE, { 'a.ts': file({ checked: new Set([1, 2, 5, 6, 7, 8, 9]), lines: moved }) }), [NOTE], new Set())).toEqual([]);
  });

  it('calls removed code fixed when the note\'s lines are past the end of the file', () => {
    const removed = FIXED_FILE.slice(0, 4);
    expect(fixedNotes(scope(WORKTREE, { 'a.ts': file({ checked: new Set([4]), lines: removed }) }), [NOTE], new Set())).toEqual(['n1']);
    expect(fixedNotes(scope(WORKTREE, { 'a.ts': file({ checked: new Set(), lines: [] }) }), [NOTE], new Set()), 'the file deleted').toEqual(['n1']);
  });

  it('judges a working-tree note only from the working tree: the index or a commit may not hold its code yet', () => {
    const staged: DiffTarget = { kind: 'staged' };
    const range: DiffTarget = { kind: 'range', range: 'main..HEAD' };
    expect(fixedNotes(scope(staged), [NOTE], new Set())).toEqual([]);
    expect(fixedNotes(scope(range), [NOTE], new Set())).toEqual([]);
    expect(fixedNotes(scope(staged), [{ ...NOTE, seenIn: staged }], new Set())).toEqual(['n1']);
    expect(fixedNotes(scope(range), [{ ...NOTE, seenIn: range }], new Set())).toEqual(['n1']);
    expect(fixedNotes(scope(range), [{ ...NOTE, seenIn: { kind: 'range', range: 'v1..v2' } }], new Set())).toEqual([]);
    expect(fixedNotes(scope(WORKTREE), [{ ...NOTE, seenIn: staged }], new Set()), 'the working tree is the newest code').toEqual(['n1']);
  });
});
