import type { Citation, Evidence, Note } from '../types.js';
import type { ReviewHunk } from './review-input.js';

/**
 * Everything that goes into a prompt from outside it (the learner's diff, golden code, findings) is
 * wrapped in data tags the system prompt declares to be data, never instructions. Inside the data, any
 * text that could close or open one of those tags is neutralised, so a golden snippet cannot break out.
 */

/** Tags the prompts declare as data; also the names a snippet must not be able to forge. */
const DATA_TAGS = ['diff', 'hunk', 'golden_evidence', 'convention_evidence', 'rule_evidence', 'findings', 'note_context', 'learner_code', 'note', 'quiz_source', 'learner_answer'];
const FORGED_TAG = new RegExp(`<(/?)(${DATA_TAGS.join('|')})\\b`, 'gi');

/** Evidence as the model sees it: short ids (E1, E2...) in the order given. */
export type EvidenceAliases = ReadonlyMap<string, Evidence>;

/** Gives each piece of evidence the short id the model cites it by. */
export function aliasEvidence(evidence: Evidence[]): EvidenceAliases {
  return new Map(evidence.map((item, index) => [`E${index + 1}`, item]));
}

/** `acme/api src/users.ts:10-24 @1a2b3c4`, the way a learner sees a golden place. */
export function citationLabel(citation: Citation): string {
  return `${citation.repo} ${citation.path}:${citation.startLine}-${citation.endLine} @${citation.commit.slice(0, 7)}`;
}

/** `[E2]` in a rung becomes `acme/api src/users.ts:10-24 @1a2b3c4`; an id that was not sent disappears. */
export function citeEvidence(text: string, aliases: EvidenceAliases): string {
  return text.replace(/\s?\[(E\d+)\]/g, (match, id: string) => {
    const item = aliases.get(id);
    if (!item) return '';
    const label = item.kind === 'golden' ? citationLabel(item.citation) : item.kind === 'rule' ? `the rule "${item.statement}" (${item.source} ${item.ruleId})` : `the convention "${item.statement}" (${item.support} examples)`;
    return `${match.startsWith(' ') ? ' ' : ''}${label}`;
  });
}

/** The hunks, each in its own `<hunk>` inside one `<diff>`. */
export function renderDiff(hunks: ReviewHunk[]): string {
  const body = hunks
    .map((hunk) => {
      const attrs = { path: hunk.path, lines: `${hunk.startLine}-${hunk.endLine}`, symbol: hunk.symbol ?? undefined, golden_comparable: hunk.comparable === false ? 'none' : undefined };
      return `<hunk${attributes(attrs)}>\n${escapeData(hunk.text)}\n</hunk>`;
    })
    .join('\n');
  return `<diff>\n${body}\n</diff>`;
}

/** Golden snippets and conventions, each tagged with its id and provenance. */
export function renderEvidence(aliases: EvidenceAliases): string {
  if (aliases.size === 0) return '(no golden evidence was found for these lines: make no claim about how the team does it)';
  return [...aliases].map(([id, item]) => renderOne(id, item)).join('\n');
}

function renderOne(id: string, item: Evidence): string {
  if (item.kind === 'golden') {
    const { repo, path, startLine, endLine, commit } = item.citation;
    const attrs = { id, repo, path, lines: `${startLine}-${endLine}`, commit: commit.slice(0, 12), symbol: item.symbol ?? undefined, chosen: item.why };
    return `<golden_evidence${attributes(attrs)}>\n${escapeData(item.snippet)}\n</golden_evidence>`;
  }
  if (item.kind === 'rule') {
    const attrs = { id, rule: item.ruleId, source: item.source, docs: item.docsUrl };
    return `<rule_evidence${attributes(attrs)}>\n${escapeData(item.statement)}\n</rule_evidence>`;
  }
  const attrs = { id, rule: item.ruleId, support: String(item.support), confidence: item.confidence.toFixed(2) };
  const examples = item.examples.map((example) => `example: ${citationLabel(example)}`).join('\n');
  return `<convention_evidence${attributes(attrs)}>\n${escapeData(item.statement)}${examples ? `\n${escapeData(examples)}` : ''}\n</convention_evidence>`;
}

/** The convention checker's findings, or a plain "none". */
export function renderFindings(findings: string | undefined): string {
  const text = findings?.trim();
  return `<findings>\n${text ? escapeData(text) : '(none)'}\n</findings>`;
}

/** How the mentor adapts to this learner on the change's topics, or a plain "write as usual". */
export function renderLearner(lines: readonly string[] | undefined): string {
  if (!lines || lines.length === 0) return '(no topic here that the learner has mastered or struggles with: write as usual)';
  return lines.map((line) => `- ${escapeData(line)}`).join('\n');
}

/** The note a hint or a chat is about, with the rungs the learner has already seen. */
export function renderNoteContext(note: Note, seenUpTo: number): string {
  const attrs = { path: note.path, lines: `${note.startLine}-${note.endLine}`, topic: note.topic, title: note.title };
  const rungs = note.ladder
    .filter((rung) => rung.level <= seenUpTo)
    .map((rung) => `rung ${rung.level}: ${rung.text}`)
    .join('\n');
  return `<note_context${attributes(attrs)}>\n${escapeData(rungs)}\n</note_context>`;
}

/** Data text with anything that looks like one of our tags defused (`<diff` becomes `&lt;diff`). */
export function escapeData(text: string): string {
  return text.replace(FORGED_TAG, '&lt;$1$2');
}

/** ` key="value"` pairs for a data tag, escaped; undefined values are left out. */
export function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\n/g, ' ')}"`)
    .join('');
}
