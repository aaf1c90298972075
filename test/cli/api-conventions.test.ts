import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createRepo, removeTempDirs, tempDir, type TestRepo } from '../helpers/git.js';

afterAll(removeTempDirs);

/** One client module of a golden Python service: every request has a timeout and is checked. */
function client(resource: string): string {
  return [
    '"""Client for the ' + resource + ' API."""',
    'import requests',
    '',
    'BASE_URL = "https://api.example.com"',
    '',
    '',
    `def get_${resource}(item_id):`,
    `    response = requests.get(f"{BASE_URL}/${resource}/{item_id}", timeout=10)`,
    '    response.raise_for_status()',
    '    return response.json()',
    '',
    '',
    `def list_${resource}(page):`,
    `    response = requests.get(f"{BASE_URL}/${resource}", params={"page": page}, timeout=10)`,
    '    response.raise_for_status()',
    '    return response.json()',
    '',
  ].join('\n');
}

const RESOURCES = ['users', 'teams', 'projects', 'invoices', 'orders', 'payments', 'refunds', 'reports', 'tickets', 'events', 'audits', 'webhooks'];

/** The learner's new module: a request with no timeout. */
const REPOS = ['import requests', '', '', 'def get_repo(name):', '    response = requests.get(f"https://api.example.com/repos/{name}")', '    response.raise_for_status()', '    return response.json()', ''].join('\n');

let learner: TestRepo;
const env = () => ({ ARCHANGEL_CACHE_DIR: tempDir() });

beforeAll(() => {
  const golden = createRepo();
  golden.commit('clients', Object.fromEntries(RESOURCES.map((r) => [`service/clients/${r}.py`, client(r)])));
  learner = createRepo();
  learner.commit('start', { 'archangel.json': JSON.stringify({ golden: [{ path: golden.dir, name: 'service' }] }), '.gitignore': '.archangel/\n', 'app/__init__.py': '' });
  expect(runCli(learner.dir, ['index', '--quiet'], env()).status).toBe(0);
  writeFileSync(join(learner.dir, 'app/repos.py'), REPOS);
  learner.git('add', '-N', 'app/repos.py');
}, 120_000);

describe('API-usage conventions, from index to notes', () => {
  it('lists the habit with its numbers, and `check` reports the call without it', () => {
    const conventions = runCli(learner.dir, ['conventions', '--lang', 'python', '--json'], env());
    expect(conventions.status, conventions.stderr).toBe(0);
    const timeout = (JSON.parse(conventions.stdout) as Array<{ id: string; statement: string; support: number; enforced: boolean }>).find((c) => c.id === 'py.api.requests.get.timeout');
    expect(timeout).toMatchObject({ statement: '`requests.get` calls pass `timeout=`', support: 24, enforced: true });
    expect(runCli(learner.dir, ['conventions', '--lang', 'python'], env()).stdout).toMatch(/py\.api\.requests\.get\.timeout\s+24\s+100%\s+on\s+`requests\.get` calls pass `timeout=`/);

    const check = runCli(learner.dir, ['check', 'app/repos.py', '--json'], env());
    expect(check.status, check.stderr).toBe(0);
    const findings = JSON.parse(check.stdout).findings as Array<{ ruleId: string; startLine: number; call: unknown; examples: Array<{ path: string; startLine: number }> }>;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'py.api.requests.get.timeout', startLine: 5, call: { callee: 'requests.get', aspect: 'option', option: 'timeout' } });
    expect(findings[0]?.examples[0]?.path).toMatch(/^service\/clients\//);
  });

  it('has the offline mentor ask about the call first and cite a golden call', () => {
    const review = runCli(learner.dir, ['review', '--format', 'json'], env());
    expect(review.status, review.stderr).toBe(0);
    const { notes } = JSON.parse(review.stdout) as { notes: Array<{ topic: string; startLine: number; ladder: Array<{ level: number; text: string }>; evidence: Array<{ kind: string; citation?: { path: string } }> }> };
    const note = notes.find((n) => n.topic === 'py.api.requests.get.timeout');
    expect(note?.startLine).toBe(5);
    expect(note?.ladder[0]?.text).toMatch(/^On line 5, `requests\.get` runs with one of its options left at the library's default: .*\?$/);
    expect(note?.ladder[0]?.text).not.toContain('timeout');
    expect(note?.ladder[1]?.text).toContain('24 of 24 golden calls (100%) set this option, while here `requests.get` is called without `timeout=`.');
    expect(note?.ladder[3]?.text).toContain('+    response = requests.get(f"https://api.example.com/repos/{name}", timeout=10)');
    expect(note?.evidence.some((e) => e.kind === 'golden' && e.citation?.path.startsWith('service/clients/'))).toBe(true);
  });

  it('writes the habit into CODE_STYLE.md with a golden call as its example', () => {
    const docs = runCli(learner.dir, ['docs', '--only', 'style', '--offline'], env());
    expect(docs.status, docs.stderr).toBe(0);
    const style = readFileSync(join(learner.dir, 'docs/archangel/CODE_STYLE.md'), 'utf8');
    expect(style).toContain('- Calls: [`requests.get` checked with `.raise_for_status()`](#py.api.requests.get.checked); [`requests.get` with `timeout=`](#py.api.requests.get.timeout).');
    const section = style.slice(style.indexOf('### `requests.get` calls pass `timeout=` <a id="py.api.requests.get.timeout"></a>'));
    expect(section).toMatch(/^### .*\n\n`py\.api\.requests\.get\.timeout` · 24 cases · 100% follow · enforced\n\n\*\*Do\*\*, as in `service service\/clients\/\w+\.py:\d+-\d+`:\n\n```python\n {4}response = requests\.get\(.*timeout=10\)\n {4}response\.raise_for_status\(\)\n```/);
    expect(section).toContain("**Don't** (illustrative): `requests.get` called without `timeout=`.\n\n```python\nresponse = requests.get(f\"{BASE_URL}/");
  });
});
