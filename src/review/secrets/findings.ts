import { basename } from 'node:path';
import { rulePrefix } from '../../conventions/specs/index.js';
import type { Finding } from '../../conventions/types.js';
import type { Language } from '../../index/language.js';
import type { Redaction } from '../../redact/index.js';
import { describeSecret } from './kinds.js';

/** The category of credential findings: `ts.secrets.stripe-key`, `file.secrets.private-key` (no language). */
const SECRETS = 'secrets';

/** Whether a rule id names a credential finding. */
export function isSecretRule(ruleId: string): boolean {
  return ruleId.split('.')[1] === SECRETS;
}

/**
 * Pitfalls that are a credential written in the code, found by where a string goes rather than by
 * its shape (`jwt.sign(user, "mysecretkey")`, Ruff's password arguments and defaults): taught like
 * a secret, with golden code that reads configuration as the example.
 */
const CREDENTIAL_PITFALLS = /\.pitfalls\.(?:tree-sitter\.\w+\.hardcoded-(?:signing-key|login-password)|ruff\.S10[67])$/;

/** Whether a finding is about a credential in the code: a secret found by its shape, or one of the pitfalls above. */
export function holdsCredential(ruleId: string): boolean {
  return isSecretRule(ruleId) || CREDENTIAL_PITFALLS.test(ruleId);
}

/**
 * A line its author marked as holding a made-up secret on purpose (a test fixture): the markers of
 * gitleaks and detect-secrets, which teams already use. The value is still never sent.
 */
const ALLOWED = /gitleaks:allow|pragma:\s*allowlist[ -]secret/i;
/** Tests and fixtures: a credential there is often made up, so it warns rather than blocks a commit. */
const TEST_PATH = /(^|\/)(tests?|__tests__|spec|specs|fixtures?|__fixtures__|testdata|mocks?)\/|\.(test|spec)\.[a-z]+$|(^|\/)test_[^/]*\.py$|_test\.(go|py)$/;

/**
 * The credentials found in the changed lines of a file, as findings a mentor teaches first: which
 * kind and on which line, never the value (the caller passes the redacted text, so a note built
 * from these lines cannot hold it either).
 */
export function secretFindings(file: { path: string; language: Language | undefined }, redactedText: string, redactions: readonly Redaction[], changed: ReadonlyArray<{ start: number; end: number }>): Finding[] {
  const { path } = file;
  const prefix = file.language ? rulePrefix(file.language) : 'file';
  const lines = redactedText.split('\n');
  const inTests = TEST_PATH.test(path);
  const seen = new Set<number>();
  const findings: Finding[] = [];
  for (const { rule, line, chosen } of redactions) {
    if (seen.has(line) || !changed.some((range) => range.start <= line && line <= range.end)) continue;
    seen.add(line);
    if (ALLOWED.test(lines[line - 1] ?? '') || ALLOWED.test(lines[line - 2] ?? '')) continue;
    const kind = describeSecret(rule);
    findings.push({
      ruleId: `${prefix}.${SECRETS}.${rule}`,
      concern: 'security',
      // A token: whoever reads the repository can use it now. A password a person chose (`root`
      // for a local database) harms only with access to what it opens, so it comes last (src/importance).
      failure: chosen ? 'remote' : 'certain',
      severity: inTests ? 'warn' : 'error',
      path,
      startLine: line,
      endLine: line,
      observed: kind,
      expected: 'Credentials are read from the environment or a secret store at run time, never written in the code',
      message: `Line ${line} holds ${kind} written into the code${inTests ? ' (in a test: mark it with `gitleaks:allow` if it is made up)' : ''}.`,
      support: 0,
      confidence: 0,
      examples: [],
      rule: { source: 'archangel' },
    });
  }
  return findings;
}

/** Secret files that are often committed on purpose, holding only settings: no note for those. */
const OFTEN_COMMITTED = new Set(['.npmrc', '.yarnrc.yml', '.envrc']);

/**
 * A file that exists to hold secrets (`.env`, a private key) which git can see: tracked, or
 * untracked and not ignored. Never read: the note is about the file, not its content.
 */
export function secretFileFinding(path: string): Finding | undefined {
  if (OFTEN_COMMITTED.has(basename(path).toLowerCase())) return undefined;
  return {
    ruleId: `file.${SECRETS}.secret-file`,
    concern: 'security',
    severity: 'error',
    path,
    startLine: 1,
    endLine: 1,
    observed: 'a file of secrets git can see',
    expected: 'Files of secrets are ignored by git and read at run time; a committed example lists the names with no values',
    message: `${path} holds secrets and is not ignored by git: the next \`git add -A\` commits it.`,
    support: 0,
    confidence: 0,
    examples: [],
    rule: { source: 'archangel' },
  };
}
