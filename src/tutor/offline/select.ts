import type { Finding } from '../../conventions/types.js';
import type { HunkContext, ReviewContext } from '../../review/context/types.js';
import { mostImportantFirst, surestFailureFirst } from '../../importance/concern.js';
import { raisedFirst, worstSeverity } from '../severity.js';
import type { Evidence } from '../types.js';
import { CATEGORY_PRIORITY, NIT_CATEGORIES } from './rules.js';
import type { ConventionEvidence, Draft, GoldenEvidence, RuleEvidence } from './types.js';

/**
 * Which ideas the offline mentor raises on one save, before any wording: the findings of each rule
 * in a hunk merged into one draft, drafts without their convention or rule as evidence dropped (no
 * "how we do it here" without evidence), ranked, nits dropped while something real is open, one draft per rule,
 * at most `maxNotes`. Golden neighbours alone never make a note: the context carries no similarity
 * score, and "this resembles golden code" names no gap and no next move, so precision says stay
 * silent (MENTOR.md principle 10).
 */
export function selectDrafts(context: ReviewContext): Draft[] {
  const evidence = new Map(context.evidence.map((item) => [item.id, item]));
  const ranked = context.hunks.flatMap((hunk) => hunkDrafts(hunk, evidence)).sort(compareDrafts);
  const somethingReal = ranked.some((draft) => draft.severity !== 'info');
  const rules = new Set<string>();
  const calls = new Set<string>();
  const candidates = ranked
    .filter((draft) => !(somethingReal && isNit(draft)))
    .filter((draft) => {
      // The same rule twice in one save is the same lesson twice; the best-ranked instance teaches it.
      if (rules.has(draft.ruleId)) return false;
      rules.add(draft.ruleId);
      return true;
    })
    .filter((draft) => {
      // Two habits of one call (its timeout, its check) are one place to look: the first says it.
      if (draft.category !== 'api') return true;
      const place = `${draft.hunk.path}:${draft.startLine}`;
      if (calls.has(place)) return false;
      calls.add(place);
      return true;
    });
  return fewestRepeatedKinds(candidates, Math.max(0, context.maxNotes));
}

/**
 * Up to `max` drafts, best first, one of each kind (naming, errors, idioms…) before a second of
 * any: three notes on one save teach most as three ideas, and a function name and a file name are
 * one idea told twice. The rest of the kind waits for a later save. Each pitfall is an idea of its
 * own (an injection and a hard-coded password are two), and a kind seen already never lets a
 * costlier concern wait: an SQL injection is not put off for a logging habit.
 */
function fewestRepeatedKinds(ranked: Draft[], max: number): Draft[] {
  const kinds = new Set<string>();
  const kindOf = (draft: Draft): string => (draft.category === 'pitfalls' ? draft.ruleId : draft.category);
  const firsts = new Set(ranked.filter((draft) => !kinds.has(kindOf(draft)) && kinds.add(kindOf(draft))));
  // Within each concern, in rank order, its first-of-a-kind drafts before its repeats.
  const order = ranked.map((draft, at) => ({ draft, at })).sort((a, b) => mostImportantFirst(a.draft, b.draft) || Number(firsts.has(b.draft)) - Number(firsts.has(a.draft)) || a.at - b.at);
  const picked = new Set(order.slice(0, max).map(({ draft }) => draft));
  return ranked.filter((draft) => picked.has(draft));
}


/**
 * What the departure costs first (a secret, then a fault, then design, then style: src/importance),
 * then severity within it, then how surely its fault shows (a certain one, a hidden one, a risk);
 * then the kind of departure (CATEGORY_PRIORITY); then how sure the golden
 * code makes us, confidence × support, which decides ties only, never the order of concerns; then
 * position, so the order is stable.
 */
function compareDrafts(a: Draft, b: Draft): number {
  return (
    raisedFirst(a, b) ||
    categoryRank(a.category) - categoryRank(b.category) ||
    strength(b) - strength(a) ||
    a.hunk.path.localeCompare(b.hunk.path) ||
    a.startLine - b.startLine
  );
}

/** The surest way any of the findings' faults shows, as a draft's optional field. */
function surestFailure(findings: readonly Finding[]): Pick<Draft, 'failure'> {
  const [surest] = [...findings].sort(surestFailureFirst);
  return surest?.failure ? { failure: surest.failure } : {};
}

function categoryRank(category: string): number {
  const index = CATEGORY_PRIORITY.indexOf(category as (typeof CATEGORY_PRIORITY)[number]);
  return index === -1 ? CATEGORY_PRIORITY.length : index;
}

/** How sure the golden code makes us of a convention; a rule known without it ranks by its other keys. */
function strength(draft: Draft): number {
  return draft.grounds.kind === 'convention' ? draft.grounds.confidence * draft.grounds.support : 0;
}

function isNit(draft: Draft): boolean {
  return draft.severity === 'info' && NIT_CATEGORIES.has(draft.category);
}

/** One draft per rule in the hunk, merging its findings; undefined evidence ids are ignored. */
function hunkDrafts(hunk: HunkContext, evidence: ReadonlyMap<string, Evidence>): Draft[] {
  const byRule = new Map<string, HunkContext['findings']>();
  for (const item of hunk.findings) byRule.set(item.finding.ruleId, [...(byRule.get(item.finding.ruleId) ?? []), item]);
  const drafts: Draft[] = [];
  for (const [ruleId, items] of byRule) {
    const cited = items.flatMap((item) => item.evidence).map((id) => evidence.get(id));
    const grounds = cited.find((item): item is ConventionEvidence | RuleEvidence => (item?.kind === 'convention' || item?.kind === 'rule') && item.ruleId === ruleId) ?? cited.find((item): item is ConventionEvidence => item?.kind === 'convention');
    if (grounds === undefined) continue;
    const golden = [...new Set(cited.filter((item): item is GoldenEvidence => item?.kind === 'golden'))];
    const findings = items.map((item) => item.finding).sort((a, b) => costliestFirst(a, b) || worstMeasureFirst(a, b));
    // A size note is about its worst case: it points there, and only names the others. A note whose
    // findings cost differently (a transfer that moves money between users, a withdrawal) points at
    // the costliest, which its first rung is about.
    const located = findings[0]?.measured === undefined ? findings.filter((finding) => costliestFirst(finding, findings[0] as Finding) === 0) : findings.slice(0, 1);
    const key = ruleId.split('.').slice(1).join('.');
    drafts.push({
      ruleId,
      key,
      category: key.split('.')[0] ?? '',
      concern: findings.map((finding) => finding.concern).sort((a, b) => mostImportantFirst({ concern: a }, { concern: b }))[0] ?? 'style',
      severity: worstSeverity(findings),
      ...surestFailure(findings),
      hunk,
      findings,
      startLine: Math.min(...located.map((finding) => finding.startLine)),
      endLine: Math.max(...located.map((finding) => finding.endLine)),
      lines: findingLines(located, hunk),
      grounds,
      golden,
    });
  }
  return drafts;
}

/** What a finding costs first, then how surely its fault shows (src/importance). */
function costliestFirst(a: Finding, b: Finding): number {
  return mostImportantFirst(a, b) || surestFailureFirst(a, b);
}

/** The largest measure first (the longest function of several), then by line. */
function worstMeasureFirst(a: Finding, b: Finding): number {
  return (b.measured ?? 0) - (a.measured ?? 0) || a.startLine - b.startLine;
}

/** Each finding's line, and the repeats a grouped finding lists ("The same on 2 more lines (9, 12)."), within the hunk. */
function findingLines(findings: Finding[], hunk: HunkContext): number[] {
  const lines = new Set<number>();
  for (const finding of findings) {
    lines.add(finding.startLine);
    const listed = /The same on \d+ more lines? \(([\d, …]+)\)/.exec(finding.message)?.[1] ?? '';
    for (const number of listed.split(',').map((part) => Number(part.trim()))) {
      if (Number.isInteger(number) && number > 0 && number >= hunk.startLine && number <= hunk.endLine) lines.add(number);
    }
  }
  return [...lines].sort((a, b) => a - b);
}
