import Database from 'better-sqlite3';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProject } from '../../src/config/project.js';
import type { Note } from '../../src/tutor/types.js';
import { createWatchSession, type WatchSession } from '../../src/watch/session.js';
import type { WatchEvent } from '../../src/watch/types.js';
import { startFakeAnthropic, type FakeAnthropic, type FakeStep } from '../helpers/fake-anthropic.js';
import { removeTempDirs } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR } from '../helpers/learner.js';

/**
 * `h` through a whole watch session: the real SDK against the loopback Messages API, a real git
 * repository and the real state.db. The review's note leaves out its hint rung, so climbing to it
 * asks Claude for a fresh one.
 */


/** Rungs 1, 3 and 4 only: the tool stands in for rung 2 until it is climbed to. */
const REVIEW_REPLY = `<note path="src/users.ts" lines="7-7" topic="errors" severity="warn" title="swallowed error">
<question>When fetch fails on line 5, what does the caller of load_user_profile get back?</question>
<example>Compare the catch in the team's loaders with yours: what do they keep?</example>
<change>Rethrow with the caught error as the cause.</change>
</note>`;
const FRESH_RUNG = 'An empty catch turns every failed request into a silent undefined for the caller. Which caller would notice first?';

let fake: FakeAnthropic | undefined;
let session: WatchSession | undefined;
afterEach(async () => {
  await session?.quit();
  session = undefined;
  await fake?.close();
  removeTempDirs();
});

/** A session on a learner repo with SWALLOWED_ERROR saved, Claude at the fake server; resolves once the first note is in. */
async function sessionWithNote(script: FakeStep[]) {
  fake = await startFakeAnthropic({ script: [{ kind: 'reply', text: REVIEW_REPLY }, ...script] });
  const learner = learnerRepo();
  appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
  const events: WatchEvent[] = [];
  const env = { ...process.env, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url };
  session = createWatchSession({ project: await openProject(learner.dir, env), env });
  session.subscribe((event) => events.push(event));
  await session.start();
  const note = await waitFor(events, (event) => (event.type === 'tutor' && event.event.type === 'note-end' ? event.event.note : undefined));
  return { learner, events, note };
}

async function waitFor<T>(events: WatchEvent[], pick: (event: WatchEvent) => T | undefined, from = 0): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    for (const event of events.slice(from)) {
      const found = pick(event);
      if (found !== undefined) return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no such event among: ${events.map((event) => event.type).join(', ')}`);
}

const updated = (level: number) => (event: WatchEvent) => (event.type === 'note-updated' && event.level === level ? event.note : undefined);

function record(dir: string, noteId: string) {
  const db = new Database(join(dir, '.archangel', 'state.db'), { readonly: true });
  try {
    const note = db.prepare('SELECT max_level AS level, ladder FROM notes WHERE id = ?').get(noteId) as { level: number; ladder: string };
    const climbs = db.prepare('SELECT level FROM hint_events WHERE note_id = ? ORDER BY id').all(noteId) as Array<{ level: number }>;
    return { level: note.level, ladder: JSON.parse(note.ladder) as Note['ladder'], climbs: climbs.map((row) => row.level) };
  } finally {
    db.close();
  }
}

describe('h in a watch session with Claude', () => {
  it('streams a fresh rung for the one the note lacked, keeps it in state.db, and audits the call', async () => {
    const { learner, events, note } = await sessionWithNote([{ kind: 'reply', text: FRESH_RUNG, chunkSize: 12 }, { kind: 'reply', text: REVIEW_REPLY }]);
    expect(note.ladder[1]).toMatchObject({ level: 2, stock: true });

    const from = events.length;
    session!.climb(note.id, 2);
    const written = await waitFor(events, updated(2), from);
    const after = events.slice(from);
    expect(after[0]).toEqual({ type: 'hint-start', noteId: note.id, level: 2 });
    const streamed = after.flatMap((event) => (event.type === 'hint-text' ? [event.text] : []));
    expect(streamed.length).toBeGreaterThan(1);
    expect(streamed.join('')).toBe(FRESH_RUNG);
    expect(written.ladder[1]).toEqual({ level: 2, text: FRESH_RUNG });
    expect(written.ladder[0]).toEqual(note.ladder[0]);

    const body = fake!.requests[1]?.body as { messages: Array<{ content: string }> };
    expect(body.messages[0]?.content).toMatch(/rung 2 of 4 \(the hint\)/);
    expect(record(learner.dir, note.id)).toMatchObject({ level: 2, climbs: [2] });
    expect(record(learner.dir, note.id).ladder[1]).toEqual({ level: 2, text: FRESH_RUNG });
    const audit = readFileSync(join(learner.dir, '.archangel', 'audit.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { kind: string });
    expect(audit.map((entry) => entry.kind)).toEqual(['review', 'hint']);

    // Rung 3 was in the note: shown as it is, with no call.
    session!.climb(note.id, 3);
    const third = await waitFor(events, updated(3), from);
    expect(third.ladder[2]?.text).toContain("Compare the catch in the team's loaders");
    expect(fake!.requests).toHaveLength(2);
    expect(record(learner.dir, note.id)).toMatchObject({ level: 3, climbs: [2, 3] });

    // Reviewed again, the same note comes back without its hint: the rung written for it stays.
    const again = events.length;
    session!.reviewAgain();
    const seen = await waitFor(events, (event) => (event.type === 'tutor' && event.event.type === 'note-end' ? event.event.note : undefined), again);
    expect(fake!.requests).toHaveLength(3);
    expect(seen.ladder[1]).toEqual({ level: 2, text: FRESH_RUNG });
    await waitFor(events, (event) => (event.type === 'review-end' ? true : undefined), again);
    expect(record(learner.dir, note.id).ladder[1]).toEqual({ level: 2, text: FRESH_RUNG });
  }, 30_000);

  it('falls back to the offline ladder with one notice when Claude cannot write the rung', async () => {
    const { learner, events, note } = await sessionWithNote([{ kind: 'error', status: 401, message: 'invalid x-api-key' }]);
    const from = events.length;
    session!.climb(note.id, 2);
    const shown = await waitFor(events, updated(2), from);
    expect(shown.ladder[1]).toEqual(note.ladder[1]);
    const notices = events.slice(from).filter((event) => event.type === 'notice');
    expect(notices).toEqual([{ type: 'notice', level: 'warn', message: expect.stringMatching(/API key.*offline hint ladder answers instead/s) }]);
    expect(record(learner.dir, note.id)).toMatchObject({ level: 2, climbs: [2] });
  }, 30_000);

  it('stops writing the rung when the learner moves on', async () => {
    const { events, note } = await sessionWithNote([{ kind: 'hang' }, { kind: 'reply', text: 'Rethrow it.' }]);
    const from = events.length;
    session!.climb(note.id, 2);
    await waitFor(events, () => (fake!.requests.length === 2 ? true : undefined), from);
    session!.dismiss(note.id);
    await waitFor(events, () => (fake!.requests[1]?.aborted ? true : undefined), from);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.slice(from).some((event) => event.type === 'note-updated')).toBe(false);
  }, 30_000);
});
