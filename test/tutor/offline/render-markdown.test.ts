import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createOfflineTutor, renderNoteMarkdown } from '../../../src/tutor/offline/index.js';
import type { Note } from '../../../src/tutor/types.js';
import { userServiceContext } from './fixtures.js';

async function firstNote(context = userServiceContext({ maxNotes: 1 })): Promise<Note> {
  for await (const event of createOfflineTutor({ projectRoot: tmpdir() }).review(context)) if (event.type === 'note-end') return event.note;
  throw new Error('no note');
}

describe('renderNoteMarkdown', () => {
  it('shows the place, all four rungs and the evidence with its golden snippet', async () => {
    const markdown = renderNoteMarkdown(await firstNote());
    expect(markdown).toContain('### src/user-service.ts:10 — error handling (warn)');
    for (const name of ['1. **question:**', '2. **hint:**', '3. **golden example:**', '4. **change:**']) expect(markdown).toContain(name);
    expect(markdown).toContain('- E3 convention `ts.errors.empty-catch`: Catch blocks handle the error or say why they ignore it (support 43, confidence 95%)');
    expect(markdown).toContain("  throw new HttpError('request failed', { cause: error });");
    // The diff of the last rung stays inside its list item.
    expect(markdown).toContain('   ```diff\n   -  } catch (e) {}');
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
