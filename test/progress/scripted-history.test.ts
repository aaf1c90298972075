import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/config/project.js';
import { parseConfigText } from '../../src/config/validate.js';
import { conventionsObserver } from '../../src/conventions/learn.js';
import { createEmbeddingProvider } from '../../src/index/embed/create.js';
import { runIndex } from '../../src/index/indexer/run-index.js';
import { progressReport } from '../../src/progress/report.js';
import { REVISIT_AFTER_MS, RUSH_MS } from '../../src/progress/thresholds.js';
import { openReviewServices, type ReviewServices } from '../../src/review/open-services.js';
import { openSessionStore } from '../../src/session/store.js';
import { runReview, type ReviewEvent } from '../../src/review/run-review.js';
import type { Note } from '../../src/tutor/types.js';
import { treeFromNodeModules } from '../helpers/corpus.js';
import { startFakeAnthropic } from '../helpers/fake-anthropic.js';
import { createRepo, removeTempDirs, type TestRepo } from '../helpers/git.js';
import { fakeClock } from '../session/fixtures.js';

/**
 * A scripted history through the real review path (offline mentor, zod as the golden code, a real
 * state.db): a learner fixes a too-wide function three times on their own, needs the whole ladder twice for a
 * snake_case function name, and dismisses another note. The record must call the first topic
 * mastered and the second struggling, and the mentor must then say less about the first and start
 * the second at the hint. The record runs on a fake clock (started a day back, a minute per
 * save), so a climb can take the time a learner trying each hint takes, and a month can pass.
 */

const NAMING = 'naming.function';
const PARAMS = 'size.params';
const NESTING = 'size.nesting';

let golden: TestRepo;
let learner: TestRepo;

function projectFor(root: string, mentor: Record<string, unknown> = {}): Project {
  const config = parseConfigText(JSON.stringify({ golden: [{ path: golden.dir, name: 'zod' }], mentor }), 'archangel.json');
  return { config, file: join(root, 'archangel.json'), root, indexPath: join(root, '.archangel', 'index.db'), stateDir: join(root, '.archangel') };
}

const clock = fakeClock(Date.now() - 86_400_000);

/** The review services with the learner's record on the fake clock. */
async function clockedServices(project: Project): Promise<ReviewServices> {
  const services = await openReviewServices(project, { offline: true });
  services.session.close();
  return { ...services, session: openSessionStore(join(project.stateDir, 'state.db'), { learner: services.learner, now: clock.now }) };
}

/** Opens the hint rungs up to the change, with time between them to try each hint (not a rush). */
function climbToChange(services: ReviewServices, noteId: string): void {
  for (const level of [2, 3, 4] as const) {
    clock.advance(RUSH_MS);
    services.session.climb(noteId, level);
  }
}

/** Saves the learner's file and reviews the change like `watch` does on a save. */
async function save(services: ReviewServices, project: Project, source: string): Promise<Note[]> {
  clock.advance(60_000);
  writeFileSync(join(learner.dir, 'src/accounts.ts'), `export const accounts = new Map<string, number>();\n${source}`);
  const notes: Note[] = [];
  for await (const event of runReview({ project, repoDir: learner.dir, target: { kind: 'worktree' }, paths: ['src/accounts.ts'], tutor: services.tutor, index: services.index, profile: services.profile, session: services.session })) {
    if (event.type === 'note-end') notes.push(event.note);
  }
  return notes;
}

const on = (notes: Note[], topic: string): Note | undefined => notes.find((note) => note.topic.endsWith(topic));
const wordsOf = (note: Note | undefined): number => (note?.ladder[0]?.text ?? '').split(/\s+/).length;

/** A snake_case function: the naming departure, in new code each time. */
const snake = (i: number) => `\n/** Account ${i}. */\nexport function read_account_${i}(id: string): number | undefined {\n  return accounts.get(id);\n}\n`;
const camel = (i: number) => `\n/** Account ${i}. */\nexport function readAccount${i}(id: string): number | undefined {\n  return accounts.get(id);\n}\n`;
/** A function taking more parameters than golden functions ever do (a design warning), and its fix. */
const wide = (i: number) => `\n/** Total of account ${i}. */\nexport function totalOf${i}(id: string, a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number): number {\n  return (accounts.get(id) ?? ${i}) + a + b + c + d + e + f + g + h;\n}\n`;
const narrow = (i: number) => `\n/** Total of account ${i}. */\nexport function totalOf${i}(id: string, extra: number[]): number {\n  return (accounts.get(id) ?? ${i}) + extra.reduce((sum, n) => sum + n, 0);\n}\n`;
/** A function nested deeper than golden functions ever are. */
const deep = (i: number) => `\n/** Check ${i}. */\nexport function check${i}(n: number): number {\n  if (n > 0) {\n    if (n > 1) {\n      if (n > 2) {\n        if (n > 3) {\n          if (n > 4) {\n            if (n > 5) {\n              if (n > 6) {\n                return ${i};\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n  return 0;\n}\n`;

beforeAll(async () => {
  golden = createRepo();
  golden.commit('zod sources', treeFromNodeModules('zod/src/v4/core', /\.ts$/));
  learner = createRepo();
  learner.commit('start', { 'src/accounts.ts': 'export const accounts = new Map<string, number>();\n' });
  const project = projectFor(learner.dir);
  await runIndex({ config: project.config, root: project.root, indexPath: project.indexPath, cacheDir: join(project.root, '.cache'), embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
}, 180_000);
afterAll(removeTempDirs);

describe('a scripted history of saves', () => {
  it('makes fixed-unaided topics mastered and full-ladder ones struggling, and the mentor adapts', async () => {
    const project = projectFor(learner.dir);
    const services = await clockedServices(project);
    try {
      // Too many parameters, three times: noted at the question, fixed on the next save with no hint opened.
      const firstWide = on(await save(services, project, wide(1)), PARAMS);
      expect(firstWide, 'the offline mentor notes a var').toBeDefined();
      expect(firstWide!.adapted).toBeUndefined();
      await save(services, project, narrow(1));
      for (const i of [2, 3]) {
        expect(on(await save(services, project, wide(i)), PARAMS)).toBeDefined();
        await save(services, project, narrow(i));
      }

      // Naming, twice: the learner climbs to the change itself before fixing it.
      for (const i of [1, 2]) {
        const note = on(await save(services, project, snake(i)), NAMING);
        expect(note, 'the offline mentor notes a snake_case function').toBeDefined();
        climbToChange(services, note!.id);
        await save(services, project, camel(i));
      }

      const before = progressReport(services.session, { repo: project.root, branch: 'main', since: null, now: clock.now() });
      const status = (suffix: string) => before.progress.topics.find((t) => t.topic.endsWith(suffix))?.status;
      expect(status(PARAMS)).toBe('mastered');
      expect(status(NAMING)).toBe('struggling');
      expect(before.progress.focus.map((f) => f.topic.endsWith(NAMING))).toContain(true);

      // Both again (one save each: a name waits while a fault is open): the wide function shrinks to one
      // line, naming opens at the hint.
      const brief = on(await save(services, project, wide(4)), PARAMS);
      const hard = on(await save(services, project, snake(3)), NAMING);
      expect(brief?.adapted).toBe('mastered: one line');
      expect(wordsOf(brief)).toBeLessThan(wordsOf(firstWide));
      expect(brief?.ladder[0]?.text).toMatch(/^Again: /);
      expect(hard?.opensAt).toBe(2);
      // Seen at the hint, so fixing it now is not an unaided fix.
      expect(services.session.getNote(hard!.id)?.maxLevel).toBe(2);
    } finally {
      services.close();
    }
  }, 120_000);

  it('drops a mastered topic\'s note at the lowest severity shown, and keeps a dismissed one away', async () => {
    const project = projectFor(learner.dir, { minSeverity: 'warn' });
    const services = await clockedServices(project);
    try {
      await save(services, project, camel(3) + narrow(4));
      const notes = await save(services, project, wide(5) + deep(1));
      expect(notes.length, 'the save still has something to say').toBeGreaterThan(0);
      expect(on(notes, PARAMS)).toBeUndefined();
      const other = on(notes, NESTING);
      expect(other?.severity).toBe('warn');
      services.session.dismiss(other!.id);
      expect((await save(services, project, wide(5) + deep(1))).map((n) => n.id)).not.toContain(other!.id);
      const report = progressReport(services.session, { repo: project.root, branch: 'main', since: null, now: clock.now() });
      expect(report.progress.topics.find((t) => t.topic.endsWith(NESTING))?.dismissed).toBe(1);
    } finally {
      services.close();
    }
  }, 120_000);

  it('tells Claude how to adapt, hides notes below mentor.minSeverity, and counts only shown notes as done', async () => {
    // Two notes on new topics on the same new function: one `info`, one `warn`.
    const reply = ['info', 'warn']
      .map((severity) => `<note path="src/accounts.ts" lines="4-6" topic="${severity}-topic" severity="${severity}" title="${severity} note" evidence="E1">
<question>What does read_account_6 return for an unknown id?</question>
<hint>A caller cannot tell a missing account from a zero balance.</hint>
<example>Compare with [E1].</example>
<change>Return undefined explicitly.</change>
</note>`)
      .join('\n');
    const fake = await startFakeAnthropic({ script: [{ kind: 'reply', text: reply }] });
    const project = projectFor(learner.dir, { minSeverity: 'warn' });
    const services = await openReviewServices(project, { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url } });
    try {
      expect(services.tutor.mode).toBe('model');
      writeFileSync(join(learner.dir, 'src/accounts.ts'), `export const accounts = new Map<string, number>();\n${snake(6)}${wide(6)}`);
      const events: ReviewEvent[] = [];
      for await (const event of runReview({ project, repoDir: learner.dir, target: { kind: 'worktree' }, paths: ['src/accounts.ts'], tutor: services.tutor, index: services.index, profile: services.profile, session: services.session })) events.push(event);

      // The request carries the adapter's decision, one line per topic of the change.
      const task = JSON.stringify((fake.requests[0]!.body as { messages: unknown }).messages);
      expect(task).toMatch(new RegExp(`${PARAMS.replace('.', '\\.')}: mastered: [^"]*one line`));
      expect(task).toMatch(new RegExp(`${NAMING.replace('.', '\\.')}: struggling: lead with the golden example`));

      const shown = events.flatMap((e) => (e.type === 'note-end' ? [e.note] : []));
      expect(shown.map((n) => n.severity)).toEqual(['warn']);
      expect(events.some((e) => e.type === 'note-start' && e.note.severity === 'info')).toBe(false);
      expect(events.find((e) => e.type === 'done')).toMatchObject({ notes: 1 });
    } finally {
      services.close();
      await fake.close();
    }
  }, 120_000);
  it('revisits a mastered topic once in full after a long gap, then says it in one line again', async () => {
    const project = projectFor(learner.dir);
    const services = await clockedServices(project);
    try {
      // Where the earlier saves left it: the model's functions gone, parameters mastered and brief.
      await save(services, project, narrow(8));
      const brief = on(await save(services, project, wide(8)), PARAMS);
      expect(brief?.adapted).toBe('mastered: one line');
      await save(services, project, narrow(8));

      // A month and a day without a too-wide function: the next one is a full note, once.
      clock.advance(REVISIT_AFTER_MS + 86_400_000);
      const revisit = on(await save(services, project, wide(9)), PARAMS);
      expect(revisit?.adapted).toBe('mastered, not seen for a while: in full once');
      expect(revisit?.ladder[0]?.text).not.toMatch(/^Again: /);
      expect(wordsOf(revisit)).toBeGreaterThan(wordsOf(brief));
      // Fixed on their own at the question: still mastered, seen lately, so one line again.
      await save(services, project, narrow(9));
      const after = on(await save(services, project, wide(10)), PARAMS);
      expect(after?.adapted).toBe('mastered: one line');
      expect(after?.ladder[0]?.text).toMatch(/^Again: /);
    } finally {
      services.close();
    }
  }, 120_000);
});
