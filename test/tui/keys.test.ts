import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { helpLines } from '../../src/tui/help-layout.js';
import { footerHints } from '../../src/tui/footer-text.js';
import { KEY_TABLE, commandFor, keyName, type KeyArea } from '../../src/tui/keys.js';

const AREAS: KeyArea[] = ['changes', 'mentor', 'chat', 'help', 'example'];
const key = (overrides: Partial<Key>): Key => ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false, ...overrides });

describe('key table', () => {
  it.each(AREAS)('binds each key at most once in the %s area', (area) => {
    const keys = KEY_TABLE.filter((binding) => binding.areas.includes(area)).flatMap((binding) => binding.keys);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('lets the learner quit from every area, but q types a letter in the chat', () => {
    for (const area of AREAS) expect(commandFor(area, 'ctrl+c')).toBe('quit');
    expect(commandFor('mentor', 'q')).toBe('quit');
    expect(commandFor('chat', 'q')).toBeUndefined();
  });

  it('binds what the brief asks for, where it asks', () => {
    expect([commandFor('mentor', 'j'), commandFor('mentor', 'down'), commandFor('mentor', 'k'), commandFor('mentor', 'up')]).toEqual(['note-next', 'note-next', 'note-prev', 'note-prev']);
    expect([commandFor('changes', ']'), commandFor('mentor', '[')]).toEqual(['file-next', 'file-prev']);
    expect(['h', 'e', 'd', 'r', 'c', '/', '?', 'tab'].map((name) => commandFor('mentor', name))).toEqual(['hint', 'example', 'dismiss', 'review', 'chat', 'chat', 'help', 'focus-next']);
    expect([commandFor('mentor', 'J'), commandFor('mentor', 'pagedown'), commandFor('mentor', 'K'), commandFor('mentor', 'pageup')]).toEqual(['scroll-down', 'scroll-down', 'scroll-up', 'scroll-up']);
    expect([commandFor('chat', 'return'), commandFor('chat', 'escape'), commandFor('help', 'escape'), commandFor('example', 'e')]).toEqual(['send', 'close', 'close', 'example']);
  });

  it('names key presses the way the table spells them', () => {
    expect(keyName('', key({ downArrow: true }))).toBe('down');
    expect(keyName('', key({ tab: true, shift: true }))).toBe('shift+tab');
    expect(keyName('c', key({ ctrl: true }))).toBe('ctrl+c');
    expect(keyName('', key({ escape: true }))).toBe('escape');
    expect(keyName('', key({ delete: true }))).toBe('backspace');
    expect(keyName('[', key({}))).toBe('[');
    expect(keyName('', key({ pageDown: true }))).toBe('pagedown');
    expect(keyName('J', key({ shift: true }))).toBe('J');
  });

  it('generates a help line for every binding, so the help screen lists every command', () => {
    const lines = helpLines();
    expect(lines).toHaveLength(KEY_TABLE.length);
    for (const binding of KEY_TABLE) expect(lines.some((line) => line.description === binding.description)).toBe(true);
    expect(lines.find((line) => line.description === 'next note')).toEqual({ keys: 'j ↓', description: 'next note', where: 'Mentor' });
  });

  it('generates the footer hints from the table', () => {
    expect(footerHints('mentor')).toBe('j/k notes · h hint · e example · d dismiss · c chat · ? keys · q quit');
    expect(footerHints('chat')).toBe('Enter send · Esc back · C-c quit');
  });
});
