import type { Citation, Convention } from '../conventions/types.js';
import { counterExample, type CounterExample } from './counter-example.js';
import { linesOf, type DocsEvidence, type RepoEvidence } from './evidence.js';

/**
 * CODE_STYLE.md as data: per language, the learned conventions strongest first, each with one or two
 * golden snippets quoted from the pinned commit and a counter-example derived from the rule.
 */

/** Golden snippets quoted per convention. */
export const SNIPPETS_PER_RULE = 2;
/** Lines quoted per snippet: enough to see the habit, short enough to scan. */
export const MAX_SNIPPET_LINES = 12;
/** Languages whose "conventions" are prose, not code: not part of a code style guide. */
const NOT_CODE = new Set(['markdown', 'text']);
/**
 * A habit seen in fewer places than this is not a tendency worth telling a new hire: "1 case, 100%
 * follow" says nothing. (Enforced rules need far more, see MIN_SUPPORT.)
 */
export const MIN_TENDENCY_CASES = 5;

/** Whether a learned convention belongs in the style guide: code, and enforced or seen often enough. */
export function inStyleGuide(convention: Convention): boolean {
  return !NOT_CODE.has(convention.language) && (convention.enforced || convention.support >= MIN_TENDENCY_CASES);
}

export interface Snippet {
  citation: Citation;
  lines: string[];
}

export interface StyleRule {
  convention: Convention;
  snippets: Snippet[];
  dont: CounterExample | undefined;
}

export interface StyleLanguage {
  language: string;
  rules: StyleRule[];
}

/** Enforced first, then by share, then by support, then by id, so the order never depends on input order. */
export function compareConventions(a: Convention, b: Convention): number {
  return Number(b.enforced) - Number(a.enforced) || b.confidence - a.confidence || b.support - a.support || a.id.localeCompare(b.id);
}

export function buildStyleGuide(evidence: DocsEvidence, languages?: ReadonlySet<string>): StyleLanguage[] {
  const repos = new Map(evidence.repos.map((r) => [r.name, r]));
  const byLanguage = new Map<string, StyleRule[]>();
  for (const convention of [...evidence.profile.conventions].sort(compareConventions)) {
    if (!inStyleGuide(convention) || (languages && !languages.has(convention.language))) continue;
    const snippets = convention.examples.flatMap((c) => quote(c, repos)).slice(0, SNIPPETS_PER_RULE);
    const dont = counterExample(convention, snippets[0]?.lines, evidence.profile.sizes);
    byLanguage.set(convention.language, [...(byLanguage.get(convention.language) ?? []), { convention, snippets, dont }]);
  }
  return [...byLanguage]
    .map(([language, rules]) => ({ language, rules }))
    .sort((a, b) => b.rules.reduce((n, r) => n + r.convention.support, 0) - a.rules.reduce((n, r) => n + r.convention.support, 0) || a.language.localeCompare(b.language));
}

/** The cited lines as the pinned commit holds them, clipped; nothing when they cannot be read. */
function quote(citation: Citation, repos: ReadonlyMap<string, RepoEvidence>): Snippet[] {
  const repo = repos.get(citation.repo);
  if (!repo || repo.commit !== citation.commit) return [];
  const end = Math.min(citation.endLine, citation.startLine + MAX_SNIPPET_LINES - 1);
  const lines = linesOf(repo.texts.get(citation.path), citation.startLine, end);
  if (!lines) return [];
  // Trailing blank lines say nothing: cite only the lines shown.
  let last = lines.length;
  while (last > 1 && lines[last - 1]?.trim() === '') last--;
  return [{ citation: { ...citation, endLine: citation.startLine + last - 1 }, lines: lines.slice(0, last) }];
}
