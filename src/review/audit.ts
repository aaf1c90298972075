import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { environmentError } from '../errors/environment.js';
import type { ReviewContext } from './context/types.js';
import type { Usage } from '../tutor/types.js';

/** One request that left the machine. Never the text that was sent, never a secret. */
export interface AuditEntry {
  at: string;
  kind: 'review' | 'hint' | 'chat' | 'ask' | 'docs' | 'quiz';
  model: string;
  /** Which files and line ranges went out. */
  files: Array<{ path: string; lines: string[] }>;
  /** Golden snippets sent, by citation. */
  golden: string[];
  inputTokens: number;
  outputTokens: number;
  error?: string;
}

/** Appends to `.archangel/audit.log` (JSON lines), the record of what was sent to a model; a read-only folder or a full disk is told as such. */
export function appendAudit(stateDir: string, entry: AuditEntry): void {
  const path = join(stateDir, 'audit.log');
  try {
    mkdirSync(stateDir, { recursive: true });
    appendFileSync(path, `${JSON.stringify(entry)}\n`);
  } catch (error) {
    throw environmentError(error, { path, what: 'the audit log' }) ?? error;
  }
}

/** What went out: the learner's line ranges and the evidence (a review context, or a quiz's notes). */
export type SentContext = Pick<ReviewContext, 'evidence'> & { hunks: ReadonlyArray<Pick<ReviewContext['hunks'][number], 'path' | 'startLine' | 'endLine'>> };

/** The audit entry for a context sent to `model`. */
export function auditEntryFor(kind: AuditEntry['kind'], model: string, context: SentContext, usage: Usage | undefined, error?: string): AuditEntry {
  const files = new Map<string, string[]>();
  for (const hunk of context.hunks) {
    const lines = files.get(hunk.path) ?? [];
    lines.push(`${hunk.startLine}-${hunk.endLine}`);
    files.set(hunk.path, lines);
  }
  return {
    at: new Date().toISOString(),
    kind,
    model,
    files: [...files].map(([path, lines]) => ({ path, lines })),
    golden: context.evidence.flatMap((e) => (e.kind === 'golden' ? [`${e.citation.repo} ${e.citation.path}:${e.citation.startLine}-${e.citation.endLine}`] : [])),
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    ...(error ? { error } : {}),
  };
}
