import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/cli.js';
import { startFakeAnthropic } from '../helpers/fake-anthropic.js';
import { removeTempDirs, type TestRepo } from '../helpers/git.js';
import { learnerRepo, zodGolden } from '../helpers/learner.js';

/**
 * A credential in a change is taught, not only masked: the first note names its kind and line,
 * never its value (on screen, in state.db, in the audit log), and `--fail-on error` stops it.
 * The values are built at run time: never a literal secret in this repository.
 */
const STRIPE = `sk_${'live'}_${'4eC39HqLyjWDarjt'}${'T1zdp7dc'}`;
const GITHUB = `ghp_${'Q8w7E6r5T4'.repeat(3)}zyxwvu`;

const CHARGE = `
export function chargeCustomer(amount: number): Promise<Response> {
  const stripeKey = "${STRIPE}";
  return fetch("https://api.stripe.com/v1/charges", { method: "POST", headers: { Authorization: \`Bearer \${stripeKey}\` }, body: String(amount) });
}
`;

let learner: TestRepo;

beforeAll(() => {
  learner = learnerRepo(zodGolden());
  expect(runCli(learner.dir, ['index', '--quiet']).status).toBe(0);
}, 120_000);
afterAll(removeTempDirs);

type Json = { notes: Array<{ topic: string; severity: string; startLine: number; ladder: Array<{ text: string }> }> };
const review = (...args: string[]) => runCli(learner.dir, ['review', ...args]);

describe('a credential in the change', () => {
  it('is the first note, by kind and line, and blocks a commit at --fail-on error', () => {
    writeFileSync(join(learner.dir, 'src/charge.ts'), CHARGE);
    const result = review('--format', 'json');
    expect(result.status, result.stderr).toBe(0);
    const { notes } = JSON.parse(result.stdout) as Json;
    expect(notes[0]).toMatchObject({ topic: 'ts.secrets.stripe-key', severity: 'error', startLine: 3 });
    expect(notes[0]!.ladder[0]!.text).toMatch(/^Line 3 holds a Stripe secret key: .*\?$/);
    // The change rung reads it from the environment, the team's way, under the variable's name.
    expect(notes[0]!.ladder[3]!.text).toContain('+  const stripeKey = process.env.STRIPE_KEY;');
    expect(result.stdout).not.toContain(STRIPE);
    expect(review('--fail-on', 'error').status).toBe(10);
    expect(readFileSync(join(learner.dir, '.archangel', 'state.db')).includes(STRIPE)).toBe(false);
  });

  it('never reaches the model, the audit log or the request, and the model is told it comes first', async () => {
    writeFileSync(join(learner.dir, 'src/charge.ts'), CHARGE);
    const fake = await startFakeAnthropic({ script: [{ kind: 'reply', text: '<none/>' }] });
    try {
      const result = await runCliAsync(learner.dir, ['review'], { ANTHROPIC_API_KEY: 'sk-ant-fake', ANTHROPIC_BASE_URL: fake.url });
      expect(result.status, result.stderr).toBe(0);
      const body = JSON.stringify(fake.requests[0]?.body);
      expect(body).not.toContain(STRIPE);
      expect(body).toMatch(/ts\.secrets\.stripe-key \(security, error\)/);
      expect(readFileSync(join(learner.dir, '.archangel', 'audit.log'), 'utf8')).not.toContain(STRIPE);
    } finally {
      await fake.close();
    }
  });

  it('is taught in a language the golden code teaches nothing about', () => {
    writeFileSync(join(learner.dir, 'src/charge.ts'), 'export const x = 1;\n');
    writeFileSync(join(learner.dir, 'deploy.py'), `import requests\n\nGITHUB_TOKEN = "${GITHUB}"\n`);
    const { notes } = JSON.parse(review('--format', 'json').stdout) as Json;
    expect(notes[0]).toMatchObject({ topic: 'py.secrets.github-token', severity: 'error', startLine: 3 });
    expect(notes[0]!.ladder[3]!.text).toContain('+GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]');
  });

  it('warns in a test file, and says nothing on a line marked as a made-up fixture (still redacted)', () => {
    writeFileSync(join(learner.dir, 'deploy.py'), 'import requests\n');
    mkdirSync(join(learner.dir, 'test'), { recursive: true });
    writeFileSync(join(learner.dir, 'test/charge.test.ts'), `export const key = "${STRIPE}";\nexport const fake = "${STRIPE}"; // gitleaks:allow\n`);
    const { notes } = JSON.parse(review('--format', 'json').stdout) as Json;
    const secrets = notes.filter((n) => n.topic.includes('.secrets.'));
    expect(secrets.map((n) => [n.startLine, n.severity])).toEqual([[1, 'warn']]);
    expect(review('--fail-on', 'error').status).toBe(0);
    const dry = runCli(learner.dir, ['review', '--dry-run'], { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' });
    expect(dry.stdout).toContain('test/charge.test.ts');
    expect(dry.stdout).not.toContain(STRIPE);
  });

  it('is found when split over string literals on two lines', () => {
    rmSync(join(learner.dir, 'test'), { recursive: true, force: true });
    writeFileSync(join(learner.dir, 'src/charge.ts'), `export const stripeKey = "${STRIPE.slice(0, 12)}" +\n  "${STRIPE.slice(12)}";\n`);
    const result = review('--format', 'json');
    const { notes } = JSON.parse(result.stdout) as Json;
    expect(notes[0]).toMatchObject({ topic: 'ts.secrets.stripe-key', severity: 'error', startLine: 1 });
    expect(result.stdout).not.toContain(STRIPE.slice(12));
  });

  it('in a .env file git can see is never read, and the note says to keep the file out of git', () => {
    writeFileSync(join(learner.dir, 'src/charge.ts'), 'export const x = 1;\n');
    writeFileSync(join(learner.dir, '.env'), `STRIPE_KEY=${STRIPE}\n`);
    const result = review('--format', 'json');
    const { notes } = JSON.parse(result.stdout) as Json;
    expect(notes[0]).toMatchObject({ topic: 'file.secrets.secret-file', severity: 'error' });
    expect(notes[0]!.ladder[3]!.text).toContain("echo '.env' >> .gitignore");
    expect(result.stdout).not.toContain(STRIPE);
    // Ignored, it is no longer the learner's change.
    writeFileSync(join(learner.dir, '.gitignore'), '.archangel/\n.env\n');
    expect((JSON.parse(review('--format', 'json').stdout) as Json).notes.map((n) => n.topic)).not.toContain('file.secrets.secret-file');
  });
});
