import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/redact/index.js';
import { buildCorpus } from '../fixtures/secrets/corpus.js';

const { secrets, lookAlikes } = buildCorpus();
const optionsFor = (path: string | undefined) => (path === undefined ? {} : { path });

describe('redactSecrets on the seeded corpus', () => {
  it.each(secrets.map((s) => [s.format, s] as const))('hides every %s secret, line for line', async (_, sample) => {
    const result = await redactSecrets(sample.text, optionsFor(sample.path));
    for (const secret of sample.secrets) expect(result.text).not.toContain(secret);
    expect(result.text).toMatch(/\[REDACTED:[a-z0-9-]+\]/);
    expect(result.text.split('\n').length).toBe(sample.text.split('\n').length);
    expect(result.redactions.length).toBeGreaterThan(0);
    for (const redaction of result.redactions) {
      for (const secret of sample.secrets) expect(JSON.stringify(redaction)).not.toContain(secret);
    }
  });

  it.each(lookAlikes.map((l) => [l.format, l] as const))('leaves the %s look-alike unchanged', async (_, sample) => {
    const result = await redactSecrets(sample.text, optionsFor(sample.path));
    expect(result).toEqual({ text: sample.text, redactions: [] });
  });

  it('builds a different corpus from another seed (the values are generated, not fixed)', () => {
    expect(buildCorpus(1).secrets[0]?.secrets).not.toEqual(secrets[0]?.secrets);
  });
});

describe('redactSecrets markers and positions', () => {
  const token = 'gh' + 'p_' + 'Ab1'.repeat(12);

  it('names the kind of secret and the line it starts on, never its value', async () => {
    const result = await redactSecrets(`const a = 1;\n\nconst token = "${token}";\n`, { path: 'src/a.ts' });
    expect(result.text).toBe('const a = 1;\n\nconst token = "[REDACTED:github-token]";\n');
    expect(result.redactions).toEqual([{ rule: 'github-token', line: 3 }]);
  });

  it('keeps the host of a URL and hides only its password', async () => {
    const result = await redactSecrets('DATABASE_URL=postgres://app:Zq81mPw0xYv@db.internal:5432/app', { path: '.env' });
    expect(result.text).toBe('DATABASE_URL=postgres://app:[REDACTED:url-password]@db.internal:5432/app');
  });

  it('hides a Telegram bot token, a key in a URL\'s query and an OpenWeatherMap APPID, and keeps a query that names things', async () => {
    // Built from pieces, so no scanner reads a token in this file.
    const bot = ['6169575331', 'AAEbdTW60CMa24zsWcxA_42SAzi6QCC1M3M'].join(':');
    const hex = ['46a5f1f15caefb45', 'e9b1f9c2d3687e57'].join('');
    const code = [`bot = telebot.TeleBot('${bot}')`, `url = f"https://api.openweathermap.org/data/2.5/weather?q={city}&APPID=${hex}"`, `params = {'q': city, 'APPID': '${hex}'}`, 'search = "https://example.com/find?key=userName&token=abc"'].join('\n');
    const result = await redactSecrets(code, { path: 'bot.py' });
    expect(result.text).toBe(
      [
        "bot = telebot.TeleBot('[REDACTED:telegram-bot-token]')",
        'url = f"https://api.openweathermap.org/data/2.5/weather?q={city}&APPID=[REDACTED:url-key]"',
        "params = {'q': city, 'APPID': '[REDACTED:assigned-secret]'}",
        'search = "https://example.com/find?key=userName&token=abc"',
      ].join('\n'),
    );
  });

  it('hides a Discord bot token, and not a dotted name of the same length', async () => {
    // Built from pieces (the shape of the one a learner's casino bot committed), so no scanner reads a token in this file.
    const token = ['NjkwNzAwMjQzNDMxNDU2ODM4', 'XoPMjg', 'CvJPW5q2dEiYvF1kA3xq9ZbT0Ls'].join('.');
    const result = await redactSecrets(`bot.run("${token}")\nname = "Microsoft.Extensions.DependencyInjection.Abstractions"\n`, { path: 'bot.py' });
    expect(result.text).toBe('bot.run("[REDACTED:discord-bot-token]")\nname = "Microsoft.Extensions.DependencyInjection.Abstractions"\n');
  });

  it('hides an AWS secret key to the end of the token', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'Zx9Qw2Er4T';
    const result = await redactSecrets(`aws_secret_access_key = "${secret}"`, { path: 'aws.ini' });
    expect(result.text).toBe('aws_secret_access_key = "[REDACTED:aws-secret-key]"');
  });

  it('keeps the diff markers and line count of a private key added in a diff', async () => {
    const body = ['MIIEowIBAAKCAQEA' + 'x'.repeat(48), 'y'.repeat(64)];
    const diff = ['@@ -1 +1,5 @@', ' const k = `', '+-----BEGIN RSA PRIVATE KEY-----', ...body.map((l) => '+' + l), '+-----END RSA PRIVATE KEY-----', ' `;'].join('\n');
    const result = await redactSecrets(diff);
    expect(result.text).toBe(['@@ -1 +1,5 @@', ' const k = `', '+[REDACTED:private-key]', '+', '+', '+', ' `;'].join('\n'));
    expect(result.redactions).toEqual([{ rule: 'private-key', line: 3 }]);
  });

  it('hides the visible part of a key cut off by the end of a hunk, and nothing after it', async () => {
    const text = ['-----BEGIN PRIVATE KEY-----', 'A1b2'.repeat(16), 'C3d4'.repeat(16), '', 'const after = 1;'].join('\n');
    const result = await redactSecrets(text, { path: 'notes.txt' });
    expect(result.text).toBe(['[REDACTED:private-key]', '', '', '', 'const after = 1;'].join('\n'));
  });

  it('is not switched off by a secretlint-disable comment', async () => {
    const result = await redactSecrets(`// secretlint-disable\nconst t = "${token}";\n// secretlint-enable`, { path: 'a.ts' });
    expect(result.text).not.toContain(token);
  });

  it('reads unquoted values as variables in code and as strings in config', async () => {
    const line = 'password = Kx82hs0d';
    expect((await redactSecrets(line, { path: 'app.py' })).text).toBe(line);
    expect((await redactSecrets(line, { path: 'app.ini' })).text).toBe('password = [REDACTED:env-secret]');
  });

  it('returns text without secrets as it is', async () => {
    const text = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
    expect(await redactSecrets(text, { path: 'add.ts' })).toEqual({ text, redactions: [] });
  });
});

describe('redactSecrets over a long watch session', () => {
  it('leaves no performance marks behind, however many times it scans', async () => {
    const sample = secrets[0]!;
    await redactSecrets(sample.text, optionsFor(sample.path));
    const before = performance.getEntriesByType('mark').length;
    for (let i = 0; i < 20; i++) await redactSecrets(sample.text, optionsFor(sample.path));
    expect(performance.getEntriesByType('mark').length).toBe(before);
  });
});
