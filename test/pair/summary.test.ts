import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PairMeta } from '../../src/pair/metadata.js';
import { localStamp, renderSummary, writeSummary, type SessionRecord } from '../../src/pair/summary.js';
import { openSessionStore } from '../../src/session/store.js';
import { removeTempDirs, tempDir } from '../helpers/git.js';
import { codeOf, fakeClock, note, REPO, review } from '../session/fixtures.js';

function meta(stateDir: string, startedAt: number): PairMeta {
  return { name: 'retry', kind: 'session', socket: '/tmp/x/tmux.sock', repo: REPO, stateDir, branch: 'feat/retry', driver: 'ana@example.org', navigator: 'ada', editor: 'vim', startedAt };
}

/** A session's record, written through the real store. */
function record(stateDir: string): { meta: PairMeta; record: SessionRecord } {
  const clock = fakeClock();
  const startedAt = clock.now();
  const store = openSessionStore(join(stateDir, 'state.db'), { learner: 'ana@example.org', now: clock.now });
  const id = store.startReview(review());
  store.recordNotes(id, [note('a', { topic: 'ts.naming.function', title: 'naming', startLine: 6, endLine: 6 }), note('b'), note('c', { startLine: 30, endLine: 31 })], codeOf);
  store.climb('b', 2);
  store.climb('c', 2);
  store.climb('c', 3);
  store.dismiss('a');
  store.appendChat({ repo: REPO, branch: 'feat/retry', role: 'user', text: 'why\nrethrow?' });
  clock.advance(25 * 60_000);
  store.appendPairNote({ pairSession: 'retry', repo: REPO, branch: 'feat/retry', author: 'ada', text: 'ask what the caller sees' });
  const window = { repo: REPO, since: startedAt, until: clock.now() };
  const result = { activity: store.activity(window), pairNotes: store.pairNotes(window), stoppedAt: clock.now() };
  store.close();
  return { meta: meta(stateDir, startedAt), record: result };
}

describe('pair session summary', () => {
  afterEach(removeTempDirs);

  it('lists notes, hints, dismissals, questions, navigator notes and the topics that came up most', () => {
    const { meta: m, record: r } = record(tempDir());
    const text = renderSummary(m, r);
    expect(text).toContain('- Driver: ana@example.org · Navigator: ada');
    expect(text).toContain('(25 min)');
    expect(text).toContain('## Notes given (3)\n\n- **naming** `src/user-service.ts:6` (`ts.naming.function`, warn)');
    expect(text).toContain('## Hints climbed (2)\n\n- **error handling** `src/user-service.ts:9-13`: L2\n- **error handling** `src/user-service.ts:30-31`: L2, L3');
    expect(text).toContain('## Notes dismissed (1)\n\n- **naming** `src/user-service.ts:6`');
    expect(text).toContain('## Chat questions (1)\n\n- why rethrow?');
    expect(text).toMatch(/## Navigator notes \(1\)\n\n- ada \(\d\d:\d\d\): ask what the caller sees/);
    expect(text).toContain('## Conventions that came up most (2)\n\n- `ts.errors.empty-catch`: 2 notes, 3 hints climbed\n- `ts.naming.function`: 1 note');
  });

  it('says so when nothing happened, rather than leaving empty headings', () => {
    const dir = tempDir();
    const text = renderSummary(meta(dir, 0), { activity: { notes: [], hints: [], dismissed: [], questions: [] }, pairNotes: [], stoppedAt: 0 });
    expect(text).toContain('## Notes given\n\n_No notes this session._');
    expect(text).toContain('## Navigator notes\n\n_The navigator added no notes._');
  });

  it('writes .archangel/sessions/<name>-<date>.md and never over an older summary', () => {
    const dir = tempDir();
    const { meta: m, record: r } = record(dir);
    const first = writeSummary(m, r);
    const second = writeSummary(m, r);
    expect(first).toBe(join(dir, 'sessions', `retry-${localStamp(m.startedAt, '-', '')}.md`));
    expect(second).toBe(first.replace(/\.md$/, '-2.md'));
    expect(readFileSync(first, 'utf8')).toContain('# Pair session retry');
  });
});
