import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFile } from '../../../src/conventions/index.js';
import type { ReviewContext } from '../../../src/review/context/types.js';
import { NoteParser } from '../../../src/tutor/claude/note-parser.js';
import { aliasEvidence } from '../../../src/tutor/claude/prompt-data.js';
import { createOfflineTutor } from '../../../src/tutor/offline/index.js';
import { CHANGE_AT_LAST_RUNG } from '../../../src/tutor/rungs.js';
import type { Note, TutorEvent } from '../../../src/tutor/types.js';
import { fixtureProfile } from '../../conventions/golden.js';
import { fromNodeModules } from '../../helpers/corpus.js';
import { convention, finding, hunk, namingContext, USER_SERVICE, userServiceContext } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archangel-offline-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function events(context: ReviewContext, signal?: AbortSignal): Promise<TutorEvent[]> {
  const out: TutorEvent[] = [];
  for await (const event of createOfflineTutor({ projectRoot: dir }).review(context, signal)) out.push(event);
  return out;
}

async function notes(context: ReviewContext): Promise<Note[]> {
  return (await events(context)).flatMap((event) => (event.type === 'note-end' ? [event.note] : []));
}

function rung(note: Note | undefined, level: number): string {
  return note?.ladder.find((item) => item.level === level)?.text ?? '';
}

describe('createOfflineTutor', () => {
  it('says which mentor it is', () => {
    const tutor = createOfflineTutor({ projectRoot: dir });
    expect(tutor.mode).toBe('offline');
    expect(tutor.label).toBe('offline mentor');
  });

  it('ranks by what a departure costs: the swallowed error, then `any`, then the logger; the name waits while they are open', async () => {
    const result = await notes(userServiceContext());
    expect(result.map((note) => note.topic)).toEqual(['ts.errors.empty-catch', 'ts.idioms.any', 'ts.idioms.logging']);
    expect(result.map((note) => note.severity)).toEqual(['warn', 'warn', 'warn']);
    expect(result.every((note) => note.source === 'offline' && note.ladder.length === 4)).toBe(true);
  });

  it('gives one note of each kind before a second of any: a function name and a file name are one idea', async () => {
    const findings = [
      finding('ts.naming.function', { startLine: 6, symbol: 'get_user_data', observed: 'snake_case', expected: 'camelCase', support: 531, confidence: 1 }),
      finding('ts.naming.file', { startLine: 1, observed: 'PascalCase', expected: 'kebab-case', support: 400, confidence: 1 }),
      finding('ts.idioms.async', { startLine: 8, observed: '.then()', expected: 'async/await', support: 4000, confidence: 1 }),
    ];
    const context = userServiceContext({
      maxNotes: 2,
      hunks: [hunk('src/user-service.ts', USER_SERVICE, { findings: findings.map((f, i) => ({ finding: f, evidence: [`E${i + 1}`] })) })],
      evidence: [convention('E1', 'ts.naming.function', 'Functions are camelCase', 531, 1), convention('E2', 'ts.naming.file', 'File names are kebab-case', 400, 1), convention('E3', 'ts.idioms.async', 'Asynchronous code uses async/await rather than .then() chains', 4000, 1)],
    });
    expect((await notes(context)).map((note) => note.topic)).toEqual(['ts.naming.function', 'ts.idioms.async']);
    expect((await notes({ ...context, maxNotes: 3 })).map((note) => note.topic)).toEqual(['ts.naming.function', 'ts.naming.file', 'ts.idioms.async']);
  });

  it('never puts off a costlier idea for a new kind: two security pitfalls before a logging habit', async () => {
    const rule = (id: string, ruleId: string, statement: string) => ({ kind: 'rule' as const, id, ruleId, statement, source: 'tree-sitter' });
    const findings = [
      finding('java.pitfalls.tree-sitter.java.hardcoded-signing-key', { startLine: 3, concern: 'security', observed: 'signing key or password written in the code', expected: 'read it from the environment', rule: { source: 'tree-sitter', name: 'java/hardcoded-signing-key' } }),
      finding('java.pitfalls.tree-sitter.java.sql-built-from-strings', { startLine: 8, concern: 'security', observed: 'SQL built from strings', expected: 'bind parameters', rule: { source: 'tree-sitter', name: 'java/sql-built-from-strings' } }),
      finding('ts.idioms.logging', { startLine: 5, concern: 'design', observed: 'console.*', expected: 'logger', support: 900, confidence: 1 }),
    ];
    const context = userServiceContext({
      maxNotes: 2,
      hunks: [hunk('src/user-service.ts', USER_SERVICE, { findings: findings.map((f, i) => ({ finding: f, evidence: [`E${i + 1}`] })) })],
      evidence: [rule('E1', findings[0]!.ruleId, 'read it from the environment'), rule('E2', findings[1]!.ruleId, 'bind parameters'), convention('E3', 'ts.idioms.logging', 'Logging goes through a logger', 900, 1)],
    });
    const written = await notes(context);
    expect(written.map((note) => note.topic)).toEqual(['java.pitfalls.tree-sitter.java.hardcoded-signing-key', 'java.pitfalls.tree-sitter.java.sql-built-from-strings']);
    // Our own checks read the tree-sitter parse; tree-sitter is the parser, not whose rule it is.
    const explained = written[0]?.ladder.find((rung) => rung.level === 2)?.text ?? '';
    expect(explained).toContain("ArchAngel's java/hardcoded-signing-key rule");
    expect(explained).not.toContain("tree-sitter's");
  });

  it('keeps at most maxNotes', async () => {
    expect(await notes(userServiceContext({ maxNotes: 1 }))).toHaveLength(1);
    expect(await notes(userServiceContext({ maxNotes: 0 }))).toHaveLength(0);
  });

  it('raises the info findings when nothing real is open', async () => {
    const context = userServiceContext();
    const hunk = context.hunks[0];
    if (hunk) hunk.findings = hunk.findings.filter((item) => item.finding.severity === 'info');
    expect((await notes(context)).map((note) => note.topic)).toEqual(['ts.naming.function']);
  });

  it('streams note-start, the question, one citation per evidence and note-end, then done without usage', async () => {
    const stream = await events(userServiceContext({ maxNotes: 1 }));
    expect(stream.map((event) => event.type)).toEqual(['note-start', 'text', 'citation', 'citation', 'note-end', 'done']);
    const end = stream.find((event) => event.type === 'note-end');
    const text = stream.find((event) => event.type === 'text');
    expect(text && end && text.type === 'text' && end.type === 'note-end' ? text.text === rung(end.note, 1) : false).toBe(true);
    expect(stream.at(-1)).toEqual({ type: 'done', notes: 1 });
  });

  it('asks one question at L1 that names the identifier and its line, and keeps the fix for L4', async () => {
    const naming = (await notes(namingContext())).find((note) => note.topic === 'ts.naming.function');
    const question = rung(naming, 1);
    expect(question).toMatch(/`get_user_data` on line 6/);
    expect(question.match(/\?/g)).toHaveLength(1);
    expect(question.endsWith('?')).toBe(true);
    for (const level of [1, 2, 3]) {
      expect(rung(naming, level)).not.toContain('getUserData');
      expect(rung(naming, level)).not.toMatch(/```|^[+-]/m);
    }
    expect(rung(naming, 2)).toContain('531 of 531');
    expect(rung(naming, 3)).toContain('acme/api src/users/accounts.ts:10-24 @1a2b3c4');
    expect(rung(naming, 4)).toContain('`get_user_data` → `getUserData`, at the declaration');
    expect(rung(naming, 4)).toContain('+export async function getUserData(id: string): Promise<User | undefined> {');
  });

  it('writes rungs that rung discipline has nothing to strip or cut', async () => {
    for (const level of ['junior', 'mid', 'senior'] as const) {
      const context = userServiceContext({ level, maxNotes: 5 });
      const hunk = context.hunks[0];
      if (hunk) hunk.findings = hunk.findings.map((item) => ({ ...item, finding: { ...item.finding, severity: 'warn' as const } }));
      for (const note of await notes(context)) {
        for (const level of [1, 2, 3]) {
          expect(rung(note, level)).not.toContain(CHANGE_AT_LAST_RUNG);
          expect(rung(note, level)).not.toContain('shown at the last rung');
          expect(rung(note, level)).not.toMatch(/…$/);
          expect(rung(note, level)).not.toBe('');
        }
      }
    }
  });

  it('cites the convention with its numbers and the golden example of each note', async () => {
    const [emptyCatch] = await notes(userServiceContext());
    const [naming] = await notes(namingContext());
    expect(emptyCatch?.evidence.map((item) => item.id)).toEqual(['E3', 'E4']);
    expect(naming?.evidence.map((item) => item.id)).toEqual(['E1', 'E2']);
    expect(naming?.evidence[0]).toMatchObject({ kind: 'convention', support: 531, confidence: 1 });
  });

  it('gives a note the id the Claude tutor gives the same place and topic', async () => {
    const context = namingContext();
    const [naming] = await notes(context);
    const parser = new NoteParser({ aliases: aliasEvidence(context.evidence), hunks: context.hunks });
    const reply = '<note path="src/user-service.ts" lines="6" topic="ts.naming.function" severity="warn" title="naming" evidence="E1"><question>Which name?</question></note>';
    const model = [...parser.push(reply), ...parser.end({ truncated: false })].find((event) => event.type === 'note-end');
    expect(model?.type === 'note-end' ? model.note.id : undefined).toBe(naming?.id);
  });

  it('points a size note at the longest function of a file, names only it, and counts the other long ones', async () => {
    // commander's Command class, checked against the conventions learned from the golden fixtures.
    const text = fromNodeModules('commander/lib/command.js').toString('utf8');
    const long = (await checkFile(await fixtureProfile(), { path: 'src/command.ts', language: 'typescript', text })).filter((f) => f.ruleId === 'ts.size.function-lines');
    expect(long.length).toBeGreaterThan(3);
    const longest = long.reduce((best, f) => ((f.measured ?? 0) > (best.measured ?? 0) ? f : best));
    const stats = convention('E1', 'ts.size.function-lines', 'Functions: median 7 lines', long[0]!.support, long[0]!.confidence);
    const context = userServiceContext({ hunks: [hunk('src/command.ts', text.split('\n'), { findings: long.map((finding) => ({ finding, evidence: ['E1'] })) })], evidence: [stats] });
    const [note] = await notes(context);
    expect([note?.startLine, note?.endLine]).toEqual([longest.startLine, longest.endLine]);
    const question = rung(note, 1);
    expect(question).toContain(`\`${longest.symbol!}\` spans lines ${longest.startLine}-${longest.endLine} (${longest.observed})`);
    expect(question).toContain(`and ${long.length - 3} more are past the team's limit too`);
    // The cut it suggests at the last rung lies inside that function, not across the file.
    const cuts = [...rung(note, 4).matchAll(/lines (\d+)-(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(cuts.length).toBeGreaterThan(0);
    for (const [start, end] of cuts) expect(start! >= longest.startLine && end! <= longest.endLine).toBe(true);
  });

  it('is silent when there are no findings, or only findings with no convention evidence', async () => {
    const context = userServiceContext();
    const hunk = context.hunks[0];
    if (hunk) hunk.findings = [];
    expect(await events(context)).toEqual([{ type: 'done', notes: 0 }]);
    const ungrounded = userServiceContext({ evidence: [] });
    expect(await events(ungrounded)).toEqual([{ type: 'done', notes: 0 }]);
  });

  it('changes the tone by level and keeps the evidence identical', async () => {
    const [junior, mid, senior] = await Promise.all((['junior', 'mid', 'senior'] as const).map((level) => notes(namingContext({ level }))));
    const naming = (list: Note[] | undefined) => list?.find((note) => note.topic === 'ts.naming.function');
    expect(naming(senior)?.evidence).toEqual(naming(junior)?.evidence);
    expect(naming(senior)?.id).toBe(naming(junior)?.id);
    expect(rung(naming(senior), 1)).toContain('Functions are camelCase (531 of 531)');
    expect(rung(naming(junior), 1)).not.toContain('camelCase');
    const words = (text: string) => text.split(/\s+/).length;
    expect(words(rung(naming(junior), 2))).toBeGreaterThan(words(rung(naming(mid), 2)));
    expect(words(rung(naming(mid), 2))).toBeGreaterThan(words(rung(naming(senior), 2)));
    expect(rung(naming(junior), 4)).toMatch(/\?$/);
    expect(rung(naming(senior), 4)).not.toMatch(/\?$/);
  });

  it('puts the first rung to the navigator and the driver in a pair session, and changes nothing else', async () => {
    const pair = { session: 'pair-1', driver: 'ana@example.com', navigator: 'ada' };
    const solo = await notes(userServiceContext());
    const paired: Note[] = [];
    for await (const event of createOfflineTutor({ projectRoot: dir, pair }).review(userServiceContext())) if (event.type === 'note-end') paired.push(event.note);
    expect(paired.map((note) => note.id)).toEqual(solo.map((note) => note.id));
    for (const [index, note] of paired.entries()) {
      expect(rung(note, 1)).toBe(`ada, ask ana: ${rung(solo[index], 1)}`);
      expect(note.ladder.slice(1)).toEqual(solo[index]?.ladder.slice(1));
    }
  });

  it('uses a project override from .archangel/prompts', async () => {
    await mkdir(join(dir, '.archangel', 'prompts'), { recursive: true });
    await writeFile(join(dir, '.archangel', 'prompts', 'offline-naming-case.md'), '## question\nWould our style guide accept {{name}} on line {{line}}?\n');
    const naming = (await notes(namingContext())).find((note) => note.topic === 'ts.naming.function');
    expect(rung(naming, 1)).toBe('Would our style guide accept `get_user_data` on line 6?');
    expect(rung(naming, 2)).toContain('531 of 531');
  });

  it('reports a broken override and still gives the other notes', async () => {
    await mkdir(join(dir, '.archangel', 'prompts'), { recursive: true });
    await writeFile(join(dir, '.archangel', 'prompts', 'offline-errors-empty-catch.md'), '## question\n{{mood}}?\n');
    const stream = await events(userServiceContext());
    expect(stream.find((event) => event.type === 'error')).toMatchObject({ fatal: false, message: expect.stringContaining('{{mood}}') });
    expect(stream.filter((event) => event.type === 'note-end')).toHaveLength(2);
    expect(stream.at(-1)).toEqual({ type: 'done', notes: 2 });
  });

  it('removes a literal fix that an edited template lets slip above the last rung', async () => {
    await mkdir(join(dir, '.archangel', 'prompts'), { recursive: true });
    await writeFile(join(dir, '.archangel', 'prompts', 'offline-naming-case.md'), '## question\nWhy not {{change}}?\n');
    const naming = (await notes(namingContext())).find((note) => note.topic === 'ts.naming.function');
    expect(rung(naming, 1)).not.toContain('getUserData');
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await events(userServiceContext(), controller.signal)).toEqual([]);
  });
});
