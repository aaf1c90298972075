import { describe, expect, it } from 'vitest';
import { exemplifies } from '../../src/conventions/exemplifies.js';
import { buildProfile, checkFile } from '../../src/conventions/index.js';
import { collectFacts } from '../../src/conventions/observe.js';
import { MIN_API_FILES } from '../../src/conventions/thresholds.js';
import type { GoldenFile, Profile } from '../../src/conventions/types.js';
import type { Language } from '../../src/index/language.js';
import { fromNodeModules } from '../helpers/corpus.js';
import { fixtureProfile, synthetic } from './golden.js';

/** Each external call the observer read: `line callee: signature`. */
async function sites(text: string, language: Language): Promise<string[]> {
  const facts = await collectFacts(text, language);
  return facts.facts.filter((f) => f.key.startsWith('api.')).map((f) => `${f.line} ${f.key.slice(4)}: ${f.value}`);
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const GOLDEN_PY = [
  'import requests',
  '',
  '',
  'def load_user(user_id):',
  '    response = requests.get(f"https://api.example.com/users/{user_id}", timeout=10)',
  '    response.raise_for_status()',
  '    return response.json()',
  '',
  '',
  'def load_team(team_id):',
  '    response = requests.get(f"https://api.example.com/teams/{team_id}", timeout=10)',
  '    response.raise_for_status()',
  '    return response.json()',
  '',
].join('\n');

/** A golden Python repo whose 24 `requests.get` calls all pass `timeout=` and check the response. */
async function requestsProfile(extra: GoldenFile[] = []): Promise<Profile> {
  return buildProfile([...(await synthetic(12, 'python', GOLDEN_PY, (i) => `app/clients/client_${i}.py`)), ...extra]);
}

describe('reading external calls', () => {
  it('python: names calls through their imports and reads options, try, check and with', async () => {
    const text = [
      'import requests as rq',
      'from subprocess import run',
      'import os.path',
      'from . import helpers',
      '',
      'def sync(url, **kwargs):',
      '    r = rq.get(url, timeout=5)',
      '    r.raise_for_status()',
      '    try:',
      '        run(["git", "pull"], check=True)',
      '    except OSError:',
      '        pass',
      '    try:',
      '        rq.post(url, **kwargs)',
      '    finally:',
      '        pass',
      '    with open(os.path.join("a", "b"), encoding="utf-8") as handle:',
      '        helpers.read(handle)',
      '    return undefined_name.get(url)',
    ].join('\n');
    expect(await sites(text, 'python')).toEqual([
      '7 requests.get: =timeout bind chk:raise_for_status',
      '10 subprocess.run: =check drop try',
      // A try with only `finally` catches nothing.
      '14 requests.post: ** drop',
      '17 open: =encoding with',
      '17 os.path.join: ',
    ]);
  });

  it('python: finds the check after the try a call sits in, and cites the try with what it catches', async () => {
    const text = [
      'import requests',
      '',
      'def load(url):',
      '    try:',
      '        response = requests.get(url, timeout=5)',
      '    except requests.ConnectionError as error:',
      '        raise RuntimeError("offline") from error',
      '    response.raise_for_status()',
      '    return response',
    ].join('\n');
    const [fact] = (await collectFacts(text, 'python')).facts.filter((f) => f.key === 'api.requests.get');
    expect(fact).toMatchObject({ value: '=timeout bind chk:raise_for_status try', line: 5, start: 4, end: 8 });
  });

  it('typescript: names calls through imports and requires, and reads awaits, options and checks', async () => {
    const text = [
      "import { readFile } from 'node:fs/promises';",
      "import * as fs from 'fs';",
      "import { parse } from './parse.js';",
      "const axios = require('axios');",
      'export async function load(url: string, init: RequestInit): Promise<unknown> {',
      '  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });',
      '  if (!res.ok) throw new Error(res.statusText);',
      '  fetch(url, init);',
      "  fs.promises.readFile('a').catch(() => undefined);",
      "  await Promise.all([readFile('b'), axios.get(url, { ...init })]);",
      '  try {',
      '    return JSON.parse(await res.text());',
      '  } catch (error) {',
      "    throw new Error('bad JSON', { cause: error });",
      '  }',
      '  parse(url);',
      '}',
    ].join('\n');
    expect(await sites(text, 'typescript')).toEqual([
      '6 fetch: =signal await bind chk:if',
      '8 fetch: ** drop',
      '9 fs.promises.readFile: chk:catch drop',
      '10 fs.promises.readFile: ret',
      '10 axios.get: ** ret',
      '12 JSON.parse: ret try',
    ]);
  });

  it('typescript: names scoped and sub-path modules with dots, since rule ids are CODE_STYLE.md anchors', async () => {
    const text = ["import Anthropic from '@anthropic-ai/sdk';", "import { z } from 'zod/v4';", "z.object({ 'Content Type': z.string() });", 'await Anthropic.messages.create({ model, max_tokens: 1 });'].join('\n');
    expect(await sites(text, 'typescript')).toEqual(['3 zod.v4.z.object: drop', '3 zod.v4.z.string: ', '4 anthropic-ai.sdk.messages.create: =max_tokens =model await drop']);
  });

  it('go: reads whether the error is checked and the result closed', async () => {
    const text = [
      'package feed',
      '',
      'import (',
      '\t"encoding/json"',
      '\tnethttp "net/http"',
      '\t"os"',
      ')',
      '',
      'func fetch(url string, v any) error {',
      '\tresp, err := nethttp.Get(url)',
      '\tif err != nil {',
      '\t\treturn err',
      '\t}',
      '\tdefer resp.Body.Close()',
      '\tif err := json.NewDecoder(resp.Body).Decode(v); err != nil {',
      '\t\treturn err',
      '\t}',
      '\tf, _ := os.Open("cache.json")',
      '\treturn json.Unmarshal(nil, f)',
      '}',
    ].join('\n');
    expect(await sites(text, 'go')).toEqual(['10 http.Get: bind chk:err with', '15 json.NewDecoder: ', '18 os.Open: bind', '19 json.Unmarshal: ret']);
  });

  it('java: names calls by the declared class of their receiver, and reads try and try-with-resources', async () => {
    const text = [
      'import java.net.http.HttpClient;',
      'class Sync {',
      '  private final HttpClient client = HttpClient.newHttpClient();',
      '  String run(HttpRequest request) throws Exception {',
      '    try (InputStream in = Files.newInputStream(path)) {',
      '      in.read();',
      '    }',
      '    try {',
      '      return this.client.send(request, BodyHandlers.ofString()).body();',
      '    } catch (IOException e) {',
      '      throw new IllegalStateException(e);',
      '    }',
      '  }',
      '}',
    ].join('\n');
    expect(await sites(text, 'java')).toEqual([
      '3 HttpClient.newHttpClient: bind',
      '5 Files.newInputStream: with',
      '6 InputStream.read: drop',
      '9 HttpClient.send: try',
      '9 BodyHandlers.ofString: try',
    ]);
  });
});

describe('learning API habits', () => {
  it('learns "calls to X pass Y" and "are checked" with support, confidence and the golden calls as examples', async () => {
    const profile = await requestsProfile();
    const timeout = profile.conventions.find((c) => c.id === 'py.api.requests.get.timeout');
    expect(timeout).toMatchObject({ category: 'api', enforced: true, support: 24, confidence: 1, statement: '`requests.get` calls pass `timeout=`', call: { callee: 'requests.get', aspect: 'option', option: 'timeout' } });
    // Examples are golden calls of requests.get, cited with the check that follows them.
    expect(timeout?.examples[0]).toMatchObject({ path: 'app/clients/client_0.py', startLine: lineOf(GOLDEN_PY, 'requests.get'), endLine: lineOf(GOLDEN_PY, 'raise_for_status') });
    expect(profile.conventions.find((c) => c.id === 'py.api.requests.get.checked')).toMatchObject({ enforced: true, statement: '`requests.get` results are checked right after the call, with `.raise_for_status()`', call: { form: 'raise_for_status' } });
    // Never awaited, never in a try: no habit to state.
    expect(profile.conventions.filter((c) => c.id.startsWith('py.api.requests.get.')).map((c) => c.id).sort()).toEqual(['py.api.requests.get.checked', 'py.api.requests.get.timeout']);
  });

  it(`states but never enforces a habit of fewer than ${MIN_API_FILES} files, such as one generated module's`, async () => {
    const generated = ['from google.protobuf import descriptor', ...Array.from({ length: 200 }, (_, i) => `F${i} = descriptor.FieldDescriptor(name="f${i}", index=${i}, number=${i + 1})`)].join('\n');
    const profile = buildProfile(await synthetic(1, 'python', generated, () => 'app/schema.py'));
    const name = profile.conventions.find((c) => c.id === 'py.api.google.protobuf.descriptor.FieldDescriptor.name');
    expect(name).toMatchObject({ support: 200, confidence: 1, enforced: false });
  });

  it('learns "calls to X are awaited" only for an API the golden code awaits, not a helper it returns', async () => {
    const golden = [
      "import { execFileSync } from 'node:child_process';",
      'export async function head(url: string): Promise<Response> {',
      "  const res = await fetch(url, { method: 'HEAD' });",
      '  return res;',
      '}',
      'export function version(): string {',
      "  return execFileSync('git', ['--version'], { encoding: 'utf8' });",
      '}',
    ].join('\n');
    const profile = buildProfile(await synthetic(25, 'typescript', golden, (i) => `src/probe-${i}.ts`));
    expect(profile.conventions.find((c) => c.id === 'ts.api.fetch.awaited')?.enforced).toBe(true);
    expect(profile.conventions.find((c) => c.id === 'ts.api.child_process.execFileSync.awaited')).toBeUndefined();
  });
});

describe('checking calls against API habits', () => {
  it('reports a call without the option and without the check, each with the golden calls that do it', async () => {
    const profile = await requestsProfile();
    const text = ['import requests', '', 'def load_repo(name):', '    response = requests.get(f"https://api.example.com/repos/{name}")', '    return response.json()', ''].join('\n');
    const findings = await checkFile(profile, { path: 'app/repos.py', language: 'python', text });
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['py.api.requests.get.checked', 'py.api.requests.get.timeout']);
    const timeout = findings.find((f) => f.ruleId === 'py.api.requests.get.timeout');
    expect(timeout).toMatchObject({
      severity: 'warn',
      startLine: 4,
      symbol: 'requests.get',
      observed: 'called without `timeout=`',
      expected: 'passes `timeout=`',
      call: { callee: 'requests.get', aspect: 'option', option: 'timeout' },
      message: '`requests.get` is called without `timeout=`. `requests.get` calls pass `timeout=`: 24 of 24 golden calls (100%).',
    });
    expect(timeout?.examples.length).toBeGreaterThan(0);
    expect(timeout?.examples.every((e) => e.path.startsWith('app/clients/') && GOLDEN_PY.split('\n')[e.startLine - 1]?.includes('requests.get('))).toBe(true);

    // Named as the learner wrote it; the rule and `call` say which callee that is.
    const aliased = await checkFile(profile, { path: 'app/repos.py', language: 'python', text: 'import requests as rq\nrq.get("https://example.com").raise_for_status()\n' });
    expect(aliased).toMatchObject([{ ruleId: 'py.api.requests.get.timeout', symbol: 'rq.get', call: { callee: 'requests.get' }, message: expect.stringMatching(/^`rq\.get` is called without `timeout=`\. `requests\.get` calls pass/) }]);
  });

  it('says nothing of calls that follow the habits, hide their options or hand their result on', async () => {
    const profile = await requestsProfile();
    const text = [
      'import requests',
      '',
      'def load_repo(name, **options):',
      '    response = requests.get(name, timeout=5)',
      '    response.raise_for_status()',
      '    other = requests.get(name, **options)',
      '    other.raise_for_status()',
      '    return requests.get(name, timeout=5)',
      '',
    ].join('\n');
    expect(await checkFile(profile, { path: 'app/repos.py', language: 'python', text })).toEqual([]);
  });

  it('holds JavaScript to the TypeScript fetch habits it has too few calls of its own to learn', async () => {
    const golden = ['export async function ping(url: string): Promise<boolean> {', '  const res = await fetch(url);', '  return res.ok;', '}'].join('\n');
    const profile = buildProfile(await synthetic(25, 'typescript', golden, (i) => `src/ping-${i}.ts`));
    const text = 'export function warm(url) {\n  fetch(url);\n}\n';
    const [finding] = await checkFile(profile, { path: 'scripts/warm.js', language: 'javascript', text });
    expect(finding).toMatchObject({ ruleId: 'ts.api.fetch.awaited', startLine: 2, observed: 'not awaited' });
    expect(finding?.message).toContain('(the golden TypeScript: too little JavaScript there to learn from)');
    // JavaScript with many fetch calls of its own, split on awaiting them, is a team that accepts both.
    const split = [...Array.from({ length: 12 }, () => '  await fetch(url);'), ...Array.from({ length: 12 }, () => '  fetch(url);')].join('\n');
    const mixed = buildProfile([...(await synthetic(25, 'typescript', golden, (i) => `src/ping-${i}.ts`)), ...(await synthetic(2, 'javascript', `async function warm(url) {\n${split}\n}\n`, (i) => `scripts/warm-${i}.js`))]);
    expect(await checkFile(mixed, { path: 'scripts/warm.js', language: 'javascript', text })).toEqual([]);
  });
});

describe('golden examples of API habits', () => {
  it('finds the habit in a golden function cut from its file, imports and all gone', async () => {
    const profile = await requestsProfile();
    const timeout = profile.conventions.find((c) => c.id === 'py.api.requests.get.timeout');
    if (!timeout) throw new Error('no convention');
    const chunk = GOLDEN_PY.split('\n').slice(3, 7).join('\n');
    expect(await exemplifies(chunk, 'python', timeout)).toEqual({ start: 2, end: 3 });
    // A function that also calls it without the habit is no example of it.
    const mixed = `${chunk}\n    requests.get("https://api.example.com/ping")\n`;
    expect(await exemplifies(mixed, 'python', timeout)).toBeUndefined();
  });
});

describe('API habits on bad input', () => {
  it('checks code in a language the golden repos do not have against nothing, without failing', async () => {
    const profile = await requestsProfile();
    const text = "import axios from 'axios';\nexport async function load(): Promise<void> {\n  await axios.get('/x');\n}\n";
    expect(await checkFile(profile, { path: 'src/load.ts', language: 'typescript', text })).toEqual([]);
    expect(await checkFile(profile, { path: 'cmd/load.go', language: 'go', text: 'package main\nimport "net/http"\nfunc main() { http.Get("/x") }\n' })).toEqual([]);
  });

  it('judges a one-line file like any other, and a call it cannot name not at all', async () => {
    const profile = await requestsProfile();
    const oneLine = await checkFile(profile, { path: 'app/one.py', language: 'python', text: 'import requests; requests.get("https://example.com").raise_for_status()' });
    expect(oneLine.map((f) => f.ruleId)).toEqual(['py.api.requests.get.timeout']);
    expect(await checkFile(profile, { path: 'app/one.py', language: 'python', text: 'requests.get("https://example.com")' })).toEqual([]);
  });

  it('reports a 5,000-line file once per habit, listing the other lines', async () => {
    const profile = await requestsProfile();
    const body = Array.from({ length: 2500 }, (_, i) => `    r${i} = requests.get(url, timeout=5)\n    r${i}.json()`).join('\n');
    const text = `import requests\n\ndef crawl(url):\n${body}\n`;
    expect(text.split('\n').length).toBeGreaterThan(5000);
    const findings = await checkFile(profile, { path: 'app/crawl.py', language: 'python', text });
    expect(findings.map((f) => f.ruleId)).toEqual(['py.api.requests.get.checked']);
    expect(findings[0]?.message).toContain('The same on 2499 more lines (6, 8, 10, 12, 14, …).');
  });

  it('reads minified and half-typed code without failing', async () => {
    const profile = await fixtureProfile();
    const minified = fromNodeModules('commander/lib/command.js').toString('utf8').replace(/\n\s*/g, ' ');
    await expect(checkFile(profile, { path: 'dist/command.min.js', language: 'javascript', text: minified })).resolves.toBeInstanceOf(Array);
    for (const [language, text] of [['python', 'import requests\nrequests.get(url, timeout='], ['typescript', "import fs from 'fs';\nawait fs.promises.readFile("], ['go', 'package x\nimport "os"\nfunc f() { f, err := os.Open('], ['java', 'class A { void f() { Files.readString(']] as const) {
      await expect(checkFile(await requestsProfile(), { path: `x.${language}`, language, text })).resolves.toBeInstanceOf(Array);
    }
  });
});
