import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { treeFromNodeModules } from '../../helpers/corpus.js';
import { createRepo, removeTempDirs, type TestRepo } from '../../helpers/git.js';
import { callsIn, lineCalling, ownDeclarations, sharedCalls } from '../../../src/review/context/calls.js';

/**
 * The golden example is the golden code most like the learner's lines among the code that shows the
 * habit, and a model is sent code that does what these lines do, or told there is none. Golden:
 * the Anthropic SDK's TypeScript sources (HTTP, JSON, errors, environment), which nobody here wrote.
 */

let learner: TestRepo;

beforeAll(() => {
  const golden = createRepo();
  const sdk = treeFromNodeModules('@anthropic-ai/sdk/src', /\.ts$/);
  // The same code once more as a test file (renamed, so it is not the same chunk): which of the two
  // a note shows says whose kind it is.
  const copy = sdk['internal/utils/values.ts']!.toString().replaceAll('safeJSON', 'parseJSONSafely');
  golden.commit('sdk', { ...sdk, 'tests/utils/values.test.ts': Buffer.from(copy) });
  learner = createRepo();
  learner.commit('start', { 'archangel.json': JSON.stringify({ golden: [{ path: golden.dir, name: 'sdk' }] }), '.gitignore': '.archangel/\n', 'src/settings.ts': 'export const x = 1;\n' });
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
}, 120_000);
afterAll(removeTempDirs);

type Json = { notes: Array<{ topic: string; path: string; evidence: Array<{ kind: string; snippet?: string; why?: string; comparable?: boolean; citation?: { path: string } }> }> };

describe('callsIn', () => {
  it('names the calls, not the declarations or the control flow', () => {
    expect(callsIn('export async function loadUser(id) {\n  if (ok(id)) { const r = await fetch(url); return JSON.parse(await r.text()); }\n}')).toEqual(['ok', 'fetch', 'JSON.parse', 'r.text']);
    expect(callsIn('def get(u, items=[]):\n    r = requests.get(u, timeout=5)\n    r.raise_for_status()')).toEqual(['requests.get', 'r.raise_for_status']);
    expect(sharedCalls(['requests.get', 'r.json'], ['session.request', 'resp.json', 'requests.get'])).toEqual(['requests.get', '.json']);
    expect(callsIn('BufferedReader r = new BufferedReader(new FileReader(path));')).toEqual(['new BufferedReader', 'new FileReader']);
  });

  it('reads no call inside a string, but the code of a template\'s placeholders', () => {
    expect(callsIn('log.Printf("connecting to %s as %s (password %s)", cfg.Host, cfg.User, cfg.Password)')).toEqual(['log.Printf']);
    expect(callsIn('rows, err := db.Query(`SELECT count(*) FROM feeds WHERE user_id=$1`, userID)')).toEqual(['db.Query']);
    expect(callsIn("cursor.execute('''\n  SELECT max(id) FROM orders\n''')\nlog.info('done (%d)', n)")).toEqual(['cursor.execute', 'log.info']);
    expect(callsIn('const line = `${invoice.id}: ${format(total)} (paid)`;')).toEqual(['format']);
  });
});

describe('the golden example of a note', () => {
  it('for an empty catch around JSON.parse is golden code that parses JSON in a try and handles what it catches', () => {
    writeFileSync(join(learner.dir, 'src/settings.ts'), 'export const x = 1;\n\nexport function loadSettings(text: string): Record<string, unknown> | undefined {\n  try {\n    return JSON.parse(text);\n  } catch (error) {}\n}\n');
    const { notes } = JSON.parse(runCli(learner.dir, ['review', '--format', 'json']).stdout) as Json;
    const note = notes.find((n) => n.topic === 'ts.errors.empty-catch');
    const example = note?.evidence.find((e) => e.kind === 'golden');
    expect(example?.snippet).toMatch(/try \{[\s\S]*JSON\.parse\([\s\S]*\} catch \((\w+)\) \{\s*\S/);
    expect(example).toMatchObject({ comparable: true, why: expect.stringContaining('calls JSON.parse') });
  });
});

describe('the golden example of a note in a test', () => {
  it('is golden test code, and the code itself for code', () => {
    // One lesson is taught once per review: the test and the code are reviewed one after the other.
    const text = 'export function loadSettings(text: string): Record<string, unknown> | undefined {\n  try {\n    return JSON.parse(text);\n  } catch (error) {}\n}\n';
    const exampleIn = (path: string) => {
      const { notes } = JSON.parse(runCli(learner.dir, ['review', '--format', 'json']).stdout) as Json;
      return notes.find((n) => n.topic === 'ts.errors.empty-catch' && n.path === path)?.evidence.find((e) => e.kind === 'golden')?.citation?.path;
    };
    writeFileSync(join(learner.dir, 'src/settings.ts'), 'export const x = 1;\n');
    mkdirSync(join(learner.dir, 'tests'), { recursive: true });
    writeFileSync(join(learner.dir, 'tests/settings.test.ts'), text);
    const inTest = exampleIn('tests/settings.test.ts');
    rmSync(join(learner.dir, 'tests'), { recursive: true });
    expect(inTest).toBe('tests/utils/values.test.ts');
    writeFileSync(join(learner.dir, 'src/settings.ts'), `export const x = 1;\n\n${text}`);
    expect(exampleIn('src/settings.ts')).toBe('internal/utils/values.ts');
  });
});

describe('the golden example of a note in a new file', () => {
  it('is chosen for the lines of the note, not for the busiest function of the file', () => {
    // One hunk, two functions: the first reads the environment three times, as golden code with
    // try/catch blocks around file reads does; the note is on the empty catch around JSON.parse.
    const file = [
      'export const x = 1;',
      '',
      'export function clientOptions() {',
      "  const apiKey = readEnv('ACME_API_KEY');",
      "  const baseURL = readEnv('ACME_BASE_URL') ?? 'https://api.acme.test';",
      "  const timeout = Number(readEnv('ACME_TIMEOUT') ?? 600);",
      "  return { apiKey, baseURL, timeout, headers: buildHeaders([{ 'x-acme': '1' }]) };",
      '}',
      '',
      'export function loadSettings(text: string): Record<string, unknown> | undefined {',
      '  try {',
      '    return JSON.parse(text);',
      '  } catch (error) {}',
      '}',
    ];
    writeFileSync(join(learner.dir, 'src/settings.ts'), `${file.join('\n')}\n`);
    const { notes } = JSON.parse(runCli(learner.dir, ['review', '--format', 'json']).stdout) as Json;
    const example = notes.find((n) => n.topic === 'ts.errors.empty-catch')?.evidence.find((e) => e.kind === 'golden');
    expect(example?.snippet).toMatch(/^\s*try \{\s*\n.*JSON\.parse\(.*\n\s*\} catch \((\w+)\) \{\s*\S/);
    expect(example).toMatchObject({ comparable: true, why: expect.stringContaining('calls JSON.parse') });
  });
});

describe('what a model is sent', () => {
  it('carries golden code that makes the same calls, saying why it was chosen', () => {
    writeFileSync(join(learner.dir, 'src/settings.ts'), 'export const x = 1;\n\nexport function apiKey(): string | undefined {\n  return readEnv(\'MY_API_KEY\')?.trim();\n}\n');
    const dry = runCli(learner.dir, ['review', '--dry-run'], { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
    expect(dry.status, dry.stderr).toBe(0);
    const chosen = [...dry.stdout.matchAll(/<golden_evidence [^>]*chosen="calls readEnv[^"]*"/g)];
    expect(chosen.length).toBeGreaterThanOrEqual(2);
    expect(dry.stdout).not.toMatch(/<hunk [^>]*golden_comparable="none"/);
  });

  it('is told when nothing in the golden repositories is comparable, and shown no unrelated code as if it were', () => {
    writeFileSync(join(learner.dir, 'src/settings.ts'), 'export const x = 1;\n\nexport function fahrenheit(celsius: number): number {\n  return celsius * 1.8 + 32;\n}\n');
    const dry = runCli(learner.dir, ['review', '--dry-run'], { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
    expect(dry.stdout).toMatch(/<hunk [^>]*golden_comparable="none"/);
    expect(dry.stdout).not.toContain('<golden_evidence id=');
  });
});

describe('calls that say what code does', () => {
  it('leave out list and string methods whatever they are called on, and keep a named client\'s common methods', () => {
    expect(sharedCalls(['items.map', 'rows.push', 'name.trim'], ['items.map', 'rows.push', 'name.trim'])).toEqual([]);
    expect(sharedCalls(['requests.get', 'cache.get', 'items.find'], ['requests.get', 'cache.get', 'contents.find'])).toEqual(['requests.get', 'cache.get', '.find']);
    expect(sharedCalls(['fmt.Sprintf', 'db.Query'], ['fmt.Sprintf', 'db.Query'])).toEqual(['db.Query']);
    // Receivers alike: the same name in another case, or one holding the other.
    expect(sharedCalls(['LOGGER.info', 'cursor.execute', 'client.send'], ['logger.info', 'cur.execute', 'httpClient.send'])).toEqual(['LOGGER.info', 'cursor.execute', 'client.send']);
    expect(sharedCalls(['db.execute', 'fs.readFile'], ['cursor.execute', 'readFile'])).toEqual(['.execute', '.readFile']);
  });

  it('are not the same method called on a class and on a value', () => {
    // A Mongoose model's `Blog.find()` queries a database; `blocks.find()` searches an array.
    expect(sharedCalls(['Blog.find'], ['blocks.find', '.find'])).toEqual([]);
    expect(sharedCalls(['Blog.find', 'blogs.find'], ['User.find'])).toEqual(['.find']);
  });

  it('leave out conversions, printing, the clock and require', () => {
    expect(sharedCalls(['byte', 'string', 'fmt.Println', 'out.println', 'Date.now', 'time.Now', 'require'], ['byte', 'string', 'fmt.Println', 'out.println', 'Date.now', 'time.Now', 'require'])).toEqual([]);
  });

  it('to what the learner\'s code declares itself are told apart', () => {
    const own = ownDeclarations(['async function getData() {}', 'const load = async (id) => id;', 'def fetch_all(url):', 'func (s *Store) Save(b Book) error {', 'class Student {}', '  public List<Book> findBooks(String title) {'].join('\n'));
    expect(['getData', 'load', 'fetch_all', 'Save', 'new Student', 'findBooks'].filter(own)).toEqual(['getData', 'load', 'fetch_all', 'Save', 'new Student', 'findBooks']);
    expect(['fetch', 'api.getData', 'requests.get', 'new Date'].filter(own)).toEqual([]);
  });
});

describe('where golden code makes a call', () => {
  it('is the first line calling it in code, not in a doc comment', () => {
    const text = ['/**', ' * {@snippet : HttpRequest.newBuilder(request) }', ' */', 'static Builder copy(HttpRequest request) {', '  Builder builder = HttpRequest.newBuilder();', '  return builder;', '}'].join('\n');
    expect(lineCalling(text, ['HttpRequest.newBuilder'])).toBe(5);
    expect(lineCalling(text, ['client.send'])).toBeUndefined();
  });

  it('is a call of that very name, not of one ending with it', () => {
    const text = ['def _post_json(self, url, data):', '    return self._post(url, data=data)', '', 'def _post(self, url, **kwargs):', '    return self.post(url, **kwargs)'].join('\n');
    expect(lineCalling(text, ['client.post'])).toBe(5);
  });
});
