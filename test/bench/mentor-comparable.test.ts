import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callLabel, codeFacts, compareCode, sameCall, skeletonLabel, type CodeFacts } from '../../bench/mentor/comparable.js';
import type { ParsedLanguage } from '../../src/index/language.js';
import { fromNodeModules } from '../helpers/corpus.js';

const CASES = new URL('../../bench/mentor/cases/', import.meta.url).pathname;
const caseText = (path: string): string => readFileSync(`${CASES}${path}`, 'utf8');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

async function facts(text: string, language: ParsedLanguage, start: number, end = start, keep?: (line: number) => boolean): Promise<CodeFacts> {
  const found = await codeFacts(text, language, start, end, keep);
  if (!found) throw new Error('no facts');
  return found;
}

/** A junior's empty catch around JSON.parse (bench case typescript/swallowed-error.ts), pointed at by its catch line. */
async function emptyCatchAroundParse(): Promise<CodeFacts> {
  const text = caseText('typescript/swallowed-error.ts');
  return facts(text, 'typescript', lineOf(text, 'catch (e) {}'));
}

describe('the code a note or a citation points at', () => {
  it('widens a catch line to its whole try statement, with the calls inside it', async () => {
    const learner = await emptyCatchAroundParse();
    expect(learner.startLine).toBe(14);
    expect(learner.endLine).toBe(16);
    expect(learner.calls.map(callLabel)).toEqual(['JSON.parse']);
    expect(learner.skeleton.map(skeletonLabel)).toEqual(['try(catch)']);
  });

  it('widens a function header line to the whole function', async () => {
    const text = caseText('python/no-timeout.py');
    const learner = await facts(text, 'python', lineOf(text, 'def fetchOrders'));
    expect([learner.startLine, learner.endLine]).toEqual([6, 10]);
    expect(learner.calls.map(callLabel)).toEqual(['requests.get', 'response.raise_for_status', 'response.json']);
  });

  it('keeps only the calls on the lines it is told to keep (the changed ones)', async () => {
    const text = caseText('python/no-timeout.py');
    const learner = await facts(text, 'python', 6, 6, (line) => line !== 7);
    expect(learner.calls.map(callLabel)).toEqual(['response.raise_for_status', 'response.json']);
  });

  it('leaves out builtins, conversions, maths and plain collections every function calls', async () => {
    const python = await facts('def size(items):\n    return len(items) + int(str(sum(items)))\n', 'python', 1);
    expect(python.calls).toEqual([]);
    const javascript = await facts('function f(xs) {\n  return new Set(xs.map((x) => Math.round(Number(x))));\n}\n', 'javascript', 1);
    expect(javascript.calls.map(callLabel)).toEqual(['xs.map']);
  });

  it('names a constructor call `new` and a call on an expression `?`', async () => {
    const learner = await facts('function f(url) {\n  return fetch(new URL(url)).then((r) => r.json());\n}\n', 'javascript', 1);
    expect(learner.calls.map(callLabel).sort()).toEqual(['?.then', 'fetch', 'new URL', 'r.json']);
  });

  it('nests control statements and reads an else-if chain as one statement', async () => {
    const text = 'def f(rows):\n    for row in rows:\n        try:\n            if row:\n                pass\n            elif row is None:\n                raise ValueError(row)\n        except KeyError:\n            pass\n';
    const learner = await facts(text, 'python', 1);
    expect(learner.skeleton.map(skeletonLabel)).toEqual(['loop(try(if(throw),catch))']);
  });

  it('has nothing to say about a language without a grammar here', async () => {
    expect(await codeFacts('puts 1\n', 'ruby', 1, 1)).toBeUndefined();
  });
});

describe('sameCall', () => {
  it.each([
    [{ name: 'send', qualifier: 'client' }, { name: 'send', qualifier: 'httpClient' }, true],
    [{ name: 'json', qualifier: 'res' }, { name: 'json', qualifier: 'response' }, true],
    [{ name: 'readFile', qualifier: '' }, { name: 'readFile', qualifier: 'fs' }, true],
    [{ name: 'get', qualifier: 'requests' }, { name: 'get', qualifier: 'session' }, false],
    [{ name: 'get', qualifier: 'this' }, { name: 'get', qualifier: 'requests' }, false],
    [{ name: 'get', qualifier: 'this' }, { name: 'get', qualifier: 'this' }, true],
    [{ name: 'FileReader', qualifier: 'new' }, { name: 'FileReader', qualifier: '' }, false],
    [{ name: 'then', qualifier: '?' }, { name: 'then', qualifier: '?' }, false],
    [{ name: 'parse', qualifier: 'JSON' }, { name: 'stringify', qualifier: 'JSON' }, false],
  ])('%o and %o: %s', (a, b, same) => {
    expect(sameCall(a, b)).toBe(same);
  });
});

describe('compareCode on real golden code', () => {
  it('finds the try { JSON.parse } that rethrows comparable to an empty catch around JSON.parse', async () => {
    const sdk = fromNodeModules('@anthropic-ai/sdk/src/core/credentials.ts').toString('utf8');
    const line = lineOf(sdk, 'config = JSON.parse(configRaw)');
    const golden = await facts(sdk, 'typescript', line + 1, line + 3);
    const comparison = compareCode(await emptyCatchAroundParse(), golden);
    expect(comparison.sharedCalls).toEqual(['JSON.parse']);
    expect(comparison.guardedCalls).toEqual(['JSON.parse in try']);
    expect(comparison.comparable).toBe(true);
  });

  it('does not find a try/catch around an lstat comparable to one around JSON.parse: the same two statements are not a shape', async () => {
    const eslint = fromNodeModules('eslint/lib/eslint/eslint-helpers.js').toString('utf8');
    const line = lineOf(eslint, 'fileStats = fs.lstatSync(resolvedCacheFile)');
    const golden = await facts(eslint, 'javascript', line + 1, line + 3);
    expect(golden.skeleton.map(skeletonLabel)).toEqual(['try(catch)']);
    const comparison = compareCode(await emptyCatchAroundParse(), golden);
    expect(comparison).toEqual({ sharedCalls: [], guardedCalls: [], sharedSkeleton: undefined, comparable: false });
  });

  it('finds golden code calling requests.get with a timeout comparable to a call without one, and a session\'s get too (requests.get is a Session\'s)', async () => {
    const text = caseText('python/no-timeout.py');
    const learner = await facts(text, 'python', lineOf(text, 'requests.get('));
    const withRequests = await facts('def latest(url):\n    response = requests.get(url, timeout=10)\n    return response\n', 'python', 2);
    const withSession = await facts('def latest(session, url):\n    return session.get(url, timeout=10)\n', 'python', 2);
    expect(compareCode(learner, withRequests).sharedCalls).toEqual(['requests.get']);
    expect(compareCode(learner, withSession).sharedCalls).toEqual(['requests.get']);
    const withCursor = await facts('def latest(cursor, url):\n    return cursor.get(url)\n', 'python', 2);
    expect(compareCode(learner, withCursor).comparable).toBe(false);
  });

  it('shares the reader constructors with a try-with-resources, but not the statement they are made in', async () => {
    const text = caseText('java/resource-leak.java');
    const learner = await facts(text, 'java', lineOf(text, 'new FileReader'));
    const golden = await facts('class R {\n  String first(String file) throws IOException {\n    try (BufferedReader in = new BufferedReader(new FileReader(file))) {\n      return in.readLine();\n    }\n  }\n}\n', 'java', 2);
    const comparison = compareCode(learner, golden);
    expect(comparison.sharedCalls.sort()).toEqual(['new BufferedReader', 'new FileReader']);
    expect(comparison.guardedCalls).toEqual([]);
    expect(comparison.comparable).toBe(true);
  });

  it('finds a shared control skeleton of three statements when no call is shared', async () => {
    const learner = await facts('func f(rows []Row) {\n\tfor _, r := range rows {\n\t\tif r.OK {\n\t\t\tif r.N > 0 {\n\t\t\t\tkeep(r)\n\t\t\t}\n\t\t}\n\t}\n}\n', 'go', 1);
    const golden = await facts('func g(feeds []Feed) {\n\tfor _, f := range feeds {\n\t\tif f.Enabled {\n\t\t\tif f.Due() {\n\t\t\t\trefresh(f)\n\t\t\t}\n\t\t}\n\t}\n}\n', 'go', 1);
    expect(compareCode(learner, golden)).toMatchObject({ sharedCalls: [], sharedSkeleton: 'loop(if(if))', comparable: true });
  });
});

describe('receivers of one kind', () => {
  const shared = async (learner: [string, ParsedLanguage, string], golden: [string, ParsedLanguage, string]) => {
    const [learnerText, learnerLanguage, learnerLine] = learner;
    const [goldenText, goldenLanguage, goldenLine] = golden;
    const l = await facts(learnerText, learnerLanguage, lineOf(learnerText, learnerLine));
    const g = await facts(goldenText, goldenLanguage, lineOf(goldenText, goldenLine));
    return compareCode(l, g).sharedCalls;
  };

  it('pair a constructed receiver with a field of that class, and variables declared with one type', async () => {
    const golden = 'class Handshake {\n  private static final SecureRandom random = new SecureRandom();\n  private final MessageDigest sha1;\n  static String nonce() {\n    byte[] bytes = new byte[16];\n    Handshake.random.nextBytes(bytes);\n    return encode(bytes);\n  }\n  String accept(String key) {\n    return hex(this.sha1.digest(key.getBytes()));\n  }\n}\n';
    expect(await shared([caseText('java/weak-random.java'), 'java', 'nextBytes'], [golden, 'java', 'random.nextBytes'])).toEqual(['?.nextBytes']);
    expect(await shared([caseText('java/password-hash.java'), 'java', 'digest.digest'], [golden, 'java', 'sha1.digest'])).toEqual(['digest.digest']);
  });

  it('read a call\'s declared result and the class `self` is in', async () => {
    const prefs = 'class Prefs {\n  private static PlatformLogger getLogger() { return PlatformLogger.getLogger("prefs"); }\n  void setUp() {\n    getLogger().info("Created user preferences directory.");\n  }\n}\n';
    expect(await shared([caseText('java/logged-secret.java'), 'java', 'LOGGER.info'], [prefs, 'java', 'getLogger().info'])).toEqual(['LOGGER.info']);
    const client = 'class APIClient(requests.Session):\n    def _post(self, url, **kwargs):\n        return self.post(url, **kwargs)\n';
    expect(await shared([caseText('python/swallowed-error.py'), 'python', 'client.post'], [client, 'python', 'self.post'])).toEqual(['client.post']);
  });

  it('take a package whose functions are its default client\'s methods for that client', async () => {
    const health = 'package cli\n\nfunc check(url string) {\n\tclient := &http.Client{Timeout: 3 * time.Second}\n\tresp, err := client.Get(url)\n\t_ = resp\n\t_ = err\n}\n';
    const rates = 'package rates\n\nfunc latest(url string) {\n\tresp, err := http.Get(url)\n\t_ = resp\n\t_ = err\n}\n';
    expect(await shared([rates, 'go', 'http.Get'], [health, 'go', 'client.Get'])).toEqual(['http.Get']);
    const session = 'import requests\n\ndef latest(url):\n    session = requests.Session()\n    return session.get(url, timeout=10)\n';
    expect(await shared([caseText('python/no-timeout.py'), 'python', 'requests.get('], [session, 'python', 'session.get'])).toEqual(['requests.get']);
  });

  it('pair calls on the same inner call, and never by a plain data type or a different class', async () => {
    const temp = "function tempFile(cached) {\n  return cached + '.' + Math.random().toString(16).slice(2) + '.tmp';\n}\n";
    expect(await shared([caseText('javascript/weak-random.js'), 'javascript', 'Math.random()'], [temp, 'javascript', 'Math.random()'])).toEqual(['?.toString']);
    const lists = 'function names(xs: Item[]): string[] {\n  const out: string[] = [];\n  for (const x of xs) out.push(x.name);\n  return out;\n}\n';
    const other = 'function f(rows: string[]) {\n  const seen: string[] = [];\n  seen.push(rows[0]);\n}\n';
    expect(await shared([other, 'typescript', 'seen.push'], [lists, 'typescript', 'out.push'])).toEqual([]);
    const session = 'class Fetcher {\n  private http: HttpSession;\n  load(u: string) { return this.http.post(u); }\n}\n';
    const transport = 'class Relay {\n  private transport: SmtpClient;\n  relay(u: string) { return this.transport.post(u); }\n}\n';
    const mailer = 'class Mailer {\n  private smtp: SmtpClient;\n  send(m: string) { return this.smtp.post(m); }\n}\n';
    expect(await shared([mailer, 'typescript', 'smtp.post'], [session, 'typescript', 'http.post'])).toEqual([]);
    expect(await shared([mailer, 'typescript', 'smtp.post'], [transport, 'typescript', 'transport.post'])).toEqual(['smtp.post']);
  });
});
