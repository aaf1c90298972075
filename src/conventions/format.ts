import type { Language } from '../index/language.js';
import { percent } from './percent.js';
import type { Convention, Profile } from './types.js';

/** Widths of the number columns; the rule column fits the longest id up to MAX_RULE_WIDTH. */
const WIDTH = { n: 6, share: 6, state: 4 } as const;
const MAX_RULE_WIDTH = 36;

function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function state(convention: Convention): string {
  if (!convention.enforced) return '-';
  return convention.lowConfidence ? 'on?' : 'on';
}

/**
 * The profile as a plain-text table for `archangel conventions`: enforced and strongest
 * conventions first, one line per rule plus its statement. On a terminal (`columns` given) each
 * line fits its width; piped, statements are printed whole.
 * Legend: `on` enforced, `on?` enforced from lexical evidence (lower confidence), `-` described only.
 */
export function formatProfileTable(profile: Profile, options: { language?: Language; columns?: number } = {}): string {
  const rows = profile.conventions.filter((c) => options.language === undefined || c.language === options.language);
  if (rows.length === 0) return 'No conventions learned yet.';
  const ruleWidth = Math.min(MAX_RULE_WIDTH, Math.max(4, ...rows.map((c) => c.id.length)));
  const header = `${cell('rule', ruleWidth)} ${cell('cases', WIDTH.n)} ${cell('follow', WIDTH.share)} ${cell('on', WIDTH.state)} statement`;
  const prefixWidth = ruleWidth + WIDTH.n + WIDTH.share + WIDTH.state + 4;
  const statementWidth = options.columns === undefined ? Infinity : Math.max(options.columns - prefixWidth, 12);
  const lines = [header, '-'.repeat(options.columns === undefined ? header.length : Math.min(options.columns, prefixWidth + statementWidth))];
  for (const c of rows) {
    const prefix = `${cell(c.id, ruleWidth)} ${cell(String(c.support), WIDTH.n)} ${cell(percent(c.confidence, 0), WIDTH.share)} ${cell(state(c), WIDTH.state)} `;
    lines.push(prefix + (c.statement.length > statementWidth ? `${c.statement.slice(0, statementWidth - 1)}…` : c.statement));
  }
  return lines.join('\n');
}
