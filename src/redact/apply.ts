import type { Finding } from './types.js';

/**
 * Findings sorted by position with overlaps merged; the earliest (then longest) names the merged
 * secret, which counts as chosen by a person only when every finding merged into it does.
 */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const sorted = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Finding[] = [];
  for (const finding of sorted) {
    const last = merged.at(-1);
    if (last && finding.start < last.end) {
      last.end = Math.max(last.end, finding.end);
      if (!finding.chosen) delete last.chosen;
    } else merged.push({ ...finding });
  }
  return merged;
}

/**
 * Replaces each finding with `[REDACTED:<rule>]`. A secret over several lines (a private key) keeps
 * its line breaks, and in a diff the `+`/`-`/space marker that starts each line, so line numbers and
 * hunk shapes are the same after redaction.
 */
export function applyFindings(text: string, findings: readonly Finding[], diff: boolean): string {
  let out = '';
  let at = 0;
  for (const { start, end, rule } of findings) {
    out += text.slice(at, start) + `[REDACTED:${rule}]`;
    for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
      out += '\n';
      const marker = text[i + 1];
      if (diff && i + 1 < end && marker !== undefined && '+- '.includes(marker)) out += marker;
    }
    at = end;
  }
  return out + text.slice(at);
}

/** 1-based line number of each offset, for findings sorted by start. */
export function lineNumbers(text: string, findings: readonly Finding[]): number[] {
  let line = 1;
  let at = 0;
  return findings.map(({ start }) => {
    for (let i = text.indexOf('\n', at); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
    at = start;
    return line;
  });
}
