import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { fromNodeModules, treeFromNodeModules } from '../../helpers/corpus.js';
import { createRepo, removeTempDirs, type TestRepo } from '../../helpers/git.js';
import { configReadIn } from '../../../src/review/secrets/config-reads.js';

/**
 * A credential's note shows how the golden code reads configuration, even when nothing in the
 * golden code looks like the lines around the credential. Golden: zod's v4 core (schemas, no
 * configuration) and the Anthropic SDK's `env.ts` (which reads `process.env`), neither written
 * here. The token is built at run time.
 */

const TOKEN = `ghp_${'Q8w7E6r5T4'.repeat(3)}zyxwvu`;
let learner: TestRepo;

beforeAll(() => {
  const golden = createRepo();
  golden.commit('golden', { ...treeFromNodeModules('zod/src/v4/core', /\.ts$/), 'utils/env.ts': fromNodeModules('@anthropic-ai/sdk/src/internal/utils/env.ts') });
  learner = createRepo();
  learner.commit('start', { 'archangel.json': JSON.stringify({ golden: [{ path: golden.dir, name: 'golden' }] }), '.gitignore': '.archangel/\n', 'src/user.ts': 'export {};\n' });
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
}, 120_000);
afterAll(removeTempDirs);

it('is golden code that reads the environment, found by what it does when no code like these lines does it', () => {
  const file = [
    "import * as z from 'zod';",
    '',
    `const apiToken = '${TOKEN}';`,
    '',
    'export const User = z.object({ name: z.string().min(1), email: z.string().email() });',
    '',
    'export function parseUser(input: unknown) {',
    '  return { user: User.safeParse(input), apiToken };',
    '}',
  ];
  writeFileSync(join(learner.dir, 'src/user.ts'), `${file.join('\n')}\n`);
  const result = runCli(learner.dir, ['review', '--format', 'json']);
  const { notes } = JSON.parse(result.stdout) as { notes: Array<{ topic: string; evidence: Array<{ kind: string; snippet?: string }> }> };
  const note = notes.find((n) => n.topic === 'ts.secrets.github-token');
  expect(note, result.stdout).toBeDefined();
  expect(note?.evidence.find((e) => e.kind === 'golden')?.snippet).toMatch(/process\.env/);
  expect(result.stdout).not.toContain(TOKEN);
});

it('is the same for a signing key found by where it goes, whatever it looks like', () => {
  const file = ["import jwt from 'jsonwebtoken';", '', 'export function issue(user: { id: string }) {', "  return jwt.sign({ id: user.id }, 'mysecretkey', { expiresIn: '1h' });", '}'];
  writeFileSync(join(learner.dir, 'src/user.ts'), `${file.join('\n')}\n`);
  const result = runCli(learner.dir, ['review', '--format', 'json']);
  const { notes } = JSON.parse(result.stdout) as { notes: Array<{ topic: string; ladder: Array<{ text: string }>; evidence: Array<{ kind: string; snippet?: string; why?: string }> }> };
  const note = notes.find((n) => n.topic === 'ts.pitfalls.tree-sitter.js.hardcoded-signing-key');
  expect(note, result.stdout).toBeDefined();
  const golden = note?.evidence.find((e) => e.kind === 'golden');
  expect(golden?.snippet).toMatch(/process\.env/);
  expect(golden?.why).toMatch(/reads its configuration/);
  // env.ts signs nothing: it is shown for the fix, and said to be other code than the learner's.
  expect(golden).toMatchObject({ comparable: false, fix: 'reads its configuration instead of holding it' });
  // What --dry-run and the model are told says the same as rung 3.
  expect(golden?.why).toMatch(/^other code than these lines/);
  expect(note?.ladder[2]?.text).toContain('(other code than yours: it reads its configuration instead of holding it)');
});

it('is code that reads configuration, not a comment that mentions it', () => {
  const text = ['/**', " * Defaults to process.env['ACME_KEY'].", ' */', 'export function apiKey(): string | undefined {', "  return process.env['ACME_KEY']?.trim();", '}'].join('\n');
  expect(configReadIn(text, 'typescript')).toEqual({ start: 5, end: 5 });
  expect(configReadIn('# read os.environ["X"] in production\nvalue = 3\n', 'python')).toBeUndefined();
});

it('is the process environment, not a WSGI environ that holds the request', () => {
  const wsgi = 'def application(environ, start_response):\n    path = environ.get("PATH_INFO") or "/"\n    return index(path)\n';
  expect(configReadIn(wsgi, 'python')).toBeUndefined();
  expect(configReadIn('import os\n\nKEY = os.environ.get("API_KEY")\n', 'python')).toEqual({ start: 3, end: 3 });
  expect(configReadIn('from os import environ\n\nKEY = environ["API_KEY"]\n', 'python')).toEqual({ start: 3, end: 3 });
});
