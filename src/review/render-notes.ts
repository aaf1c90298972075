import { citationLabel } from '../tutor/claude/prompt-data.js';
import type { Evidence, Note } from '../tutor/types.js';

/** `path:9-13` or `path:9`: where a note (or any span of lines) is. */
export function placeOf(span: { path: string; startLine: number; endLine: number }): string {
  return span.startLine === span.endLine ? `${span.path}:${span.startLine}` : `${span.path}:${span.startLine}-${span.endLine}`;
}

/** One line of evidence for a terminal: a golden place, a convention with its numbers, or a rule with its source. */
export function formatEvidence(evidence: Evidence): string {
  if (evidence.kind === 'golden') return `golden: ${citationLabel(evidence.citation)}${evidence.symbol ? ` (${evidence.symbol})` : ''}`;
  if (evidence.kind === 'rule') return `rule: ${evidence.statement} — ${ruleSource(evidence)}`;
  const followed = Math.round(evidence.support * evidence.confidence);
  return `convention: ${evidence.statement} — ${followed} of ${evidence.support} golden cases (${Math.round(evidence.confidence * 100)}%)`;
}

/** What each rung of the hint ladder is called, level 1 first. */
export const RUNG_NAMES = ['question', 'hint', 'golden example', 'change'] as const;

/**
 * A note as markdown: its place and title, the rungs and the evidence it rests on, golden
 * snippets included. `fold` hides rungs 2-4 in <details> so a reader of a PR or CI report
 * climbs on purpose; unfolded (the notes report), every rung is shown for scoring against the
 * rubric in MENTOR.md.
 */
export function noteToMarkdown(note: Note, options: { fold?: boolean } = {}): string {
  const head = `### ${placeOf(note)} — ${note.title} (${note.severity})\n\n_topic_ \`${note.topic}\` · _source_ ${note.source} · _id_ \`${note.id}\``;
  const rungs = options.fold ? foldedRungs(note) : note.ladder.map((rung) => `${rung.level}. **${RUNG_NAMES[rung.level - 1] ?? 'rung'}:** ${indentContinuation(rung.text)}`).join('\n');
  const evidence = note.evidence.map(evidenceMarkdown).join('\n\n');
  const partial = note.partial ? '\n\n_The reply was cut off while this note was written._' : '';
  return `${head}\n\n${rungs}\n\n**Evidence**\n\n${evidence || '_none_'}${partial}\n`;
}

/** Rungs up to the one the note opens at (the question, or the hint on a hard topic) stay open. */
function foldedRungs(note: Note): string {
  const opensAt = note.opensAt ?? 1;
  return note.ladder
    .map((rung) => (rung.level <= opensAt ? rung.text : `<details><summary>${RUNG_NAMES[rung.level - 1]}</summary>\n\n${rung.text}\n\n</details>`))
    .join('\n\n');
}

/** `ruff S113, https://docs.astral.sh/...`: who knows the rule, and where to read more. */
export function ruleSource(rule: Extract<Evidence, { kind: 'rule' }>): string {
  return `${rule.source} ${rule.ruleId}${rule.docsUrl ? `, ${rule.docsUrl}` : ''}`;
}

function evidenceMarkdown(item: Evidence): string {
  if (item.kind === 'rule') return `- ${item.id} rule \`${item.ruleId}\`: ${item.statement} (${item.source}${item.docsUrl ? `, ${item.docsUrl}` : ''})`;
  if (item.kind === 'convention') {
    const examples = item.examples.map((example) => `  - ${citationLabel(example)}`).join('\n');
    return `- ${item.id} convention \`${item.ruleId}\`: ${item.statement} (support ${item.support}, confidence ${Math.round(item.confidence * 100)}%)${examples ? `\n${examples}` : ''}`;
  }
  const fence = item.snippet.includes('```') ? '~~~~' : '```';
  return `- ${item.id} golden ${citationLabel(item.citation)}${item.symbol ? ` (\`${item.symbol}\`)` : ''}${item.why ? ` — chosen: ${item.why}` : ''}\n\n${fence}\n${item.snippet.trimEnd()}\n${fence}`;
}

/** Multi-line rung text (a level-4 diff) indented under its list item so the list stays one list. */
function indentContinuation(text: string): string {
  return text.split('\n').join('\n   ');
}

