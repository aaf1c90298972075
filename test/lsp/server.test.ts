import Database from 'better-sqlite3';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver/node';
import { openProject } from '../../src/config/project.js';
import { conventionsObserver } from '../../src/conventions/learn.js';
import { createEmbeddingProvider } from '../../src/index/embed/create.js';
import { runIndex } from '../../src/index/indexer/run-index.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { createRepo, removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';
import { EDITOR_CAPABILITIES, inProcessServer, type LspClient } from '../helpers/lsp-client.js';

/**
 * `archangel lsp` at the protocol level: the server in this process, a client on the protocol
 * library's own client side, real git repositories, a real golden index (zod's sources, built once
 * and shared) and the real state.db of each learner repository.
 */

const USERS = 'src/users.ts';
/** A snake_case function name and nothing else: the note on it cites golden code (an empty catch is a linter's rule, cited by its docs). */
const NAMING_ONLY = `\nexport function load_user_profile(id: string) {\n  return users.get(id.trim());\n}\n`;
let golden: TestRepo;
let env: NodeJS.ProcessEnv;
const running: Array<{ client: LspClient; done: Promise<void> }> = [];
let fake: FakeAnthropic | undefined;

beforeAll(async () => {
  golden = zodGolden();
  env = { ARCHANGEL_INDEX_PATH: join(tempDir(), 'index.db'), ARCHANGEL_CACHE_DIR: tempDir() };
  const project = await openProject(learnerRepo(golden).dir, { ...process.env, ...env });
  await runIndex({ config: project.config, root: project.root, indexPath: project.indexPath, cacheDir: env.ARCHANGEL_CACHE_DIR!, embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
}, 120_000);
afterEach(async () => {
  for (const server of running.splice(0)) {
    await server.client.close();
    await server.done;
  }
  await fake?.close();
  fake = undefined;
});
afterAll(removeTempDirs);

/** A server started on `dir` as an editor starts it; offline unless told otherwise (`extra` then configures the model). */
async function serve(dir: string, options: { extra?: NodeJS.ProcessEnv; offline?: boolean; capabilities?: typeof EDITOR_CAPABILITIES; initializationOptions?: unknown } = {}): Promise<LspClient> {
  const server = inProcessServer({ env: { ...env, ...options.extra }, offline: options.offline ?? true });
  running.push(server);
  await server.client.initialize(dir, { ...(options.capabilities ? { capabilities: options.capabilities } : {}), initializationOptions: options.initializationOptions });
  return server.client;
}

/** A learner repo with `change` (SWALLOWED_ERROR) saved in src/users.ts, a server on it, and the diagnostics of that save. */
async function savedChange(options: Parameters<typeof serve>[1] = {}, change = SWALLOWED_ERROR): Promise<{ learner: TestRepo; client: LspClient; diagnostics: Diagnostic[] }> {
  const learner = learnerRepo(golden);
  const client = await serve(learner.dir, options);
  client.open(USERS);
  await client.diagnosticsOn(USERS, (found) => found.length === 0);
  appendFileSync(join(learner.dir, USERS), change);
  client.save(USERS);
  return { learner, client, diagnostics: await client.diagnosticsOn(USERS, (found) => found.length > 0) };
}

function record(dir: string) {
  const db = new Database(join(dir, '.archangel', 'state.db'), { readonly: true });
  try {
    return {
      notes: db.prepare('SELECT id, severity, topic, ladder, evidence, max_level AS level, dismissed_at AS dismissedAt FROM notes').all() as Array<{ id: string; severity: string; topic: string; ladder: string; evidence: string; level: number; dismissedAt: number | null }>,
      climbs: db.prepare('SELECT note_id AS noteId, level FROM hint_events ORDER BY id').all() as Array<{ noteId: string; level: number }>,
      chat: db.prepare("SELECT text FROM chat_messages WHERE role = 'user'").all() as Array<{ text: string }>,
    };
  } finally {
    db.close();
  }
}

const noteIdOf = (diagnostic: Diagnostic): string => (diagnostic.data as { noteId: string }).noteId;

async function actionsOn(client: LspClient, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: client.uri(USERS) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
}

async function run(client: LspClient, action: CodeAction | undefined): Promise<void> {
  expect(action?.command).toBeDefined();
  await client.connection.sendRequest('workspace/executeCommand', { command: action!.command!.command, arguments: action!.command!.arguments });
}

async function hoverText(client: LspClient, diagnostic: Diagnostic): Promise<string> {
  const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(USERS) }, position: diagnostic.range.start });
  return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

describe('archangel lsp: notes as diagnostics', () => {
  it('publishes each note of a save on its lines: severity, source, the rule id as code (a linter\'s linked to its docs), only the question', async () => {
    const { learner, diagnostics } = await savedChange();
    const notes = record(learner.dir).notes;
    expect(diagnostics.length).toBe(notes.length);
    for (const diagnostic of diagnostics) {
      const note = notes.find((candidate) => candidate.id === noteIdOf(diagnostic))!;
      expect(diagnostic).toMatchObject({ source: 'archangel', code: note.topic, severity: { error: 1, warn: 2, info: 3 }[note.severity], message: (JSON.parse(note.ladder) as Array<{ text: string }>)[0]!.text });
      const docs = (JSON.parse(note.evidence) as Array<{ kind: string; docsUrl?: string }>).find((item) => item.kind === 'rule')?.docsUrl;
      expect(diagnostic.codeDescription?.href).toBe(docs);
      // The note's lines, whole: its first line from its start.
      expect(diagnostic.range.start.character).toBe(0);
      expect(readFileSync(join(learner.dir, USERS), 'utf8').split('\n')[diagnostic.range.end.line]!.length).toBe(diagnostic.range.end.character);
    }
  }, 60_000);

  it('links the rule id to its entry in CODE_STYLE.md once `archangel docs` wrote one', async () => {
    const { learner, client, diagnostics } = await savedChange({}, NAMING_ONLY);
    const [first] = diagnostics;
    expect(first!.codeDescription).toBeUndefined();
    mkdirSync(join(learner.dir, 'docs/archangel'), { recursive: true });
    writeFileSync(join(learner.dir, 'docs/archangel/CODE_STYLE.md'), `# Code style\n\n### A rule <a id="${String(first!.code)}"></a>\n`);
    const after = client.published.length;
    client.save(USERS);
    const linked = await client.diagnosticsOn(USERS, (found) => found.length > 0, after);
    expect(linked[0]!.codeDescription?.href).toBe(`file://${join(learner.dir, 'docs/archangel/CODE_STYLE.md')}#${String(first!.code)}`);
  }, 60_000);
});

describe('archangel lsp: the hint ladder', () => {
  it('climbs a rung with "Next hint" as `h` does: recorded, the hint shown, hover showing the rungs climbed so far', async () => {
    const { learner, client, diagnostics } = await savedChange();
    const [diagnostic] = diagnostics;
    const id = noteIdOf(diagnostic!);
    expect(await hoverText(client, diagnostic!)).toContain('(1/4)');
    expect(await hoverText(client, diagnostic!)).not.toContain('(2/4):');

    await run(client, (await actionsOn(client, diagnostic!)).find((action) => action.title.startsWith('Next hint (2/4)')));
    const hint = (JSON.parse(record(learner.dir).notes.find((note) => note.id === id)!.ladder) as Array<{ text: string }>)[1]!.text;
    await client.waitFor(() => client.messages.find((message) => message.message.includes(hint)), 'the hint');
    expect(record(learner.dir).climbs).toEqual([{ noteId: id, level: 2 }]);
    expect(record(learner.dir).notes.find((note) => note.id === id)!.level).toBe(2);
    const hover = await hoverText(client, diagnostic!);
    expect(hover).toContain(`**hint** (2/4): ${hint}`);
    expect(hover).not.toContain('(3/4):');
    expect((await actionsOn(client, diagnostic!)).map((action) => action.title).filter((title) => title.startsWith('Next hint'))).toEqual([expect.stringMatching(/^Next hint \(3\/4\): /)]);
  }, 60_000);

  it('dismisses a note as `d` does: gone from the diagnostics, dismissed in the record, not back on the next save', async () => {
    const { learner, client, diagnostics } = await savedChange();
    const [diagnostic] = diagnostics;
    const id = noteIdOf(diagnostic!);
    await run(client, (await actionsOn(client, diagnostic!)).find((action) => action.title.startsWith('Dismiss')));
    await client.diagnosticsOn(USERS, (found) => !found.some((item) => noteIdOf(item) === id));
    expect(record(learner.dir).notes.find((note) => note.id === id)!.dismissedAt).not.toBeNull();

    const after = client.published.length;
    client.save(USERS);
    const again = await client.diagnosticsOn(USERS, () => true, after);
    expect(again.map(noteIdOf)).not.toContain(id);
  }, 60_000);
});

describe('archangel lsp: the golden example', () => {
  it('opens the cited golden lines read-only at the pinned commit, through the golden URI the server serves', async () => {
    const { client, diagnostics } = await savedChange({ capabilities: { ...EDITOR_CAPABILITIES, workspace: { textDocumentContent: {} } } }, NAMING_ONLY);
    await run(client, (await actionsOn(client, diagnostics[0]!)).find((action) => action.title.startsWith('Show golden example')));
    const shown = await client.waitFor(() => client.shownDocuments[0], 'showDocument');
    const match = /^archangel-golden:\/\/zod\/(.+)\?commit=([0-9a-f]{40})#L(\d+)-L(\d+)$/.exec(shown.uri);
    expect(match).not.toBeNull();
    const [, path, commit, start] = match!;
    expect(commit).toBe(golden.git('rev-parse', 'HEAD'));
    expect(shown.selection?.start.line).toBe(Number(start) - 1);
    const { text } = await client.connection.sendRequest<{ text: string }>('workspace/textDocumentContent', { uri: shown.uri });
    expect(text).toBe(readFileSync(join(golden.dir, path!), 'utf8'));

    // Nothing but listed golden repos, at a full commit, is served.
    await expect(client.connection.sendRequest('workspace/textDocumentContent', { uri: shown.uri.replace('zod', 'elsewhere') })).rejects.toThrow(/not a golden repository/);
    await expect(client.connection.sendRequest('workspace/textDocumentContent', { uri: shown.uri.replace(/commit=\w+/, 'commit=HEAD') })).rejects.toThrow(/Not a golden document/);
  }, 60_000);

  it('opens a read-only copy for an editor that cannot open golden URIs, and says it in a message to one that cannot open documents', async () => {
    const { client, diagnostics } = await savedChange({}, NAMING_ONLY);
    await run(client, (await actionsOn(client, diagnostics[0]!)).find((action) => action.title.startsWith('Show golden example')));
    const shown = await client.waitFor(() => client.shownDocuments[0], 'showDocument');
    const copy = fileURLToPath(shown.uri);
    expect(copy).toMatch(/\/\.archangel\/golden\/zod\/[0-9a-f]{12}\//);
    expect(statSync(copy).mode & 0o777).toBe(0o444);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(join(golden.dir, copy.split(/\/[0-9a-f]{12}\//)[1]!), 'utf8'));

    const plain = await savedChange({ capabilities: { ...EDITOR_CAPABILITIES, window: { workDoneProgress: true } } }, NAMING_ONLY);
    await run(plain.client, (await actionsOn(plain.client, plain.diagnostics[0]!)).find((action) => action.title.startsWith('Show golden example')));
    await plain.client.waitFor(() => plain.client.messages.find((message) => /^zod \S+:\d+-\d+ @[0-9a-f]{7}\n/.test(message.message)), 'the golden lines in a message');
    expect(plain.client.shownDocuments).toEqual([]);
  }, 60_000);
});

describe('archangel lsp: Ask about this', () => {
  const REVIEW_REPLY = `<note path="src/users.ts" lines="7-7" topic="errors" severity="warn" title="swallowed error">
<question>When fetch fails on line 5, what does the caller of load_user_profile get back?</question>
<hint>An empty catch turns every failure into undefined.</hint>
<example>Compare the catch in the team's loaders with yours: what do they keep?</example>
<change>Rethrow with the caught error as the cause.</change>
</note>`;
  const ANSWER = 'The golden loaders rethrow with a cause, so callers see why a request failed.';

  it('sends the selection to chat when a model is configured, and shows the answer', async () => {
    fake = await startFakeAnthropic({ script: [{ kind: 'reply', text: REVIEW_REPLY }, { kind: 'reply', text: ANSWER }] });
    const { learner, client, diagnostics } = await savedChange({ offline: false, extra: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: fake.url } });
    const selection = { start: { line: 6, character: 0 }, end: { line: 6, character: 22 } };
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: client.uri(USERS) }, range: selection, context: { diagnostics } });
    await run(client, actions.find((action) => action.title === 'Ask about this'));
    await client.waitFor(() => client.messages.find((message) => message.message === ANSWER), 'the answer');
    expect(record(learner.dir).chat.map((turn) => turn.text)).toEqual([expect.stringContaining(`About ${USERS}:7:\n\n  } catch (error) {}`)]);
  }, 60_000);

  it('is not offered without a model', async () => {
    const { client, diagnostics } = await savedChange();
    const selection = { start: { line: 6, character: 0 }, end: { line: 6, character: 22 } };
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: client.uri(USERS) }, range: selection, context: { diagnostics } });
    expect(actions.map((action) => action.title)).not.toContain('Ask about this');
  }, 60_000);
});

describe('archangel lsp: bad input', () => {
  it('leaves alone files outside the repo, untitled and unsaved buffers and ignored files, reviews an untracked file, and keeps serving', async () => {
    const learner = learnerRepo(golden);
    learner.commit('ignore build output', { '.gitignore': '.archangel/\nbuild/\n' });
    const client = await serve(learner.dir);
    const outside = join(tempDir(), 'elsewhere.ts');
    writeFileSync(outside, SWALLOWED_ERROR);
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: `file://${outside}`, languageId: 'typescript', version: 1, text: SWALLOWED_ERROR } });
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'typescript', version: 1, text: SWALLOWED_ERROR } });
    // Typed but not saved: the review reads saved files, so it waits for the save.
    client.open(USERS, `${readFileSync(join(learner.dir, USERS), 'utf8')}${SWALLOWED_ERROR}`);
    learner.write({ 'build/out.ts': SWALLOWED_ERROR, 'src/fresh.ts': SWALLOWED_ERROR });
    client.open('build/out.ts');
    client.open('src/fresh.ts');

    // Reviews run one after another, in order: once the untracked file's notes are in, the rest had their turn.
    expect((await client.diagnosticsOn('src/fresh.ts', (found) => found.length > 0)).length).toBeGreaterThan(0);
    expect(client.diagnostics.get(client.uri('build/out.ts'))).toEqual([]);
    expect([...client.diagnostics.keys()].sort()).toEqual([client.uri('build/out.ts'), client.uri('src/fresh.ts')].sort());
    expect(client.messages.filter((message) => message.type <= 2)).toEqual([]);
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: `file://${outside}` }, position: { line: 1, character: 0 } })).toBeNull();

    // Saved at last: now it is reviewed.
    appendFileSync(join(learner.dir, USERS), SWALLOWED_ERROR);
    client.save(USERS);
    expect((await client.diagnosticsOn(USERS, (found) => found.length > 0)).length).toBeGreaterThan(0);
  }, 60_000);

  it('without archangel.json: says so once, answers with nothing, and starts once the file is there', async () => {
    const bare = createRepo();
    bare.commit('start', { 'src/users.ts': 'export const users = 1;\n' });
    const client = await serve(bare.dir, { extra: { ARCHANGEL_INDEX_PATH: '' } });
    client.open(USERS);
    client.save(USERS);
    const refused = await client.waitFor(() => client.messages.find((message) => message.type === 1), 'an error message');
    expect(refused.message).toMatch(/archangel\.json/);
    expect(refused.message).toMatch(/archangel init/);
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(USERS) }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: client.uri(USERS) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } })).toEqual([]);
    expect(client.messages.filter((message) => message.type === 1)).toHaveLength(1);

    writeFileSync(join(bare.dir, 'archangel.json'), JSON.stringify({ golden: [] }));
    client.save(USERS);
    await client.diagnosticsOn(USERS, () => true);
    // Still no golden repos, hence no index: that is said plainly too.
    expect(client.messages.some((message) => message.type === 2 && /index/i.test(message.message))).toBe(true);
  }, 60_000);

  it('outside any git repository: says so once, however often the file is saved', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'archangel.json'), JSON.stringify({ golden: [] }));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, USERS), 'export const users = 1;\n');
    const client = await serve(dir, { extra: { ARCHANGEL_INDEX_PATH: '' } });
    const notGit = (text: string) => /not inside a git working tree/.test(text);
    client.open(USERS);
    await client.waitFor(() => client.messages.find((message) => notGit(message.message)), 'the message');
    client.save(USERS);
    // Said again, it goes to the server's log.
    await client.waitFor(() => client.logs.find(notGit), 'the message in the log');
    expect(client.messages.filter((message) => notGit(message.message))).toHaveLength(1);
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(USERS) }, position: { line: 0, character: 0 } })).toBeNull();
  }, 60_000);

  it('with a damaged learner record: says what to do, and keeps serving', async () => {
    const learner = learnerRepo(golden);
    mkdirSync(join(learner.dir, '.archangel'));
    writeFileSync(join(learner.dir, '.archangel', 'state.db'), 'not a database, not at all'.repeat(200));
    const client = await serve(learner.dir);
    client.open(USERS);
    const refused = await client.waitFor(() => client.messages.find((message) => message.type === 1), 'an error message');
    expect(refused.message).toMatch(/damaged.*Move it aside/);
    client.save(USERS);
    await client.waitFor(() => client.logs.find((line) => line === refused.message), 'the error again, in the log');
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(USERS) }, position: { line: 0, character: 0 } })).toBeNull();
  }, 60_000);

  it('with no index yet: says so, reports the indexing as $/progress, then reviews', async () => {
    const learner = learnerRepo(golden);
    appendFileSync(join(learner.dir, USERS), SWALLOWED_ERROR);
    const client = await serve(learner.dir, { extra: { ARCHANGEL_INDEX_PATH: '' } });
    client.open(USERS);
    await client.diagnosticsOn(USERS, (found) => found.length > 0);
    expect(client.messages[0]).toEqual({ type: 3, message: expect.stringContaining('indexing the golden repositories for the first time') });
    expect(client.progress[0]).toMatchObject({ kind: 'begin', title: 'ArchAngel' });
    expect(client.progress.some((value) => value.kind === 'report' && value.percentage === 100)).toBe(true);
    expect(client.progress.at(-1)).toEqual({ kind: 'end' });
  }, 60_000);
});
