import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';
import { removeTempDirs, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, USERS_START, zodGolden } from '../helpers/learner.js';

/**
 * A Messages endpoint that accepts every request and never answers. `review` and the commit hook
 * must end within their bound, say what they are waiting for, and fall back to the offline mentor.
 */

let learner: TestRepo;
let fake: FakeAnthropic;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  learner = learnerRepo(zodGolden());
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
  writeFileSync(join(learner.dir, 'src/users.ts'), `${USERS_START}${SWALLOWED_ERROR}`);
  fake = await startFakeAnthropic({ script: [{ kind: 'hang' }] });
  env = { ANTHROPIC_API_KEY: 'sk-ant-fake', ANTHROPIC_BASE_URL: fake.url };
}, 120_000);

afterAll(async () => {
  await fake.close();
  removeTempDirs();
});

describe('a silent model endpoint', () => {
  it('review says what it waits for, then the offline mentor answers at --timeout', async () => {
    const result = await runCliAsync(learner.dir, ['review', '--timeout', '4'], env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`note: Waiting for Claude (claude-haiku-5-5 at ${fake.url}) to start answering. The offline mentor answers if no note comes within 4 s.`);
    expect(result.stderr).toContain(`note: Claude (claude-haiku-5-5 at ${fake.url}) gave no note within 4 s. The offline mentor answers instead.`);
    expect(result.stdout).toMatch(/src\/users\.ts:\d+/);
    expect(fake.requests.length).toBeGreaterThan(0);
  }, 60_000);

  it('does not hold a commit: the hook gives the model its bound, then the offline mentor decides', () => {
    expect(runCli(learner.dir, ['hook', 'install', '--fail-on', 'info']).status).toBe(0);
    learner.git('add', 'src/users.ts');
    const commit = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-m', 'loader'], { cwd: learner.dir, encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1' }, timeout: 60_000 });
    expect(commit.error).toBeUndefined();
    expect(commit.stderr).toContain('gave no note within 10 s. The offline mentor answers instead.');
    // The offline mentor's notes reach --fail-on info: the commit is stopped by them, not by the wait.
    expect(commit.status).not.toBe(0);
    expect(commit.stdout + commit.stderr).toMatch(/src\/users\.ts:\d+/);
  }, 60_000);
});
