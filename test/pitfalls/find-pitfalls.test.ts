import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closePitfalls, findPitfalls } from '../../src/pitfalls/find-pitfalls.js';
import { readGoldenLinterConfig } from '../../src/pitfalls/golden-config/read.js';
import { createRepo, removeTempDirs } from '../helpers/git.js';

const SERVICE = `import requests


def add(item, items=[]):
    items.append(item)
    return items


def fetch(url):
    return requests.get(url)
`;

const HANDLER = `export function parse(text: string) {
  try {
    return JSON.parse(text);
  } catch {}
  return eval(text);
}
`;

afterEach(removeTempDirs);
afterAll(closePitfalls);

describe('findPitfalls', () => {
  it('keeps only the pitfalls on changed lines', async () => {
    const file = { path: 'app/service.py', language: 'python' as const, text: SERVICE };
    expect((await findPitfalls(file)).pitfalls.map((p) => p.ruleId)).toEqual(['ruff/B006', 'ruff/S113']);
    expect((await findPitfalls(file, { changed: [{ start: 9, end: 10 }] })).pitfalls.map((p) => p.ruleId)).toEqual(['ruff/S113']);
    expect((await findPitfalls(file, { changed: [{ start: 5, end: 6 }] })).pitfalls).toEqual([]);
  });

  it('runs oxlint and the syntax checks together on TypeScript, most important first', async () => {
    const { pitfalls } = await findPitfalls({ path: 'src/handler.ts', language: 'typescript', text: HANDLER });
    expect(pitfalls.map((p) => `${p.concern} ${p.ruleId}`)).toEqual(['security oxlint/no-eval', 'correctness oxlint/no-empty']);
  });

  it('has nothing to say about a language no engine reads', async () => {
    expect(await findPitfalls({ path: 'notes.md', language: 'markdown', text: '# eval(x)\n' })).toEqual({ pitfalls: [], notices: [] });
  });

  it('does not raise a rule a golden repo turned off in its own linter config', async () => {
    const golden = createRepo();
    const commit = golden.commit('golden', {
      'pyproject.toml': '[tool.ruff.lint]\nextend-ignore = ["B006"]\n',
      'eslint.config.js': "export default [{ files: ['**/*.ts'], rules: { 'no-empty': 'off', '@typescript-eslint/no-explicit-any': ['off'] } }];\n",
      '.oxlintrc.json': '{ // oxlint reads comments\n  "rules": { "eslint/no-eval": 0, "no-debugger": "error" } }\n',
      'nested/ruff.toml': 'ignore = ["S113"]\n',
    });
    const { config, notices } = await readGoldenLinterConfig([{ name: 'acme/api', gitDir: golden.dir, commit }]);
    expect(notices).toEqual([]);
    expect(config.off).toEqual(['oxlint/no-empty', 'oxlint/no-eval', 'oxlint/typescript/no-explicit-any', 'ruff/B006']);

    const python = await findPitfalls({ path: 'app/service.py', language: 'python', text: SERVICE }, { goldenConfig: config });
    expect(python.pitfalls.map((p) => p.ruleId)).toEqual(['ruff/S113']);
    const typescript = await findPitfalls({ path: 'src/handler.ts', language: 'typescript', text: HANDLER }, { goldenConfig: config });
    expect(typescript.pitfalls).toEqual([]);
  });

  it('does not raise our own check of a pitfall whose ESLint rule a golden repo turned off', async () => {
    const golden = createRepo();
    const commit = golden.commit('golden', { 'eslint.config.js': "export default [{ rules: { '@typescript-eslint/no-floating-promises': 'off' } }];\n" });
    const { config } = await readGoldenLinterConfig([{ name: 'acme/web', gitDir: golden.dir, commit }]);
    const file = { path: 'src/sync.ts', language: 'typescript' as const, text: 'async function save(): Promise<void> {}\n\nexport function sync(): void {\n  save();\n}\n' };
    expect((await findPitfalls(file)).pitfalls.map((p) => p.ruleId)).toEqual(['tree-sitter/js/floating-async-call']);
    expect((await findPitfalls(file, { goldenConfig: config })).pitfalls).toEqual([]);
  });

  it('reads Ruff prefixes as Ruff does, at the pinned commit, not the working tree', async () => {
    const golden = createRepo();
    const commit = golden.commit('golden', { 'ruff.toml': '[lint]\nignore = ["S1"]\n' });
    golden.write({ 'ruff.toml': 'ignore = ["B"]\n' });
    const { config } = await readGoldenLinterConfig([{ name: 'acme/api', gitDir: golden.dir, commit }]);
    const { pitfalls } = await findPitfalls({ path: 'app/service.py', language: 'python', text: SERVICE }, { goldenConfig: config });
    expect(pitfalls.map((p) => p.ruleId)).toEqual(['ruff/B006']);
  });

  it('gives a notice for a golden config it cannot read and still uses the others', async () => {
    const golden = createRepo();
    const commit = golden.commit('golden', { 'ruff.toml': 'ignore = [\n', '.eslintrc.json': '{ "rules": { "no-eval": "off" } }' });
    const { config, notices } = await readGoldenLinterConfig([{ name: 'acme/api', gitDir: golden.dir, commit }]);
    expect(config.off).toEqual(['oxlint/no-eval']);
    expect(notices).toEqual([expect.stringMatching(/^acme\/api ruff\.toml could not be read \(.+\); the rules it turns off are still taught\.$/)]);
  });
});
