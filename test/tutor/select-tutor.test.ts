import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { ReviewContext } from '../../src/review/context/types.js';
import { selectTutor } from '../../src/tutor/select-tutor.js';
import type { TutorEvent } from '../../src/tutor/types.js';
import { startFakeAnthropic, type FakeAnthropic, type FakeStep } from '../helpers/fake-anthropic.js';
import { reviewInput, twoNotesReply } from './claude/fixtures.js';

/** The fixture's save as a review context; it holds no findings, so the offline mentor has nothing to add. */
const context: ReviewContext = { ...reviewInput, hunks: reviewInput.hunks.map((hunk) => ({ ...hunk, language: 'typescript', added: [], findings: [], neighbours: [] })) };

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function reviewWith(step: FakeStep, reviewTimeoutMs: number): Promise<TutorEvent[]> {
  fake = await startFakeAnthropic({ script: [step] });
  const config = configSchema.parse({ model: { baseUrl: fake.url, reviewTimeoutMs } });
  const { tutor } = await selectTutor(config, { projectRoot: '/nonexistent', env: { ANTHROPIC_API_KEY: 'sk-ant-test' } });
  const events: TutorEvent[] = [];
  for await (const event of tutor.review(context)) events.push(event);
  return events;
}

describe('a model review past its time bound', () => {
  it('is answered by the offline mentor, with one line naming what it waited for, and the request is dropped', async () => {
    const events = await reviewWith({ kind: 'hang' }, 300);
    expect(events.filter((event) => event.type === 'error')).toEqual([
      { type: 'error', fatal: false, message: `Claude (claude-haiku-5-5 at ${fake!.url}) gave no note within 0.3 s. The offline mentor answers instead.`, hint: expect.stringContaining('model.reviewTimeoutMs') },
    ]);
    expect(events.at(-1)).toEqual({ type: 'done', notes: 0 });
    await expect.poll(() => fake!.requests[0]?.aborted, { timeout: 2000 }).toBe(true);
  });

  it('keeps the notes Claude finished before the bound, and says it stopped waiting', async () => {
    const firstNoteEnds = twoNotesReply.indexOf('</note>') + '</note>'.length;
    const events = await reviewWith({ kind: 'reply', text: twoNotesReply, chunkSize: 8, stallAfterChars: firstNoteEnds + 8 }, 1000);
    expect(events.filter((event) => event.type === 'note-end').map((event) => event.note.topic)).toEqual(['error-handling']);
    expect(events.filter((event) => event.type === 'error')).toEqual([
      { type: 'error', fatal: false, message: `Claude (claude-haiku-5-5 at ${fake!.url}) was still writing after 1 s: the note it finished is kept.`, hint: expect.any(String) },
    ]);
    expect(events.at(-1)).toEqual({ type: 'done', notes: 1 });
  });
});
