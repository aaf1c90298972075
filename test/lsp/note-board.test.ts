import { describe, expect, it } from 'vitest';
import { createNoteBoard } from '../../src/lsp/note-board.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { note } from '../session/fixtures.js';

/** What an editor is shown from a watch session's events: which files to publish, with which notes. */

const A = 'src/a.ts';
const first = note('n1', { path: A });
const second = note('n2', { path: A, startLine: 20, endLine: 20 });

function review(reviewId: number, notes: typeof first[], outcome: 'done' | 'superseded' = 'done', resolved: string[] = []): WatchEvent[] {
  return [
    { type: 'review-start', reviewId, paths: [A] },
    { type: 'changes', reviewId, files: [], withoutRules: [] },
    ...notes.map((item): WatchEvent => ({ type: 'tutor', reviewId, event: { type: 'note-end', note: item } })),
    ...(resolved.length > 0 ? [{ type: 'resolved', reviewId, notes: resolved.map((id) => ({ id, path: A, startLine: 9, endLine: 13, title: 'x', topic: 't' })) } satisfies WatchEvent] : []),
    { type: 'review-end', reviewId, outcome },
  ];
}

describe('the note board', () => {
  it('publishes a file once per finished review, with that review\'s notes', () => {
    const board = createNoteBoard();
    expect(review(1, [first]).map((event) => board.apply(event))).toEqual([[], [], [], [A]]);
    expect(board.notesOn(A)).toEqual([first]);
    // The next save fixed the first note and made another: one publication, at the end.
    expect(review(2, [second], 'done', ['n1']).map((event) => board.apply(event))).toEqual([[], [], [], [], [A]]);
    expect(board.notesOn(A)).toEqual([second]);
  });

  it('changes nothing for a superseded review', () => {
    const board = createNoteBoard();
    review(1, [first]).forEach((event) => board.apply(event));
    expect(review(2, [second], 'superseded').flatMap((event) => board.apply(event))).toEqual([]);
    expect(board.notesOn(A)).toEqual([first]);
  });

  it('shows a dismissal at once, even while the file is reviewed again, and the review does not bring it back', () => {
    const board = createNoteBoard();
    review(1, [first, second]).forEach((event) => board.apply(event));
    const [start, changes, ...rest] = review(2, [first, second]);
    board.apply(start!);
    board.apply(changes!);
    board.apply(rest[0]!);
    expect(board.apply({ type: 'note-dismissed', noteId: 'n1' })).toEqual([A]);
    expect(board.notesOn(A)).toEqual([second]);
    rest.slice(1).forEach((event) => board.apply(event));
    expect(board.notesOn(A)).toEqual([second]);
  });
});
