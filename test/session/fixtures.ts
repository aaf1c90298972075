import { join } from 'node:path';
import type { Note } from '../../src/tutor/types.js';
import { tempDir } from '../helpers/git.js';
import type { ReviewStart } from '../../src/session/types.js';

/** Shared builders for the session tests: a state file in a temp folder, notes, reviews, a clock. */

export const REPO = '/home/ada/payments';

export function statePath(): string {
  return join(tempDir(), '.archangel', 'state.db');
}

export function note(id: string, overrides: Partial<Note> = {}): Note {
  return {
    id,
    path: 'src/user-service.ts',
    startLine: 9,
    endLine: 13,
    topic: 'ts.errors.empty-catch',
    severity: 'warn',
    title: 'error handling',
    ladder: [
      { level: 1, text: 'What does the caller see when the request fails?' },
      { level: 2, text: 'An empty catch turns every failure into undefined.' },
      { level: 3, text: 'Compare with acme/api src/client.ts:40-48.' },
      { level: 4, text: '```ts\nthrow new Error("load failed", { cause: e });\n```' },
    ],
    evidence: [{ kind: 'convention', id: 'c1', ruleId: 'errors.rethrow-cause', statement: 'catch blocks rethrow with cause', support: 41, confidence: 0.95, examples: [] }],
    source: 'offline',
    ...overrides,
  };
}

export function review(overrides: Partial<ReviewStart> = {}): ReviewStart {
  return { repo: REPO, branch: 'feat/retry', target: { kind: 'worktree' }, tutor: 'offline', files: ['src/user-service.ts'], ...overrides };
}

/** A clock the test moves by hand, starting at a fixed instant. */
export function fakeClock(start = Date.UTC(2025, 0, 1)): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

export const codeOf = (n: Note): string => `code of ${n.id}`;
