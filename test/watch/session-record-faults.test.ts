import Database from 'better-sqlite3';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProject } from '../../src/config/project.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { learnerRepo, SWALLOWED_ERROR } from '../helpers/learner.js';
import { useWatchSessions, waitForEvents } from '../helpers/watch.js';

/**
 * The learner record failing under a watch session, with real SQLite files: a record that cannot
 * be opened stops the session with a `fatal` event (it used to leave it starting for good), and one
 * that cannot take a write mid-session (another process holds its lock) costs that entry, told in
 * the footer, not the session.
 */
const open = useWatchSessions();
let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const REPLY = `<note path="src/users.ts" lines="7-7" topic="errors" severity="warn" title="swallowed error">
<question>When fetch fails, what does the caller of load_user_profile get back?</question>
</note>`;

describe('a watch session and its learner record', () => {
  it('stops with a fatal event, and returns it, when the record is garbage', async () => {
    const learner = learnerRepo();
    mkdirSync(join(learner.dir, '.archangel'));
    writeFileSync(join(learner.dir, '.archangel', 'state.db'), Buffer.alloc(3000, 0x5a));
    const { session, events } = open({ project: await openProject(learner.dir), offline: true });
    const fatal = await session.start();
    expect(fatal?.code).toBe('STATE_CORRUPT');
    expect(events).toContainEqual(expect.objectContaining({ type: 'fatal', exitCode: 5, message: expect.stringContaining('is damaged') as unknown }));
  });

  it('says a dismissal was not recorded while another process holds the lock, and goes on', async () => {
    fake = await startFakeAnthropic({ script: [{ kind: 'reply', text: REPLY }] });
    const learner = learnerRepo();
    appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
    const env = { ...process.env, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url };
    const { session, events } = open({ project: await openProject(learner.dir, env), env });
    expect(await session.start()).toBeUndefined();
    await waitForEvents(events, () => events.some((event) => event.type === 'review-end'));
    const note = events.flatMap((event) => (event.type === 'tutor' && event.event.type === 'note-end' ? [event.event.note] : []))[0]!;

    const holder = new Database(join(learner.dir, '.archangel', 'state.db'));
    holder.exec('BEGIN IMMEDIATE');
    try {
      session.dismiss(note.id);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(events).toContainEqual({ type: 'note-dismissed', noteId: note.id });
    const notice = events.find((event) => event.type === 'notice' && event.level === 'error');
    expect(notice).toMatchObject({ message: expect.stringMatching(/^The dismissal was not recorded\. The learner record at .*state\.db is busy/) as unknown });
  }, 30_000);
});
