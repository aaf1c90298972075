import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { noteToMarkdown } from '../../src/review/render-notes.js';
import { createOfflineTutor } from '../../src/tutor/offline/index.js';
import type { Note } from '../../src/tutor/types.js';
import { userServiceContext } from '../tutor/offline/fixtures.js';

async function firstNote(context = userServiceContext({ maxNotes: 1 })): Promise<Note> {
  for await (const event of createOfflineTutor({ projectRoot: tmpdir() }).review(context)) if (event.type === 'note-end') return event.note;
  throw new Error('no note');
}

describe('noteToMarkdown', () => {
  it('shows the place, all four rungs and the evidence with its golden snippet', async () => {
    const markdown = noteToMarkdown(await firstNote());
    expect(markdown).toContain('### src/user-service.ts:10 — error handling (warn)');
    for (const name of ['1. **question:**', '2. **hint:**', '3. **golden example:**', '4. **change:**']) expect(markdown).toContain(name);
    expect(markdown).toContain('- E3 convention `ts.errors.empty-catch`: Catch blocks handle the error or say why they ignore it (support 43, confidence 95%)');
    expect(markdown).toContain("  throw new HttpError('request failed', { cause: error });");
    // The diff of the last rung stays inside its list item.
    expect(markdown).toContain('   ```diff\n   -  } catch (e) {}');
  });

  it('folds the rungs after the question when asked, for PR and CI reports', async () => {
    const note = await firstNote();
    const markdown = noteToMarkdown(note, { fold: true });
    expect(markdown).toContain(`${note.ladder[0]!.text}\n\n<details><summary>hint</summary>`);
    expect(markdown).toContain('<details><summary>change</summary>');
  });
});

describe('a note without any golden example', () => {
  it('says so at L3 instead of pointing at a file it does not have', async () => {
    const context = userServiceContext({ maxNotes: 1 });
    context.evidence = context.evidence.filter((item) => item.kind === 'convention').map((item) => (item.kind === 'convention' ? { ...item, examples: [] } : item));
    for (const item of context.hunks[0]?.findings ?? []) item.finding.examples = [];
    const note = await firstNote(context);
    expect(note.evidence.map((item) => item.id)).toEqual(['E3']);
    expect(note.ladder[2]?.text).toMatch(/^No golden example was retrieved for this habit/);
  });
});
