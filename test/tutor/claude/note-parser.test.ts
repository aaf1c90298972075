import { describe, expect, it } from 'vitest';
import { NoteParser, noteId } from '../../../src/tutor/claude/note-parser.js';
import { aliasEvidence } from '../../../src/tutor/claude/prompt-data.js';
import type { Note, TutorEvent } from '../../../src/tutor/types.js';
import { goldenCatch, reviewInput, twoNotesReply } from './fixtures.js';

function parser(maxNotes = 3): NoteParser {
  return new NoteParser({ aliases: aliasEvidence(reviewInput.evidence), hunks: reviewInput.hunks, maxNotes });
}

/** Feeds `text` in chunks of `size` characters (so tags split everywhere), then ends. */
function run(text: string, size: number, truncated = false): TutorEvent[] {
  const p = parser();
  const events: TutorEvent[] = [];
  for (let i = 0; i < text.length; i += size) events.push(...p.push(text.slice(i, i + size)));
  events.push(...p.end({ truncated }));
  return events;
}

function notesOf(events: TutorEvent[]): Note[] {
  return events.flatMap((event) => (event.type === 'note-end' ? [event.note] : []));
}

function textOf(events: TutorEvent[], noteId: string): string {
  return events.map((event) => (event.type === 'text' && event.noteId === noteId ? event.text : '')).join('');
}

describe('NoteParser', () => {
  it('parses well-formed notes the same way whatever the chunking', () => {
    const whole = notesOf(run(twoNotesReply, twoNotesReply.length));
    expect(whole).toHaveLength(2);
    for (const size of [1, 2, 3, 7, 13, 64]) expect(notesOf(run(twoNotesReply, size))).toEqual(whole);
  });

  it('builds a full note: place, topic, severity, evidence, four rungs, the fix only at the last', () => {
    const [first] = notesOf(run(twoNotesReply, 5));
    expect(first).toMatchObject({ path: 'src/user-service.ts', startLine: 7, endLine: 12, topic: 'error-handling', severity: 'warn', title: 'error handling', source: 'model' });
    expect(first?.evidence).toEqual([goldenCatch]);
    expect(first?.ladder.map((rung) => rung.level)).toEqual([1, 2, 3, 4]);
    expect(first?.ladder[0]?.text).toMatch(/^If fetch rejects on line 8/);
    expect(first?.ladder[2]?.text).toBe('Compare your catch with acme/api src/users/service.ts:40-52 @1a2b3c4: what does it keep that yours throws away?');
    expect(first?.ladder[3]?.text).toContain('throw new Error');
    expect(first?.partial).toBeUndefined();
  });

  it('emits note-start, streamed question text, citations, then note-end, in order', () => {
    const events = run(twoNotesReply, 4);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('note-start');
    expect(types[1]).toBe('citation');
    const firstEnd = types.indexOf('note-end');
    expect(types.slice(2, firstEnd).every((type) => type === 'text')).toBe(true);
    const [first] = notesOf(events);
    expect(textOf(events, first?.id ?? '')).toBe(first?.ladder[0]?.text);
  });

  it('streams the question before the note is finished', () => {
    const p = parser();
    const head = twoNotesReply.slice(0, twoNotesReply.indexOf('and how would'));
    const events = p.push(head);
    expect(events.map((event) => event.type)).toEqual(['note-start', 'citation', 'text']);
    expect(events[2]).toMatchObject({ type: 'text', text: expect.stringMatching(/^If fetch rejects/) });
  });

  it('drops an evidence id that was not sent, and keeps the note as info when that was its only grounding', () => {
    const reply = twoNotesReply.replace('evidence="E1"', 'evidence="E7,E9"').replace('[E1]:', '[E7]:');
    const events = run(reply, 9);
    const [first] = notesOf(events);
    expect(first?.evidence).toEqual([]);
    expect(first?.severity).toBe('info');
    expect(first?.ladder[2]?.text).toBe('Compare your catch with: what does it keep that yours throws away?');
    const cited = events.flatMap((event) => (event.type === 'citation' ? [event.evidence.id] : []));
    expect(cited).toEqual([reviewInput.evidence[1]?.id]);
  });

  it('keeps the valid ids of a note that also cites an invented one', () => {
    const [first] = notesOf(run(twoNotesReply.replace('evidence="E1"', 'evidence="E1, E4"'), 11));
    expect(first?.evidence).toEqual([goldenCatch]);
    expect(first?.severity).toBe('warn');
  });

  it('removes a fix leaked into the question and the hint', () => {
    const leaky = twoNotesReply
      .replace('<question>If fetch', '<question>Replace line 12 with `} catch (e) { throw new Error("failed", { cause: e }); }`. If fetch')
      .replace('</hint>', '\n```ts\nthrow new Error("x", { cause: error });\n```</hint>');
    const events = run(leaky, 6);
    const [first] = notesOf(events);
    for (const rung of first?.ladder.slice(0, 3) ?? []) expect(rung.text).not.toContain('throw new Error');
    expect(textOf(events, first?.id ?? '')).not.toContain('throw new Error');
  });

  it('shows a reply that ignores the format as one general note', () => {
    const reply = 'The catch block on line 12 is empty, so errors vanish.\n\n```ts\n} catch (e) {\n  throw e;\n}\n```\nConsider rethrowing.';
    const events = run(reply, 10);
    const notes = notesOf(events);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ topic: 'general', severity: 'info', path: 'src/user-service.ts', startLine: 6, endLine: 13, evidence: [] });
    expect(notes[0]?.ladder[0]?.text).toContain('errors vanish');
    expect(notes[0]?.ladder[0]?.text).not.toContain('throw e');
    expect(notes[0]?.ladder[3]?.text).toContain('throw e');
    expect(events.map((event) => event.type)).toEqual(['note-start', 'text', 'note-end']);
  });

  it('says nothing for <none/> or an empty reply', () => {
    expect(run('<none/>', 2)).toEqual([]);
    expect(run('  \n', 2)).toEqual([]);
  });

  it('keeps a note cut mid-stream, marked partial, with what arrived', () => {
    const cut = twoNotesReply.slice(0, twoNotesReply.indexOf('Here a catch'));
    const events = run(cut, 8, true);
    const notes = notesOf(events);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.partial).toBe(true);
    expect(notes[0]?.ladder[1]?.text).toBe('The empty catch on line 12 turns a network failure or bad JSON into a silent undefined.');
    expect(notes[0]?.ladder[3]?.text).toMatch(/not written/);
  });

  it('keeps the question of a note cut inside a closing tag', () => {
    const cut = twoNotesReply.slice(0, twoNotesReply.indexOf('</question>') + 5);
    const [note] = notesOf(run(cut, 3, true));
    expect(note?.ladder[0]?.text).toMatch(/find out why\?$/);
  });

  it('ignores notes beyond maxNotes', () => {
    const p = parser(1);
    const events = [...p.push(twoNotesReply), ...p.end({ truncated: false })];
    expect(notesOf(events)).toHaveLength(1);
    expect(events.filter((event) => event.type === 'note-start')).toHaveLength(1);
  });

  it('tolerates a missing </note>, loose text instead of <question>, and a < in prose', () => {
    const reply =
      '<note path="src/user-service.ts" lines="12" topic="error-handling" severity="warn" title="errors" evidence="E1">What if a < b on line 12? <hint>Think.</hint>\n' +
      '<note path="src/user-service.ts" lines="6" topic="naming" severity="info" title="naming" evidence="E2"><question>Is it camelCase?</question></note>';
    const notes = notesOf(run(reply, 3));
    expect(notes.map((note) => note.ladder[0]?.text)).toEqual(['What if a < b on line 12?', 'Is it camelCase?']);
  });

  it('gives notes ids that depend on the code, not on where it sits', () => {
    const [first] = notesOf(run(twoNotesReply, 50));
    const code = ['  try {', '    const res = await fetch(`/users/${id}`);', '    return await res.json();', '  } catch (e) {}'].join('\n');
    expect(first?.id).toBe(noteId('src/user-service.ts', 'error-handling', code));
    expect(noteId('a.ts', 'naming', '  x\n')).toBe(noteId('a.ts', 'naming', 'x'));
    expect(noteId('a.ts', 'naming', 'x')).not.toBe(noteId('a.ts', 'errors', 'x'));
  });
});
