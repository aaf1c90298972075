import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { habitKey } from '../../../src/conventions/api/habits.js';
import { apiExpected, apiObserved, apiStatement } from '../../../src/conventions/api/words.js';
import { rulePrefix } from '../../../src/conventions/specs/index.js';
import type { ApiCall, Finding } from '../../../src/conventions/types.js';
import type { Language } from '../../../src/index/language.js';
import type { ReviewContext } from '../../../src/review/context/types.js';
import { createOfflineTutor } from '../../../src/tutor/offline/index.js';
import { ruleEntry } from '../../../src/tutor/offline/rules.js';
import { selectDrafts } from '../../../src/tutor/offline/select.js';
import type { Evidence, Note } from '../../../src/tutor/types.js';
import { CATCH_EXAMPLE, convention, finding, golden, hunk } from './fixtures.js';

/**
 * The last rung the offline mentor writes for `found` on `lines` of `path`. Every case also checks
 * the whole ladder at each level: one question at L1 naming the line, rungs 1-3 free of code and of
 * the literal fix, nothing stripped or cut by rung discipline.
 */
async function lastRung(path: string, lines: string[], found: Finding[], options: { language?: Language; symbol?: string; evidence?: Evidence[] } = {}): Promise<string> {
  const context = reviewOf(path, lines, found, options);
  const draft = selectDrafts(context)[0];
  if (!draft) throw new Error('no draft');
  const { fixed } = ruleEntry(draft.key).change(draft);
  let last = '';
  for (const level of ['senior', 'mid', 'junior'] as const) {
    const tutor = createOfflineTutor({ projectRoot: tmpdir() });
    const notes: Note[] = [];
    for await (const event of tutor.review({ ...context, level })) if (event.type === 'note-end') notes.push(event.note);
    expect(notes).toHaveLength(1);
    const ladder = notes[0]?.ladder ?? [];
    expect(ladder[0]?.text).toMatch(/\?$/);
    // A note on a whole file (its name, place or length) names the file rather than line 1.
    expect(ladder[0]?.text).toMatch(new RegExp(`\\b${draft.startLine}\\b|${basename(path).replace('.', '\\.')}`));
    for (const rung of ladder.slice(0, 3)) {
      expect(rung.text).not.toMatch(/```|shown at the last rung|…$/);
      for (const literal of fixed) expect(rung.text).not.toContain(literal);
    }
    last = ladder[3]?.text ?? '';
  }
  return last;
}

function reviewOf(path: string, lines: string[], found: Finding[], options: { language?: Language; symbol?: string; evidence?: Evidence[] } = {}): ReviewContext {
  const rules = [...new Set(found.map((item) => item.ruleId))];
  const evidence = options.evidence ?? rules.map((ruleId, index) => convention(`E${index + 1}`, ruleId, `statement of ${ruleId}`, 200, 0.95));
  const ids = (ruleId: string) => evidence.filter((item) => item.kind === 'golden' || item.ruleId === ruleId).map((item) => item.id);
  const findings = found.map((item) => ({ finding: { ...item, path }, evidence: ids(item.ruleId) }));
  return { hunks: [hunk(path, lines, { ...options, findings })], evidence, level: 'junior', maxNotes: 3 };
}

const LONG_FUNCTION = [
  'export function importOrders(rows: string[]): Order[] {',
  '  const orders: Order[] = [];',
  '  for (const row of rows) {',
  "    const cells = row.split(',');",
  '    if (cells.length < 3) continue;',
  '    orders.push({ id: cells[0], total: Number(cells[1]), currency: cells[2] });',
  '  }',
  '',
  '  for (const order of orders) {',
  '    if (order.total < 0) {',
  "      throw new Error('negative total');",
  '    }',
  '  }',
  '  return orders;',
  '}',
];

describe('last rungs', () => {
  it('splits a long function at its largest blocks, by line', async () => {
    const text = await lastRung('src/import.ts', LONG_FUNCTION, [finding('ts.size.function-lines', { startLine: 1, endLine: 15, symbol: 'importOrders', observed: '15 lines', expected: '<= 10 lines' })]);
    expect(text).toContain('- lines 3-7, starting `for (const row of rows) {`');
    expect(text).toContain('- lines 9-13, starting `for (const order of orders) {`');
  });

  it('groups many parameters into one typed options object', async () => {
    const line = 'export function createUser(name: string, email: string, age: number, role: Role, team?: string) {';
    const text = await lastRung('src/users.ts', [line, '}'], [finding('ts.size.params', { startLine: 1, endLine: 2, symbol: 'createUser', observed: '5 parameters', expected: '<= 4 parameters' })]);
    expect(text).toContain('+interface CreateUserOptions {');
    expect(text).toContain('+  role: Role;');
    expect(text).toContain('+  team?: string;');
    expect(text).toContain('+export function createUser({ name, email, age, role, team }: CreateUserOptions) {');
  });

  it('points at the deepest line and the block to flatten', async () => {
    const text = await lastRung('src/import.ts', LONG_FUNCTION, [finding('ts.size.nesting', { startLine: 1, endLine: 15, symbol: 'importOrders', observed: '4 levels of nesting', expected: '<= 3 levels of nesting' })]);
    expect(text).toContain('Line 11 (`throw new Error(\'negative total\');`) is the deepest');
    expect(text).toContain('line 3');
  });

  it('moves a test beside the code into the mirrored test folder', async () => {
    const text = await lastRung('src/review/diff.test.ts', ["import { it } from 'vitest';"], [finding('ts.layout.test-location', { startLine: 1, symbol: 'src/review/diff.test.ts', observed: 'beside the code they test', expected: 'in a separate test folder' })]);
    expect(text).toContain('git mv src/review/diff.test.ts test/review/diff.test.ts');
  });

  it('renames a spec file to the golden test-file pattern', async () => {
    const text = await lastRung('test/diff.spec.ts', ["import { it } from 'vitest';"], [finding('ts.layout.test-file-name', { startLine: 1, symbol: 'diff.spec.ts', observed: '<name>.spec.<ext>', expected: '<name>.test.<ext>' })]);
    expect(text).toContain('git mv test/diff.spec.ts test/diff.test.ts');
  });

  it('writes a one-line doc comment skeleton above an export', async () => {
    const line = 'export function getUserData(id: string): User {';
    const text = await lastRung('src/users.ts', [line, '}'], [finding('ts.docs.exported', { severity: 'info', startLine: 1, symbol: 'getUserData', observed: 'undocumented', expected: 'documented' })]);
    expect(text).toContain('+/** Gets user data: say what it returns and when it fails. */');
  });

  it('rethrows from an empty Python except with the cause chained', async () => {
    const lines = ['def load_user(user_id):', '    try:', '        return api.get(user_id)', '    except ValueError:', '        pass'];
    const text = await lastRung('app/users.py', lines, [finding('py.errors.empty-catch', { startLine: 4, endLine: 5, observed: 'empty', expected: 'handles the error' })], { language: 'python', symbol: 'load_user' });
    expect(text).toContain('+    except ValueError as error:');
    expect(text).toContain('+        raise RuntimeError("load_user failed") from error');
  });

  it('keeps the caught error as the cause of a new throw', async () => {
    const lines = ['  } catch (err) {', "    throw new ApiError('lookup failed');", '  }'];
    const text = await lastRung('src/api.ts', lines, [finding('ts.errors.rethrow-cause', { startLine: 2, observed: 'drops the cause', expected: 'keeps the cause' })], { symbol: 'lookup' });
    expect(text).toContain("+    throw new ApiError('lookup failed', { cause: err });");
  });

  it('wraps a Go error with %w', async () => {
    const lines = ['\tif err != nil {', '\t\treturn fmt.Errorf("read config: %v", err)', '\t}'];
    const text = await lastRung('config.go', lines, [finding('go.errors.wrap', { startLine: 2, observed: 'formats without %w', expected: 'wraps with %w' })], { language: 'go' });
    expect(text).toContain('+\t\treturn fmt.Errorf("read config: %w", err)');
  });

  it('turns a one-step .then() into an await', async () => {
    const text = await lastRung('src/api.ts', ['  return fetch(url).then((res) => res.json());'], [finding('ts.idioms.async', { severity: 'info', startLine: 1, observed: '.then() chain', expected: 'async/await' })]);
    expect(text).toContain('+  const res = await fetch(url);');
    expect(text).toContain('+  return res.json();');
  });

  it('declares with let only what the hunk reassigns', async () => {
    const lines = ['  var total = 0;', '  var label = "x";', '  total += 1;'];
    const text = await lastRung('src/sum.js', lines, [finding('js.idioms.var', { startLine: 1, observed: 'var', expected: 'let/const', message: 'Line 1: var. The same on 1 more line (2).' })], { language: 'javascript' });
    expect(text).toContain('+  let total = 0;');
    expect(text).toContain('+  const label = "x";');
  });

  it('routes console output through the logger the golden code uses', async () => {
    const evidence = [convention('E1', 'ts.idioms.logging', 'Logging goes through a logger', 300, 0.93), golden('E2', CATCH_EXAMPLE, "logger.warn('retrying', { attempt });")];
    const text = await lastRung('src/sync.ts', ["  console.error('sync failed', error);"], [finding('ts.idioms.logging', { severity: 'info', startLine: 1, observed: 'console.*', expected: 'logger' })], { evidence });
    expect(text).toContain("+  logger.error('sync failed', error);");
  });

  it('logs a failure printed to the console at the error level: in a catch, or printing the error itself', async () => {
    const evidence = [convention('E1', 'js.idioms.logging', 'Logging goes through a logger', 300, 0.93), golden('E2', CATCH_EXAMPLE, "logger.warn('retrying', { attempt });")];
    const lines = ['try {', '  await sync();', '} catch (e) {', "  console.log('sync failed');", '}', 'console.log(err);', "console.log('synced', count);"];
    const logging = finding('js.idioms.logging', { severity: 'info', startLine: 4, observed: 'console.*', expected: 'logger', message: 'Line 4: console.log. The same on 2 more lines (6, 7).' });
    const text = await lastRung('src/sync.js', lines, [logging], { language: 'javascript', evidence });
    expect(text).toContain("+  logger.error('sync failed');");
    expect(text).toContain('+logger.error(err);');
    expect(text).toContain("+logger.info('synced', count);");
  });

  it('renames a file to the golden case', async () => {
    const text = await lastRung('src/user_service.ts', ['export {};'], [finding('ts.naming.file', { startLine: 1, symbol: 'user_service.ts', observed: 'snake_case', expected: 'kebab-case' })]);
    expect(text).toContain('git mv src/user_service.ts src/user-service.ts');
  });

  it('names a boolean function as a question in its own style', async () => {
    const text = await lastRung('src/auth.ts', ['export function validUser(user: User): boolean {'], [finding('ts.naming.boolean-function', { severity: 'info', startLine: 1, symbol: 'validUser', observed: 'no question prefix', expected: 'is/has/can… prefix' })]);
    expect(text).toContain('`validUser` → `isValidUser`');
  });

  it('rewords a test title into the golden form', async () => {
    const text = await lastRung('test/users.test.ts', ["  it('should return the user', () => {"], [finding('ts.naming.test', { severity: 'info', startLine: 1, symbol: 'should return the user', observed: 'start with "should"', expected: 'state the behaviour' })]);
    expect(text).toContain("Reword `should return the user` → `returns the user`:");
    expect(text).toContain("+  it('returns the user', () => {");
  });
});

describe('last rungs of API-usage notes', () => {
  const CLIENT_EXAMPLE = { repo: 'acme/api', path: 'app/clients/users.py', startLine: 12, endLine: 13, commit: '1a2b3c4d5e6f7a8b9c0d' };

  /** A finding as checkFile writes it for an API habit (the call named as written), with its convention's real statement. */
  function apiCase(language: Language, call: ApiCall, line: number, goldenSnippet: string, written = call.callee): { found: Finding[]; evidence: Evidence[] } {
    const ruleId = `${rulePrefix(language)}.${habitKey(call)}`;
    const statement = apiStatement(language, call);
    const found = [finding(ruleId, { startLine: line, symbol: written, observed: apiObserved(language, call), expected: apiExpected(language, call), call, support: 24, confidence: 23 / 24, examples: [CLIENT_EXAMPLE] })];
    return { found, evidence: [convention('E1', ruleId, statement, 24, 23 / 24, [CLIENT_EXAMPLE]), golden('E2', CLIENT_EXAMPLE, goldenSnippet)] };
  }

  it.each([
    ['option', { callee: 'pip._internal.network.session.PipSession.request', aspect: 'option', option: 'timeout' }, 'Decide the value this call needs'],
    ['awaited', { callee: 'anthropic-ai.sdk.messages.create', aspect: 'awaited' }, 'Decide whether'],
    ['in-try', { callee: 'pip._internal.network.session.PipSession.request', aspect: 'in-try' }, 'Decide whether'],
    ['checked', { callee: 'pip._internal.network.session.PipSession.request', aspect: 'checked', form: 'raise_for_status' }, 'Check the result right after the call'],
    ['managed', { callee: 'pip._internal.utils.temp_dir.TempDirectory', aspect: 'managed' }, 'Tie its lifetime to a block'],
  ] as const)('keeps the why, the gap with its numbers and the move in a junior\'s hint (%s), however long the callee', async (_aspect, call, move) => {
    const language = call.callee.startsWith('anthropic') ? 'typescript' : 'python';
    const written = language === 'python' ? 'session.request' : 'client.messages.create';
    const { found, evidence } = apiCase(language, call, 1, '', written);
    const context = reviewOf(language === 'python' ? 'app/x.py' : 'src/x.ts', [`    result = ${written}(thing)`], found, { language, evidence });
    const notes: Note[] = [];
    for await (const event of createOfflineTutor({ projectRoot: tmpdir() }).review(context)) if (event.type === 'note-end') notes.push(event.note);
    const hint = notes[0]?.ladder[1]?.text ?? '';
    expect(hint).toContain(`23 of 24 golden calls (96%)`);
    expect(hint).toContain(`while here \`${written}\` is`);
    expect(hint).toContain(move);
    expect(hint).not.toMatch(/…$/);
  });

  it('passes the option with the value the golden call uses', async () => {
    const lines = ['def load_user(user_id):', '    response = rq.get(f"{BASE}/users/{user_id}")', '    return response.json()'];
    const { found, evidence } = apiCase('python', { callee: 'requests.get', aspect: 'option', option: 'timeout' }, 2, 'response = requests.get(url, timeout=REQUEST_TIMEOUT)\nresponse.raise_for_status()');
    const text = await lastRung('app/users.py', lines, found, { language: 'python', symbol: 'load_user', evidence });
    expect(text).toContain('+    response = rq.get(f"{BASE}/users/{user_id}", timeout=REQUEST_TIMEOUT)');
  });

  it('adds the option to the options object a TypeScript call already has', async () => {
    const { found, evidence } = apiCase('typescript', { callee: 'fetch', aspect: 'option', option: 'signal' }, 1, "const res = await fetch(url, { signal: AbortSignal.timeout(5000) });");
    const text = await lastRung('src/users.ts', ["  const res = await fetch(url, { method: 'POST' });"], found, { evidence });
    expect(text).toContain("+  const res = await fetch(url, { signal: AbortSignal.timeout(5000), method: 'POST' });");
  });

  it('awaits a call whose promise was let go', async () => {
    const { found, evidence } = apiCase('typescript', { callee: 'fs.promises.writeFile', aspect: 'awaited' }, 2, "await fs.promises.writeFile(path, text, 'utf8');");
    const text = await lastRung('src/save.ts', ['export async function save(path: string, text: string): Promise<void> {', "  writeFile(path, text, 'utf8');", '}'], found, { evidence, symbol: 'save' });
    expect(text).toContain("+  await writeFile(path, text, 'utf8');");
  });

  it('puts a declaration inside a try without losing its name after it', async () => {
    const { found, evidence } = apiCase('typescript', { callee: 'JSON.parse', aspect: 'in-try' }, 1, 'try {\n  return JSON.parse(text);\n} catch (error) {');
    const text = await lastRung('src/config.ts', ['  const config = JSON.parse(raw);'], found, { evidence, symbol: 'readConfig' });
    expect(text).toContain(['+  let config;', '+  try {', '+    config = JSON.parse(raw);', '+  } catch (error) {', "+    throw new Error('readConfig failed', { cause: error });", '+  }'].join('\n'));
  });

  it('catches in Python what the golden call catches', async () => {
    const { found, evidence } = apiCase('python', { callee: 'json.loads', aspect: 'in-try' }, 2, 'try:\n    data = json.loads(text)\nexcept json.JSONDecodeError as error:');
    const text = await lastRung('app/config.py', ['def read_config(raw):', '    data = json.loads(raw)', '    return data'], found, { language: 'python', symbol: 'read_config', evidence });
    expect(text).toContain(['+    try:', '+        data = json.loads(raw)', '+    except json.JSONDecodeError as error:', '+        raise RuntimeError("read_config failed") from error'].join('\n'));
  });

  it('checks the response right after the call', async () => {
    const { found, evidence } = apiCase('python', { callee: 'requests.get', aspect: 'checked', form: 'raise_for_status' }, 2, 'response = requests.get(url, timeout=5)\nresponse.raise_for_status()');
    const text = await lastRung('app/users.py', ['def load_user(user_id):', '    response = requests.get(url, timeout=5)', '    return response.json()'], found, { language: 'python', symbol: 'load_user', evidence });
    expect(text).toContain('+    response.raise_for_status()');
  });

  it('keeps a Go error the call threw away and checks it', async () => {
    const { found, evidence } = apiCase('go', { callee: 'os.Open', aspect: 'checked', form: 'err' }, 1, 'f, err := os.Open(path)\nif err != nil {');
    const text = await lastRung('cache.go', ['\tf, _ := os.Open(path)'], found, { language: 'go', symbol: 'loadCache', evidence });
    expect(text).toContain(['+\tf, err := os.Open(path)', '+\tif err != nil {', '+\t\treturn fmt.Errorf("loadCache: %w", err)', '+\t}'].join('\n'));
  });

  it('opens a Python file in a with statement', async () => {
    const { found, evidence } = apiCase('python', { callee: 'open', aspect: 'managed' }, 2, 'with open(path, encoding="utf-8") as handle:');
    const text = await lastRung('app/files.py', ['def head(path):', '    handle = open(path, encoding="utf-8")', '    return handle.readline()'], found, { language: 'python', symbol: 'head', evidence });
    expect(text).toContain('+    with open(path, encoding="utf-8") as handle:');
  });

  it('closes a Go resource after its error check', async () => {
    const { found, evidence } = apiCase('go', { callee: 'http.Get', aspect: 'managed' }, 1, 'resp, err := http.Get(url)\nif err != nil {\n\treturn err\n}\ndefer resp.Body.Close()');
    const text = await lastRung('fetch.go', ['\tresp, err := http.Get(url)', '\tif err != nil {', '\t\treturn err', '\t}', '\treturn decode(resp.Body)'], found, { language: 'go', symbol: 'fetch', evidence });
    expect(text).toContain(['+\t}', '+\tdefer resp.Body.Close()'].join('\n'));
  });
});

describe('selectDrafts', () => {
  it('merges the findings of one rule in a hunk into one note spanning them', () => {
    const lines = ['function load_user() {}', '', 'function save_user() {}'];
    const found = [
      finding('ts.naming.function', { startLine: 1, symbol: 'load_user', observed: 'snake_case', expected: 'camelCase' }),
      finding('ts.naming.function', { startLine: 3, symbol: 'save_user', observed: 'snake_case', expected: 'camelCase' }),
    ];
    const drafts = selectDrafts(reviewOf('src/users.ts', lines, found));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ startLine: 1, endLine: 3, lines: [1, 3] });
    const text = drafts[0] ? ruleEntry(drafts[0].key).change(drafts[0]).text : '';
    expect(text).toContain('`load_user` → `loadUser`, `save_user` → `saveUser`');
  });

  it('points a note at its costliest finding when one rule found faults that cost differently', () => {
    const lines = ['String db = "root";', '', '', 'String key = "hunter2";'];
    const rule = { source: 'tree-sitter', name: 'java/hardcoded-signing-key' } as const;
    const found = [
      finding('java.pitfalls.tree-sitter.java.hardcoded-signing-key', { startLine: 1, concern: 'security', failure: 'remote', observed: 'a database password', expected: 'configuration', rule }),
      finding('java.pitfalls.tree-sitter.java.hardcoded-signing-key', { startLine: 4, concern: 'security', failure: 'certain', observed: 'a signing key', expected: 'configuration', rule }),
    ];
    const [draft] = selectDrafts(reviewOf('src/Keys.java', lines, found, { language: 'java' }));
    expect(draft).toMatchObject({ startLine: 4, endLine: 4, lines: [4] });
    expect(draft?.findings.map((item) => item.startLine)).toEqual([4, 1]);
  });

  it('raises one rule once per save, at its best-ranked place', () => {
    const context = reviewOf('src/a.ts', ['function load_user() {}'], [finding('ts.naming.function', { startLine: 1, symbol: 'load_user', observed: 'snake_case', expected: 'camelCase' })]);
    const second = hunk('src/b.ts', ['function save_user() {}'], { findings: [{ finding: finding('ts.naming.function', { path: 'src/b.ts', startLine: 1, symbol: 'save_user', observed: 'snake_case', expected: 'camelCase' }), evidence: ['E1'] }] });
    context.hunks.push(second);
    expect(selectDrafts(context).map((draft) => draft.hunk.path)).toEqual(['src/a.ts']);
  });
});
