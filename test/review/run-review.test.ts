import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/config/project.js';
import { parseConfigText } from '../../src/config/validate.js';
import { conventionsObserver } from '../../src/conventions/learn.js';
import { createEmbeddingProvider } from '../../src/index/embed/create.js';
import { runIndex } from '../../src/index/indexer/run-index.js';
import { answerQuestion } from '../../src/review/ask.js';
import { openReviewServices } from '../../src/review/open-services.js';
import { prepareReview, runReview, type ReviewEvent } from '../../src/review/run-review.js';
import type { Note } from '../../src/tutor/types.js';
import { treeFromNodeModules } from '../helpers/corpus.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { createRepo, removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';

/**
 * The learner's repository: golden code is zod's TypeScript sources, and the learner's change
 * adds a function that departs from two of its conventions (naming, an empty catch).
 */
const LEARNER_CHANGE = `
export async function load_user_profile(id: string) {
  try {
    const response = await fetch(\`/api/users/\${id}\`);
    return await response.json();
  } catch (error) {}
}
`;

// A fake GitHub token built at run time: never a literal secret in the repository.
const FAKE_TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;

let golden: TestRepo;
let learner: TestRepo;
let project: Project;

/** The learner's project; `stateDir` apart gives a test its own notes and dismissals. */
function projectFor(root: string, extra: Record<string, unknown> = {}, stateDir = join(root, '.archangel')): Project {
  const config = parseConfigText(JSON.stringify({ golden: [{ path: golden.dir, name: 'zod' }], ...extra }), 'archangel.json');
  return { config, file: join(root, 'archangel.json'), root, indexPath: join(root, '.archangel', 'index.db'), stateDir };
}

async function collect(events: AsyncGenerator<ReviewEvent>): Promise<{ notes: Note[]; errors: string[]; all: ReviewEvent[] }> {
  const all: ReviewEvent[] = [];
  for await (const event of events) all.push(event);
  return {
    all,
    notes: all.flatMap((e) => (e.type === 'note-end' ? [e.note] : [])),
    errors: all.flatMap((e) => (e.type === 'error' ? [e.message] : [])),
  };
}

beforeAll(async () => {
  golden = createRepo();
  golden.commit('zod sources', treeFromNodeModules('zod/src/v4/core', /\.ts$/));
  learner = createRepo();
  learner.commit('start', { 'src/users.ts': 'export const users = new Map<string, string>();\n' });
  project = projectFor(learner.dir);
  await runIndex({ config: project.config, root: project.root, indexPath: project.indexPath, cacheDir: join(project.root, '.cache'), embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
  writeFileSync(join(learner.dir, 'src/users.ts'), `export const users = new Map<string, string>();\nconst token = "${FAKE_TOKEN}";\n${LEARNER_CHANGE}`);
}, 120_000);
afterAll(removeTempDirs);

describe('a review offline', () => {
  it('gives ranked notes on the departures, with golden evidence, and records them', async () => {
    const services = await openReviewServices(project, { offline: true });
    try {
      const { notes, all } = await collect(runReview({ project, repoDir: learner.dir, target: { kind: 'worktree' }, tutor: services.tutor, index: services.index, profile: services.profile, session: services.session }));
      expect(all[0]?.type).toBe('context');
      expect(notes.length).toBeGreaterThan(0);
      expect(notes.length).toBeLessThanOrEqual(3);
      // The token comes first (security), taught by its kind and line, never its value; the
      // snake_case name waits while it is open.
      expect(notes[0]).toMatchObject({ topic: 'ts.secrets.github-token', severity: 'error', startLine: 2 });
      expect(notes[0]!.ladder[0]!.text).toContain('Line 2 holds a GitHub token');
      expect(JSON.stringify(notes)).not.toContain(FAKE_TOKEN);
      expect(notes.map((n) => n.topic)).not.toContain('ts.naming.function');
      for (const note of notes) {
        expect(note.ladder.map((r) => r.level)).toEqual([1, 2, 3, 4]);
        expect(note.evidence.length).toBeGreaterThan(0);
        expect(services.session.getNote(note.id)).toMatchObject({ id: note.id, timesSeen: 1 });
      }
    } finally {
      services.close();
    }
  });

  it('answers a question about the note in view with its why, offline, and never with its change', async () => {
    const services = await openReviewServices(project, { offline: true });
    try {
      const { notes, all } = await collect(runReview({ project, repoDir: learner.dir, target: { kind: 'worktree' }, tutor: services.tutor, index: services.index, profile: services.profile }));
      const context = all.flatMap((e) => (e.type === 'context' ? [e.context] : []))[0]!;
      const note = notes[0]!;
      const answer = (await collect(answerQuestion(project, services, context, { text: 'why does this matter?', note }))).all.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
      const hint = note.ladder.find((rung) => rung.level === 2)!.text;
      expect(answer).toContain(`About the note on ${note.path}:${note.startLine}`);
      expect(answer).toContain(hint);
      expect(answer).not.toContain(note.ladder.find((rung) => rung.level === 4)!.text);
      // Without a note in view, the answer is the golden search and the findings, as before.
      const plain = (await collect(answerQuestion(project, services, context, { text: 'why does this matter?' }))).all.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
      expect(plain).not.toContain('About the note on');
    } finally {
      services.close();
    }
  });

  it('never shows a dismissed note again', async () => {
    const services = await openReviewServices(project, { offline: true });
    try {
      const review = () => collect(runReview({ project, repoDir: learner.dir, target: { kind: 'worktree' }, tutor: services.tutor, index: services.index, profile: services.profile, session: services.session }));
      const first = await review();
      const dismissed = first.notes[0]!;
      services.session.dismiss(dismissed.id);
      const second = await review();
      expect(second.notes.map((n) => n.id)).not.toContain(dismissed.id);
      expect(second.all.some((e) => e.type === 'note-start' && e.note.id === dismissed.id)).toBe(false);
    } finally {
      services.close();
    }
  });
});

describe('a review with Claude (the real SDK against a loopback Messages API)', () => {
  let fake: FakeAnthropic;
  afterAll(() => fake?.close());

  it('streams the model\'s notes, drops invented citations, redacts secrets and writes the audit log', async () => {
    const reply = `<note path="src/users.ts" lines="4-9" topic="errors" severity="warn" title="error handling" evidence="E1,E99">
<question>If fetch fails on line 6, what does a caller of load_user_profile receive?</question>
<hint>An empty catch turns every failure into undefined.</hint>
<example>Compare with the golden code in [E1].</example>
<change>Rethrow with a cause.</change>
</note>`;
    fake = await startFakeAnthropic({ script: [{ kind: 'reply', text: reply, usage: { inputTokens: 900, outputTokens: 120 } }] });
    const env = { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url };
    const services = await openReviewServices(project, { env });
    try {
      expect(services.tutor.mode).toBe('model');
      const { notes, all } = await collect(runReview({ project, repoDir: learner.dir, target: { kind: 'worktree' }, tutor: services.tutor, index: services.index, profile: services.profile, session: services.session }));
      expect(notes).toHaveLength(1);
      expect(notes[0]!.source).toBe('model');
      expect(notes[0]!.evidence.map((e) => e.id)).toEqual(['E1']);
      const done = all.find((e) => e.type === 'done');
      expect(done).toMatchObject({ usage: { inputTokens: 900, outputTokens: 120 } });

      const body = JSON.stringify(fake.requests[0]!.body);
      expect(body).toContain('load_user_profile');
      expect(body).not.toContain(FAKE_TOKEN);
      expect(body).toContain('[REDACTED');

      const audit = readFileSync(join(project.stateDir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const entry = audit[audit.length - 1];
      expect(entry).toMatchObject({ kind: 'review', inputTokens: 900, outputTokens: 120 });
      expect(entry.files[0].path).toBe('src/users.ts');
      expect(JSON.stringify(entry)).not.toContain(FAKE_TOKEN);
    } finally {
      services.close();
    }
  });

  it('falls back to the offline mentor with one clear line when the key is rejected', async () => {
    const rejecting = await startFakeAnthropic({ script: [{ kind: 'error', status: 401, message: 'invalid x-api-key' }] });
    const fresh = projectFor(learner.dir, {}, tempDir());
    const services = await openReviewServices(fresh, { env: { ANTHROPIC_API_KEY: 'bad-key', ANTHROPIC_BASE_URL: rejecting.url } });
    try {
      const { notes, errors } = await collect(runReview({ project: fresh, repoDir: learner.dir, target: { kind: 'worktree' }, tutor: services.tutor, index: services.index, profile: services.profile, session: services.session }));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/rejected the API key.*offline mentor answers instead/);
      expect(notes.length).toBeGreaterThan(0);
      expect(notes.every((n) => n.source === 'offline')).toBe(true);
      expect(rejecting.requests).toHaveLength(1);
    } finally {
      services.close();
      await rejecting.close();
    }
  });

  it('keeps golden code on the machine when privacy.sendGoldenSnippets is false', async () => {
    const quiet = await startFakeAnthropic({ script: [{ kind: 'reply', text: '<none/>' }] });
    const privateProject = projectFor(learner.dir, { privacy: { sendGoldenSnippets: false } });
    const services = await openReviewServices(privateProject, { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: quiet.url } });
    try {
      await collect(runReview({ project: privateProject, repoDir: learner.dir, target: { kind: 'worktree' }, tutor: services.tutor, index: services.index, profile: services.profile, session: services.session }));
      const body = JSON.stringify((quiet.requests[0]!.body as { messages: unknown }).messages);
      // Conventions (statements, numbers, where the examples are) may go out; golden code may not.
      expect(body).toContain('<convention_evidence');
      expect(body).not.toContain('<golden_evidence');
      expect(existsSync(join(privateProject.stateDir, 'audit.log'))).toBe(true);
    } finally {
      services.close();
      await quiet.close();
    }
  });
});

describe('the evidence of a review', () => {
  it('goes to the most important findings first, so style nits near the top of a file cannot crowd out a costlier one below it', async () => {
    // Against zod: a new file misnamed, an import without its extension, a default export, a
    // snake_case function and a `var` (style), then a function with more parameters than any
    // golden function takes (design), further down.
    const path = 'src/UserStore.ts';
    const text = ["import { users } from './users';", '', 'export default function helper(): string {', '  return users.size.toString();', '}', '', 'export function load_user(id: string): string | undefined {', '  var found = users.get(id);', '  return found;', '}', '', 'export function total(a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number): number {', '  return a + b + c + d + e + f + g + h + i;', '}', ''].join('\n');
    writeFileSync(join(learner.dir, path), text);
    try {
      const services = await openReviewServices(project, { offline: true });
      try {
        const { context } = await prepareReview({ project, repoDir: learner.dir, target: { kind: 'worktree' }, paths: [path], index: services.index, profile: services.profile });
        const findings = context.hunks.flatMap((hunk) => hunk.findings);
        const style = findings.filter((entry) => entry.finding.concern === 'style');
        const costly = findings.find((entry) => entry.finding.ruleId === 'ts.size.params');
        expect(style.length).toBeGreaterThanOrEqual(4);
        expect(style.every((entry) => entry.finding.severity === 'info')).toBe(true);
        expect(costly?.finding).toMatchObject({ concern: 'design', severity: 'warn' });
        // Its convention is the first evidence, though the style findings come before it in the file.
        expect(costly?.evidence[0]).toBe('E1');
        expect(context.evidence[0]).toMatchObject({ kind: 'convention', ruleId: 'ts.size.params' });
      } finally {
        services.close();
      }
    } finally {
      rmSync(join(learner.dir, path));
    }
  });
});

describe('a save that fixes a note', () => {
  it('reports the note resolved, once, after the record holds it', async () => {
    const path = 'src/loader.ts';
    const write = (name: string) => writeFileSync(join(learner.dir, path), `export function ${name}(id: string): string {\n  return id.trim();\n}\n`);
    const services = await openReviewServices(project, { offline: true });
    const review = () => collect(runReview({ project, repoDir: learner.dir, target: { kind: 'worktree' }, paths: [path], tutor: services.tutor, index: services.index, profile: services.profile, session: services.session }));
    const resolvedIn = (all: ReviewEvent[]) => all.flatMap((e) => (e.type === 'resolved' ? e.notes : []));
    try {
      write('load_user_name');
      const first = await review();
      const naming = first.notes.find((n) => n.topic === 'ts.naming.function')!;
      expect(naming).toBeDefined();
      expect(resolvedIn(first.all)).toEqual([]);

      write('loadUserName');
      const fixed = await review();
      expect(resolvedIn(fixed.all)).toEqual([{ id: naming.id, path, startLine: naming.startLine, endLine: naming.endLine, title: naming.title, topic: 'ts.naming.function' }]);
      expect(fixed.all.at(-1)?.type).toBe('resolved');
      expect(services.session.getNote(naming.id)?.resolvedAt).not.toBeNull();

      expect(resolvedIn((await review()).all)).toEqual([]);
    } finally {
      services.close();
      rmSync(join(learner.dir, path));
    }
  });
});
