import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findKeyBlocks } from '../../src/redact/key-block.js';
import { redactSecrets } from '../../src/redact/index.js';
import { formatHunkLines } from '../../src/tutor/claude/review-input.js';

const rsaBody = (): string[] => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim().split('\n').slice(1, -1);

describe('key-shaped base64 blocks', () => {
  it('hides a PEM body with no BEGIN or END line, as removed diff lines and as the numbered lines sent to a model', async () => {
    const body = rsaBody();
    const removed = body.map((line) => `-${line}`).join('\n');
    const numbered = formatHunkLines(body.map((text, i) => ({ kind: 'del' as const, text, oldLine: i + 2 })));
    for (const text of [removed, numbered, body.map((line) => `  "${line}\\n" +`).join('\n')]) {
      const { text: out } = await redactSecrets(text);
      for (const line of body) expect(out).not.toContain(line);
      expect(out.split('\n')).toHaveLength(text.split('\n').length);
    }
  });

  it('hides one long line of random base64, the shape of a key in a config file', () => {
    const line = randomBytes(48).toString('base64');
    expect(findKeyBlocks(`signing:\n  ${line}\n`)).toHaveLength(1);
  });

  it('keeps a key line that starts with + or / whole: only a marker in the first column, or followed by a space, is a diff marker', () => {
    // Lines from 200,000 random keys that were sent unredacted: the leading '+' was taken for a diff marker.
    for (const line of ['+z9yimM441KI6DzAikbE9fCWqO45Hga8Iaos49aPWI28XL07XD4OFP+SoFe7C5gC', '/H5RsjK7poVsDYIU5IIJoU7FrxK5+LoS5NjBBvgO79d3CB4M30bTc4om3GMmyPIS']) {
      const [block] = findKeyBlocks(`signing:\n  ${line}\n`);
      expect(block && `signing:\n  ${line}\n`.slice(block.start, block.end)).toBe(line);
    }
    // A key with no digit at all (about one random line in 50,000) still counts by its + and /.
    expect(findKeyBlocks('  tY++qb+JJpsvVSWRqZJxNTwFY+mIBHEVPAekMxfozopyW+GWVCockNsnetpdFsrC\n')).toHaveLength(1);
  });

  it('leaves code alone: long identifiers, import paths, minified-looking words and short hashes', () => {
    const code = [
      'const AbstractSingletonProxyFactoryBeanConfigurationProvider2 = 1;',
      'ThisIsAVeryLongIdentifierNameForSomethingElse1234',
      'import x from "some/very/long/path/to/a/module/that/is/nested/deeply/index"',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      '"integrity": "sha512-Zf2m3b0xJ8vY5q7lQp1w9kT0yR6nE2sA4dB8cU3fG7hK1mL9oP5iN2jH6gV0aZ4xC8rW3tY7uQ1eS5=="',
    ].join('\n');
    expect(findKeyBlocks(code)).toEqual([]);
  });
});

describe('a secret split over string literals', () => {
  const stripe = `sk_${'live'}_${'4eC39HqLyjWDarjt'}${'T1zdp7dc'}`;
  const [head, tail] = [stripe.slice(0, 14), stripe.slice(14)];

  it('is hidden across the lines, joined with + or by Python\'s implicit concatenation', async () => {
    for (const text of [`const key = "${head}" +\n  "${tail}";\n`, `KEY = (\n    "${head}"\n    "${tail}"\n)\n`, `String key = "${head}"\n    + "${tail}";\n`]) {
      const { text: out, redactions } = await redactSecrets(text);
      expect(out, text).not.toContain(head);
      expect(out, text).not.toContain(tail);
      expect(out.split('\n')).toHaveLength(text.split('\n').length);
      expect(redactions.map((r) => r.rule)).toContain('stripe-key');
    }
  });

  it('leaves ordinary concatenations of words alone', async () => {
    const text = 'const message = "Could not read the configuration " +\n  "file; run init first.";\n';
    expect((await redactSecrets(text)).text).toBe(text);
  });
});
