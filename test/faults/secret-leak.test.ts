import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { removeTempDirs, type TestRepo } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';

/**
 * A committed private key replaced by another: the diff shows only body lines as removed (BEGIN and
 * END are unchanged context), and none of those lines, old or new, may reach a model.
 */
const pem = (): string => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const keyFile = (key: string): string => `export const pem = \`${key.trimEnd()}\`;\n`;
const bodyLines = (key: string): string[] => key.trim().split('\n').slice(1, -1);

let learner: TestRepo;
let fake: FakeAnthropic;
const [oldKey, newKey] = [pem(), pem()];

beforeAll(async () => {
  learner = learnerRepo(zodGolden());
  learner.commit('key', { 'src/key.ts': keyFile(oldKey) });
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  writeFileSync(join(learner.dir, 'src/key.ts'), keyFile(newKey));
  fake = await startFakeAnthropic({ script: [{ kind: 'reply', text: 'No notes.' }] });
}, 120_000);

afterAll(async () => {
  await fake.close();
  removeTempDirs();
});

function leaked(text: string): string[] {
  return [...bodyLines(oldKey), ...bodyLines(newKey)].filter((line) => text.includes(line));
}

describe('a private key replaced by another', () => {
  it('review --dry-run shows none of either key, removed lines included', () => {
    const result = runCli(learner.dir, ['review', '--dry-run'], { ANTHROPIC_API_KEY: 'sk-ant-fake', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('src/key.ts');
    expect(leaked(result.stdout)).toEqual([]);
    expect(result.stdout).toContain('[REDACTED:');
  });

  it('review and ask send none of either key to the Messages API', async () => {
    const env = { ANTHROPIC_API_KEY: 'sk-ant-fake', ANTHROPIC_BASE_URL: fake.url };
    const review = await runCliAsync(learner.dir, ['review'], env);
    expect(review.status, review.stderr).toBe(0);
    const ask = await runCliAsync(learner.dir, ['ask', 'why', 'is', 'this', 'key', 'here?'], env);
    expect(ask.status, ask.stderr).toBe(0);
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    const sent = fake.requests.map((request) => JSON.stringify(request.body).replaceAll('\\n', '\n')).join('\n');
    expect(sent).toContain('src/key.ts');
    expect(leaked(sent)).toEqual([]);
  }, 60_000);
});
