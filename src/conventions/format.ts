import type { Language } from '../index/language.js';
import type { Convention, Profile } from './types.js';

/** Column widths of the table; the total stays within 80 columns. */
const WIDTH = { rule: 28, n: 6, share: 6, state: 4 } as const;
const LINE_WIDTH = 80;

function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function state(convention: Convention): string {
  if (!convention.enforced) return '-';
  return convention.lowConfidence ? 'on?' : 'on';
}

/**
 * The profile as a plain-text table for `archangel conventions`: enforced and strongest
 * conventions first, one line per rule plus its statement, 80 columns friendly.
 * Legend: `on` enforced, `on?` enforced from lexical evidence (lower confidence), `-` described only.
 */
export function formatProfileTable(profile: Profile, options: { language?: Language } = {}): string {
  const rows = profile.conventions.filter((c) => options.language === undefined || c.language === options.language);
  if (rows.length === 0) return 'No conventions learned yet.';
  const header = `${cell('rule', WIDTH.rule)} ${cell('cases', WIDTH.n)} ${cell('follow', WIDTH.share)} ${cell('on', WIDTH.state)} statement`;
  const lines = [header, '-'.repeat(LINE_WIDTH)];
  for (const c of rows) {
    const share = `${Math.round(c.confidence * 100)}%`;
    const prefix = `${cell(c.id, WIDTH.rule)} ${cell(String(c.support), WIDTH.n)} ${cell(share, WIDTH.share)} ${cell(state(c), WIDTH.state)} `;
    lines.push(prefix + cell(c.statement, LINE_WIDTH - prefix.length));
  }
  return lines.join('\n');
}
