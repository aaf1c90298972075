import { afterAll, describe, expect, it } from 'vitest';
import { createRuffEngine } from '../../src/pitfalls/engines/ruff.js';
import { RUFF_RULES } from '../../src/pitfalls/engines/ruff-rules.js';
import { createPitfallFinder } from '../../src/pitfalls/find-pitfalls.js';
import { pitfallFindings } from '../../src/review/context/pitfall-findings.js';

const SERVICE = `import requests
import subprocess


def add(item, items=[]):
    items.append(item)
    return items


def run(name, db):
    subprocess.run(f"ls {name}", shell=True)
    requests.get("https://example.com")
    db.execute("SELECT * FROM users WHERE name = '" + name + "'")
    handle = open(name)
    try:
        handle.read()
    except:
        pass
`;

const finder = createPitfallFinder([createRuffEngine()]);
afterAll(() => finder.close());

describe('ruff pitfalls', () => {
  it('finds the issue’s Python pitfalls, on the lines they are on, security first, then the hidden faults', async () => {
    const { pitfalls, notices } = await finder.find({ path: 'app/service.py', language: 'python', text: SERVICE });
    expect(notices).toEqual([]);
    expect(pitfalls.map((p) => `${p.startLine} ${p.ruleId}`)).toEqual([
      '11 ruff/S602',
      '13 ruff/S608',
      // Faults nobody sees happen (a default shared between calls, an exception swallowed) before risks.
      '5 ruff/B006',
      '17 ruff/E722',
      '17 ruff/S110',
      '12 ruff/S113',
      '14 ruff/SIM115',
    ]);
    const mutable = pitfalls.find((p) => p.ruleId === 'ruff/B006');
    expect(mutable).toMatchObject({
      engine: 'ruff',
      concern: 'correctness',
      title: 'mutable default argument',
      docsUrl: 'https://docs.astral.sh/ruff/rules/mutable-argument-default/',
    });
    expect(mutable?.question).toMatch(/second time/);
  });

  it('says nothing of a shell given a fixed command (`os.system("cls")`), which Ruff itself calls safe, and still warns of a built one', async () => {
    const text = 'import os\nimport subprocess\n\n\ndef clear(name):\n    os.system("cls")\n    subprocess.run("ls -l", shell=True)\n    os.system("rm " + name)\n    os.system(\'cls\' if os.name == \'nt\' else \'clear\')\n    os.system(name if os.name == \'nt\' else \'clear\')\n';
    const { pitfalls } = await finder.find({ path: 'menu.py', language: 'python', text });
    // One of two fixed strings (the clear-screen idiom) is as fixed as one; a name on either side is not.
    expect(pitfalls.map((p) => `${p.startLine} ${p.ruleId}`)).toEqual(['8 ruff/S605', '10 ruff/S605']);
  });

  it('marks pickle of the program\'s own file as needing someone who can write it, and of bytes from a socket as certain', async () => {
    const text = 'import pickle\n\n\ndef load(conn):\n    accounts = pickle.load(open("accounts.pkl", "rb"))\n    message = pickle.loads(conn.recv(4096))\n    return accounts, message\n';
    const { pitfalls } = await finder.find({ path: 'bank.py', language: 'python', text });
    expect(pitfalls.filter((p) => p.ruleId === 'ruff/S301').map((p) => `${p.startLine} ${p.failure ?? 'risk'}`)).toEqual(['6 certain', '5 remote']);
  });

  it('says nothing about sound code, or about a file that does not parse yet', async () => {
    const sound = 'def add(item, items=None):\n    return [*(items or []), item]\n';
    expect((await finder.find({ path: 'a.py', language: 'python', text: sound })).pitfalls).toEqual([]);
    const halfTyped = 'def add(item, items=\n';
    expect(await finder.find({ path: 'a.py', language: 'python', text: halfTyped })).toEqual({ pitfalls: [], notices: [] });
  });

  it('gives one notice line when Ruff cannot load, and the review goes on', async () => {
    const broken = createPitfallFinder([createRuffEngine(['NOT-A-RULE'])]);
    const { pitfalls, notices } = await broken.find({ path: 'app/service.py', language: 'python', text: SERVICE });
    expect(pitfalls).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^ruff could not check app\/service\.py \(.*NOT-A-RULE.*\); the review goes on without it\.$/);
    expect(notices[0]).not.toMatch(/\n| {4}at /);
  });

  it('raises a certain NameError before a request that may hang, and a swallowed error before it too', async () => {
    const code = 'import requests\n\n\ndef check(url):\n    page = requests.get(url)\n    if page.status_code == 200:\n        send_mail()\n    try:\n        page.json()\n    except:\n        pass\n';
    const { pitfalls } = await finder.find({ path: 'scraper.py', language: 'python', text: code });
    expect(pitfalls.map((p) => `${p.startLine} ${p.ruleId} ${p.failure ?? 'risk'}`)).toEqual(['7 ruff/F821 certain', '10 ruff/E722 hidden', '10 ruff/S110 hidden', '5 ruff/S113 risk']);
    const findings = pitfallFindings('scraper.py', 'python', pitfalls, []);
    expect(findings.map((f) => `${f.startLine} ${f.severity} ${f.failure ?? 'risk'}`)).toEqual(['7 warn certain', '10 warn hidden', '5 warn risk']);
  });

  it('names every rule it turns on once', () => {
    const codes = RUFF_RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('makes a mutable default the function only reads a design matter, and keeps one it changes or lets out a fault', async () => {
    const code = `def only_read(path, required=[], seen={}):
    missing = [key for key in required if key not in path]
    if not seen and len(required) > 0:
        return missing
    for key in required:
        print(key, seen.get(key))
    return missing


def appended(item, cart=[]):
    cart.append(item)


def returned(cart=[]):
    return cart


def handed_on(cart=[]):
    save(cart)


def grown(cart=[]):
    cart += [1]


def set_item(counts={}):
    counts["a"] = 1


def rebound(cart=[]):
    cart = cart or load()
    def inner(cart):
        cart.append(1)
    return len(cart)
`;
    const { pitfalls } = await finder.find({ path: 'app/defaults.py', language: 'python', text: code });
    const defaults = pitfalls.filter((p) => p.ruleId === 'ruff/B006').map((p) => `${p.startLine} ${p.concern}`);
    expect(defaults.sort()).toEqual(['1 design', '1 design', '10 correctness', '14 correctness', '18 correctness', '22 correctness', '26 correctness', '30 design'].sort());
    const readOnly = pitfalls.find((p) => p.ruleId === 'ruff/B006' && p.startLine === 30);
    expect(readOnly?.message).toContain('`cart` is only read here');
  });
});
