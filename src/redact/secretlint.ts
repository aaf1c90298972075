import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig, SecretLintCoreResultMessage } from '@secretlint/types';
import type { Finding } from './types.js';

/**
 * Secretlint's recommended preset, configured once per process. AWS key ids are scanned too (off by
 * default), and the comment filter is off: a `secretlint-disable` comment in the learner's code
 * must not let a secret through to a model.
 */
const CONFIG: SecretLintCoreConfig = {
  rules: [
    {
      id: '@secretlint/secretlint-rule-preset-recommend',
      rule: recommended,
      rules: [
        { id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } },
        { id: '@secretlint/secretlint-rule-filter-comments', disabled: true },
      ],
    },
  ],
};

/**
 * Secretlint 12 (the last to support Node 20) profiles every scan, with no switch to turn it off:
 * ~60 performance marks per scan, kept by its profiler and by Node for the life of the process.
 * `watch` scans on every save, so they would pile up for hours. Its one profiler is shared by the
 * core, so making its `mark` do nothing stops the record at the source (13's `setEnabled(false)`).
 */
secretLintProfiler.mark = () => undefined;

const RULE_PREFIX = '@secretlint/secretlint-rule-';
/** Our names for secretlint's rules, so the marker does not depend on which detector found a secret. */
const RULE_NAMES: Record<string, string> = {
  github: 'github-token',
  slack: 'slack-token',
  stripe: 'stripe-key',
  npm: 'npm-token',
  anthropic: 'anthropic-key',
  openai: 'openai-key',
  gitlab: 'gitlab-token',
  privatekey: 'private-key',
  basicauth: 'url-password',
  'database-connection-string': 'url-password',
  AWSAccessKeyID: 'aws-access-key-id',
  AWSSecretAccessKey: 'aws-secret-key',
  AWSAccountID: 'aws-account-id',
};

/** Characters of the tokens secretlint reports (base64, base64url, vendor prefixes). */
const TOKEN_CHAR = /[A-Za-z0-9_\-+/=]/;
/** The password of `scheme://user:password@host`, inside a reported connection string or URL. */
const URL_PASSWORD = /:\/\/[^\s:/?#@'"`]*:(?<secret>[^\s@/'"`]+)@/d;

/** Secrets secretlint's recommended rules find in `text`, narrowed to the secret itself. */
export async function findWithSecretlint(text: string): Promise<Finding[]> {
  const result = await lintSource({
    source: { filePath: 'diff.txt', content: text, contentType: 'text' },
    options: { config: CONFIG, noPhysicFilePath: true, maskSecrets: true },
  });
  return result.messages.map((message) => narrow(text, message));
}

/**
 * Secretlint's ranges are not always the secret: URL rules cover the whole URL (and sometimes a
 * closing quote), the AWS secret rule starts at the variable name and can stop short of the end of
 * the key. URLs are narrowed to their password; every other range to the token it ends in, extended
 * to the token's real end.
 */
function narrow(text: string, message: SecretLintCoreResultMessage): Finding {
  const [rangeStart, rangeEnd] = message.range;
  const ruleId = message.ruleId.startsWith(RULE_PREFIX) ? message.ruleId.slice(RULE_PREFIX.length) : message.ruleId;
  const rule = RULE_NAMES[message.messageId] ?? RULE_NAMES[ruleId] ?? ruleId;
  const reported = text.slice(rangeStart, rangeEnd);
  const password = URL_PASSWORD.exec(reported);
  const span = password?.indices?.groups?.secret;
  if (span) return { start: rangeStart + span[0], end: rangeStart + span[1], rule: 'url-password' };
  if (rule === 'private-key') return { start: rangeStart, end: rangeEnd, rule };
  let end = rangeEnd;
  while (end > rangeStart && !TOKEN_CHAR.test(text[end - 1] ?? '')) end--;
  while (end < text.length && TOKEN_CHAR.test(text[end] ?? '')) end++;
  let start = end;
  while (start > rangeStart && TOKEN_CHAR.test(text[start - 1] ?? '')) start--;
  return { start, end, rule: rule === 'url-password' ? 'connection-string' : rule };
}
