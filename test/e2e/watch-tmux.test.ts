import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, USERS_START, zodGolden } from '../helpers/learner.js';
import { capture, flatScreen, hasTmux, tmux as tmuxOn, waitForScreen } from '../helpers/tmux.js';

/**
 * The built `archangel watch` in a real terminal (tmux), against a temporary repository, a golden
 * fixture and the loopback Messages API: what a junior sees. The child runs with CI=true, as CI
 * runs do: Ink alone would then draw only the final frame (STACK.md), and watch must draw anyway.
 */
const SESSION = `archangel-e2e-${process.pid}`;


const REVIEW_REPLY = `<note path="src/users.ts" lines="7-7" topic="errors" severity="warn" title="swallowed error" evidence="E1">
<question>When fetch fails on line 5, what does the caller of load_user_profile get back?</question>
<example>Compare the catch in [E1] with yours.</example>
<change>Rethrow with the caught error as the cause.</change>
</note>`;
/** The review's note leaves out its hint rung: \`h\` asks Claude for it. */
const HINT_REPLY = 'An empty catch hides the failure from every caller.';
const CHAT_REPLY = 'The golden code rethrows with a cause so callers can see why it failed.';

let socket = '';
const tmux = (...args: string[]): string => tmuxOn(socket, ...args);
const waitFor = (pattern: RegExp): Promise<string> => waitForScreen(() => capture(socket, SESSION), pattern);

async function waitForExit(timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawnSync('tmux', ['-S', socket, 'has-session', '-t', SESSION]).status !== 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('archangel watch did not exit');
}

function startWatch(learner: TestRepo, env: Record<string, string>): void {
  spawnSync('tmux', ['-S', socket, 'kill-session', '-t', SESSION]);
  const vars = Object.entries({ ARCHANGEL_CACHE_DIR: tempDir(), TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
  tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', `cd ${JSON.stringify(learner.dir)} && env -u ANTHROPIC_API_KEY CI=true ${vars} ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} watch`);
}


describe.skipIf(!hasTmux)('archangel watch in a terminal', () => {
  let golden: TestRepo;
  let fake: FakeAnthropic;

  beforeAll(async () => {
    // A tmux server of the test's own: nothing here touches the user's sessions.
    socket = join(tempDir(), 'tmux.sock');
    golden = zodGolden();
    fake = await startFakeAnthropic({ script: [{ kind: 'reply', text: REVIEW_REPLY }, { kind: 'reply', text: HINT_REPLY, chunkSize: 8 }, { kind: 'reply', text: CHAT_REPLY }] });
  });
  afterAll(async () => {
    spawnSync('tmux', ['-S', socket, 'kill-server']);
    await fake?.close();
    removeTempDirs();
  });

  it('reviews a save with Claude, climbs to a hint Claude writes then, answers a chat question, and keeps the record', async () => {
    const learner = learnerRepo(golden);
    startWatch(learner, { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url });
    await waitFor(/Mentor/);
    await waitFor(/claude-haiku/);
    appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);

    // The title is drawn as soon as it streams in; the question and evidence follow in later frames.
    const noted = flatScreen(await waitFor(/swallowed error.*When fetch fails on line 5.*rule: /));
    // E1, the evidence the reply cites, is shown with the note: here the linter's rule for the empty
    // block (a correctness finding comes before the style finding on the name, so it is E1).
    expect(noted).toMatch(/rule: Unexpected empty block statements/);

    tmux('send-keys', '-t', SESSION, 'h');
    await waitFor(/hides the failure/);

    // A person types: keys arrive one read apart (sent at once, Ink would see a paste ending in \r).
    tmux('send-keys', '-t', SESSION, 'c');
    await waitFor(/Enter send/);
    tmux('send-keys', '-t', SESSION, '-l', 'why rethrow?');
    await waitFor(/why rethrow\?/);
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(/callers can see why it failed/);

    tmux('send-keys', '-t', SESSION, 'Escape');
    tmux('send-keys', '-t', SESSION, 'q');
    await waitForExit();

    const db = new Database(join(learner.dir, '.archangel', 'state.db'), { readonly: true });
    try {
      const notes = db.prepare('SELECT title, max_level AS level, source FROM notes').all();
      expect(notes).toContainEqual({ title: 'swallowed error', level: 2, source: 'model' });
      const { ladder } = db.prepare("SELECT ladder FROM notes WHERE title = 'swallowed error'").get() as { ladder: string };
      expect(JSON.parse(ladder)).toContainEqual({ level: 2, text: HINT_REPLY });
      const chat = db.prepare('SELECT role, text FROM chat_messages ORDER BY id').all() as Array<{ role: string; text: string }>;
      expect(chat.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(chat[1]!.text).toContain('callers can see why');
    } finally {
      db.close();
    }
  }, 90_000);

  it('shows the offline mentor\'s note when no key is set', async () => {
    const learner = learnerRepo(golden);
    startWatch(learner, {});
    await waitFor(/offline mentor/);
    writeFileSync(join(learner.dir, 'src/users.ts'), `${USERS_START}${SWALLOWED_ERROR}`);
    // The note's evidence is drawn a frame after its title: wait for both. The header names the tutor.
    const noted = flatScreen(await waitFor(/src\/users\.ts:\d+ (empty block|error handling|naming).*(rule|convention): /));
    expect(noted).toMatch(/offline mentor/);
    tmux('send-keys', '-t', SESSION, 'q');
    await waitForExit();
  }, 90_000);
});
