import { ruleMeta } from '../../../src/conventions/rules.js';
import { CONCERN_SEVERITY } from '../../../src/importance/concern.js';
import type { Finding } from '../../../src/conventions/types.js';
import type { Language } from '../../../src/index/language.js';
import type { HunkContext, ReviewContext } from '../../../src/review/context/types.js';
import type { Citation, Evidence } from '../../../src/tutor/types.js';

/**
 * Review contexts built by hand, shaped like `buildReviewContext` output: whole new files as one
 * hunk, findings as `checkFile` writes them, evidence E1..En (conventions and golden snippets).
 */

export const NAMING_EXAMPLE: Citation = { repo: 'acme/api', path: 'src/users/accounts.ts', startLine: 10, endLine: 24, commit: '1a2b3c4d5e6f7a8b9c0d' };
export const CATCH_EXAMPLE: Citation = { repo: 'acme/api', path: 'src/http/client.ts', startLine: 40, endLine: 52, commit: '1a2b3c4d5e6f7a8b9c0d' };

/** A learner's new TypeScript file: a snake_case function, an empty catch, an `any`, a console call. */
export const USER_SERVICE = [
  "import { api } from './api.js';",
  '',
  'export interface User { id: string; name: string }',
  '',
  '/** Loads one user, or undefined when it cannot be read. */',
  'export async function get_user_data(id: string): Promise<User | undefined> {',
  '  try {',
  '    const res = await api.get(`/users/${id}`);',
  '    return res.data as User;',
  '  } catch (e) {}',
  '}',
  '',
  'export function parse(raw: any): User {',
  "  console.log('parsing', raw);",
  '  return raw as User;',
  '}',
];

/** The hunk of lines `startLine`.. of a file, every line added, in the `formatHunkLines` layout. */
export function hunk(path: string, lines: string[], options: { startLine?: number; language?: Language; symbol?: string; findings?: HunkContext['findings'] } = {}): HunkContext {
  const start = options.startLine ?? 1;
  const added = lines.map((text, index) => ({ line: start + index, text }));
  return {
    path,
    startLine: start,
    endLine: start + lines.length - 1,
    text: added.map((row) => `${String(row.line).padStart(5)} + ${row.text}`).join('\n'),
    symbol: options.symbol ?? null,
    language: options.language ?? 'typescript',
    added,
    findings: options.findings ?? [],
    neighbours: [],
  };
}

/** A finding as `checkFile` reports it. */
export function finding(ruleId: string, fields: Partial<Finding> & Pick<Finding, 'startLine' | 'observed' | 'expected'>): Finding {
  const concern = fields.concern ?? (ruleId.includes('.size.') ? 'design' : (ruleMeta(ruleId.split('.').slice(1).join('.'))?.concern ?? 'style'));
  return {
    ruleId,
    concern,
    severity: CONCERN_SEVERITY[concern],
    path: 'src/user-service.ts',
    endLine: fields.startLine,
    message: `${fields.symbol ?? `Line ${fields.startLine}`}: ${fields.observed}.`,
    support: 100,
    confidence: 0.95,
    examples: [NAMING_EXAMPLE],
    ...fields,
  };
}

/** Convention evidence for a finding, as the context builder states it. */
export function convention(id: string, ruleId: string, statement: string, support: number, confidence: number, examples: Citation[] = [NAMING_EXAMPLE]): Evidence {
  return { kind: 'convention', id, ruleId, statement, support, confidence, examples };
}

/** Golden evidence: a snippet and where it comes from. */
export function golden(id: string, citation: Citation, snippet: string, symbol?: string): Evidence {
  return { kind: 'golden', id, citation, snippet, ...(symbol ? { symbol } : {}) };
}

/**
 * The user-service save: naming (E1, E2; style), empty catch (E3, E4; correctness), `any` (E5;
 * correctness), console (E6, E7; design).
 */
export function userServiceContext(overrides: Partial<ReviewContext> = {}): ReviewContext {
  const naming = finding('ts.naming.function', { startLine: 6, endLine: 6, symbol: 'get_user_data', observed: 'snake_case', expected: 'camelCase', support: 531, confidence: 1 });
  const emptyCatch = finding('ts.errors.empty-catch', { startLine: 10, endLine: 10, observed: 'empty', expected: 'handles the error', support: 43, confidence: 41 / 43, examples: [CATCH_EXAMPLE] });
  const any = finding('ts.idioms.any', { startLine: 13, observed: 'any', expected: 'a precise type', support: 2100, confidence: 0.97 });
  const logging = finding('ts.idioms.logging', { startLine: 14, observed: 'console.*', expected: 'logger', support: 300, confidence: 0.93 });
  return {
    hunks: [
      hunk('src/user-service.ts', USER_SERVICE, {
        symbol: 'get_user_data',
        findings: [
          { finding: naming, evidence: ['E1', 'E2'] },
          { finding: emptyCatch, evidence: ['E3', 'E4'] },
          { finding: any, evidence: ['E5'] },
          { finding: logging, evidence: ['E6', 'E7'] },
        ],
      }),
    ],
    evidence: [
      convention('E1', 'ts.naming.function', 'Functions are camelCase', 531, 1),
      golden('E2', NAMING_EXAMPLE, 'export async function fetchAccount(id: string): Promise<Account> {\n  return accounts.get(id);\n}', 'fetchAccount'),
      convention('E3', 'ts.errors.empty-catch', 'Catch blocks handle the error or say why they ignore it', 43, 41 / 43, [CATCH_EXAMPLE]),
      golden('E4', CATCH_EXAMPLE, "} catch (error) {\n  throw new HttpError('request failed', { cause: error });\n}"),
      convention('E5', 'ts.idioms.any', 'Types are precise: `any` is avoided', 2100, 0.97),
      convention('E6', 'ts.idioms.logging', 'Logging goes through a logger, not straight to the console', 300, 0.93),
      golden('E7', CATCH_EXAMPLE, "this.log.warn('retrying', { attempt });"),
    ],
    level: 'junior',
    maxNotes: 3,
    ...overrides,
  };
}

/** The user-service save with only its naming finding: what a note on a name says when nothing costlier is open. */
export function namingContext(overrides: Partial<ReviewContext> = {}): ReviewContext {
  const context = userServiceContext(overrides);
  for (const hunk of context.hunks) hunk.findings = hunk.findings.filter((item) => item.finding.ruleId === 'ts.naming.function');
  return context;
}
