import { citationLabel } from '../claude/prompt-data.js';
import type { Evidence, Note } from '../types.js';

/**
 * A note as markdown for the notes report (`review --format md`, benches): its place and title,
 * all four rungs, and the evidence it rests on, golden snippets included, so a reader can judge
 * the note against the rubric in MENTOR.md without the terminal UI beside it.
 */

const RUNG_NAMES = ['question', 'hint', 'golden example', 'change'] as const;

/** All four rungs and the evidence of one note, as a markdown section. */
export function renderNoteMarkdown(note: Note): string {
  const lines = note.startLine === note.endLine ? `${note.startLine}` : `${note.startLine}-${note.endLine}`;
  const head = `### ${note.path}:${lines} — ${note.title} (${note.severity})\n\n_topic_ \`${note.topic}\` · _source_ ${note.source} · _id_ \`${note.id}\``;
  const rungs = note.ladder.map((rung) => `${rung.level}. **${RUNG_NAMES[rung.level - 1] ?? 'rung'}:** ${indentContinuation(rung.text)}`).join('\n');
  const evidence = note.evidence.map(renderEvidence).join('\n\n');
  return `${head}\n\n${rungs}\n\n**Evidence**\n\n${evidence || '_none_'}\n`;
}

function renderEvidence(item: Evidence): string {
  if (item.kind === 'convention') {
    const examples = item.examples.map((example) => `  - ${citationLabel(example)}`).join('\n');
    return `- ${item.id} convention \`${item.ruleId}\`: ${item.statement} (support ${item.support}, confidence ${Math.round(item.confidence * 100)}%)${examples ? `\n${examples}` : ''}`;
  }
  const fence = item.snippet.includes('```') ? '~~~~' : '```';
  return `- ${item.id} golden ${citationLabel(item.citation)}${item.symbol ? ` (\`${item.symbol}\`)` : ''}\n\n${fence}\n${item.snippet.trimEnd()}\n${fence}`;
}

/** Multi-line rung text (a level-4 diff) indented under its list item so the list stays one list. */
function indentContinuation(text: string): string {
  return text.split('\n').join('\n   ');
}
