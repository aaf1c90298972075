import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../src/tui/layout.js';
import { clean, layoutText, wrap } from '../../src/tui/text.js';

describe('text helpers', () => {
  it('wraps words to the width, cuts long words, keeps newlines', () => {
    expect(wrap('What does a caller see when it fails?', 12)).toEqual(['What does a', 'caller see', 'when it', 'fails?']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('one\n\ntwo', 10)).toEqual(['one', '', 'two']);
    for (const line of wrap('x'.repeat(50) + ' short words after a very long token', 7)) expect(line.length).toBeLessThanOrEqual(7);
  });

  it('lays out a rung: prose wrapped, fence lines gone, code kept whole, a diff\'s lines marked', () => {
    const rung = 'Rename it, at the declaration and every use:\n\n```diff\n-export function SaveUser(user: User) {\n+export function saveUser(user: User) {\n```\n~~~ts\nconst veryLongLineOfCodeThatMustNotBeWrapped = 1;\n~~~\nDone.';
    expect(layoutText(rung, 24)).toEqual([
      { text: 'Rename it, at the', tone: 'prose' },
      { text: 'declaration and every', tone: 'prose' },
      { text: 'use:', tone: 'prose' },
      { text: '', tone: 'prose' },
      { text: '-export function SaveUser(user: User) {', tone: 'removed' },
      { text: '+export function saveUser(user: User) {', tone: 'added' },
      { text: 'const veryLongLineOfCodeThatMustNotBeWrapped = 1;', tone: 'code' },
      { text: 'Done.', tone: 'prose' },
    ]);
    // Still streaming: the open fence runs to the end, and a + outside a diff is just code.
    expect(layoutText('```\n+1', 10)).toEqual([{ text: '+1', tone: 'code' }]);
  });

  it('expands tabs and removes escape sequences and control characters', () => {
    expect(clean('\tif (x)\u001b[31m red\u001b[0m\u0007\r\n')).toBe('  if (x) red\n');
  });
});

describe('layout', () => {
  it('puts the panes side by side from 100 columns and stacks them below', () => {
    const wide = computeLayout({ columns: 120, rows: 40 }, 'mentor', false);
    expect(wide).toMatchObject({ sideBySide: true, rows: 39, changes: { width: 50, height: 36 }, mentor: { width: 70, height: 36 } });
    const narrow = computeLayout({ columns: 80, rows: 24 }, 'mentor', false);
    expect(narrow).toMatchObject({ sideBySide: false, changes: { width: 80 }, mentor: { width: 80 } });
    expect(narrow.changes.height + narrow.mentor.height + 3 + narrow.chatLines).toBe(23);
  });

  it('gives the chat a third of the screen while it has the focus', () => {
    expect(computeLayout({ columns: 80, rows: 24 }, 'chat', false).chatLines).toBe(7);
    expect(computeLayout({ columns: 80, rows: 24 }, 'mentor', true).chatLines).toBe(1);
  });
});
