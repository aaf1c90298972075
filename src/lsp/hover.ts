import { citationLabel } from '../tutor/claude/prompt-data.js';
import { formatEvidence, RUNG_NAMES } from '../review/render-notes.js';
import type { Evidence, HintLevel, Note } from '../tutor/types.js';
import { goldenUri } from './golden-uri.js';

/** The golden code a note cites first, if any: what "Show golden example" opens. */
export function goldenEvidence(note: Note): Extract<Evidence, { kind: 'golden' }> | undefined {
  return note.evidence.find((item): item is Extract<Evidence, { kind: 'golden' }> => item.kind === 'golden');
}

/**
 * A note on hover, as markdown: the rungs the learner has climbed so far (never one above `level`),
 * the evidence it rests on, golden places linked to the server's read-only copy, and what is left
 * to climb.
 */
export function noteHover(note: Note, level: HintLevel): string {
  const rungs = note.ladder
    .filter((rung) => rung.level <= level)
    .map((rung) => `**${RUNG_NAMES[rung.level - 1]}** (${rung.level}/4): ${rung.level === 4 ? `\n\n${rung.text}` : rung.text}`);
  const evidence = note.evidence.map((item) => `- ${item.kind === 'golden' ? `golden: [${citationLabel(item.citation)}](${goldenUri(item.citation)})` : formatEvidence(item)}`);
  const actions = [...(level < 4 ? [`Next hint (${level + 1}/4)`] : []), ...(goldenEvidence(note) ? ['Show golden example'] : []), 'Dismiss'];
  return [
    `**archangel: ${note.title}** · \`${note.topic}\` · ${note.severity}`,
    ...rungs,
    ...(evidence.length > 0 ? [`_evidence_\n${evidence.join('\n')}`] : []),
    `_code actions: ${actions.join(' · ')}_`,
  ].join('\n\n');
}
