import type { FileChange } from '../../src/review/types.js';
import type { Note } from '../../src/tutor/types.js';
import type { WatchEvent } from '../../src/watch/types.js';

export const userService: FileChange = {
  path: 'src/user-service.ts',
  status: 'modified',
  language: 'typescript',
  additions: 5,
  deletions: 1,
  hunks: [
    {
      path: 'src/user-service.ts',
      oldStart: 6,
      oldLines: 4,
      newStart: 6,
      newLines: 8,
      lines: [
        { kind: 'ctx', text: 'export async function get_user_data(id: string) {', newLine: 6, oldLine: 6 },
        { kind: 'add', text: '  try {', newLine: 7 },
        { kind: 'add', text: '    const res = await fetch(`/api/users/${id}`);', newLine: 8 },
        { kind: 'del', text: '  return fetch(id);', oldLine: 7 },
        { kind: 'add', text: '    return await res.json();', newLine: 9 },
        { kind: 'add', text: '  } catch (e) {}', newLine: 10 },
        { kind: 'ctx', text: '}', newLine: 11, oldLine: 8 },
      ],
    },
  ],
};

export const client: FileChange = {
  path: 'src/api/client.ts',
  status: 'modified',
  language: 'typescript',
  additions: 1,
  deletions: 0,
  hunks: [{ path: 'src/api/client.ts', oldStart: 1, oldLines: 1, newStart: 1, newLines: 2, lines: [{ kind: 'ctx', text: 'import x from "y";', newLine: 1, oldLine: 1 }, { kind: 'add', text: 'export const base = "/api";', newLine: 2 }] }],
};

export const errorNote: Note = {
  id: 'n-error',
  path: 'src/user-service.ts',
  startLine: 10,
  endLine: 10,
  topic: 'error-handling',
  severity: 'warn',
  title: 'error handling',
  ladder: [
    { level: 1, text: 'What does a caller of get_user_data see when the request fails?' },
    { level: 2, text: 'An empty catch turns a timeout into a silent undefined. Here a catch handles the error or rethrows it.' },
    { level: 3, text: 'Compare the golden catch block: what does { cause } keep?' },
    { level: 4, text: 'Rethrow with context:\n} catch (e) {\n  throw new Error("loading user failed", { cause: e });\n}' },
  ],
  evidence: [
    {
      kind: 'golden',
      id: 'g1',
      citation: { repo: 'acme/api', path: 'src/users.ts', startLine: 20, endLine: 24, commit: '1a2b3c4d5e6f' },
      snippet: 'try {\n  return await load(id);\n} catch (error) {\n  throw new UserError("load failed", { cause: error });\n}',
    },
  ],
  source: 'offline',
};

export const namingNote: Note = {
  id: 'n-naming',
  path: 'src/user-service.ts',
  startLine: 6,
  endLine: 6,
  topic: 'ts.naming.function',
  severity: 'info',
  title: 'naming',
  ladder: [
    { level: 1, text: 'How would `get_user_data` read next to the other functions here?' },
    { level: 2, text: 'Golden functions are camelCase.' },
    { level: 3, text: 'Look at a golden function name.' },
    { level: 4, text: 'Rename it to getUserData.' },
  ],
  evidence: [{ kind: 'convention', id: 'c1', ruleId: 'ts.naming.function', statement: 'functions are camelCase', support: 2318, confidence: 0.9965, examples: [] }],
  source: 'offline',
};

/** A whole review: start, changes, then the given notes streamed and finished. */
export function reviewEvents(reviewId: number, notes: Note[], files: FileChange[] = [userService, client]): WatchEvent[] {
  const events: WatchEvent[] = [
    { type: 'review-start', reviewId, paths: [] },
    { type: 'changes', reviewId, files, withoutRules: [] },
  ];
  for (const note of notes) {
    const { id, path, startLine, endLine, topic, severity, title, source } = note;
    events.push(
      { type: 'tutor', reviewId, event: { type: 'note-start', note: { id, path, startLine, endLine, topic, severity, title, source } } },
      { type: 'tutor', reviewId, event: { type: 'text', noteId: id, text: note.ladder[0]?.text ?? '' } },
      { type: 'tutor', reviewId, event: { type: 'note-end', note } },
    );
  }
  events.push({ type: 'tutor', reviewId, event: { type: 'done', notes: notes.length } }, { type: 'review-end', reviewId, outcome: 'done' });
  return events;
}

export const status: Extract<WatchEvent, { type: 'status' }> = {
  type: 'status',
  status: { repo: 'payments-web', branch: 'feat/retry', index: '3 repos, indexed 2h ago', tutor: 'offline mentor', usage: { inputTokens: 0, outputTokens: 0 } },
};
