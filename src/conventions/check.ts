import type { Tree } from 'web-tree-sitter';
import { CONCERN_SEVERITY, type Concern, type Severity } from '../importance/concern.js';
import type { Fact, Measure } from './facts.js';
import { SIZE_KEYS } from './facts.js';
import { pathFacts } from './layout.js';
import { apiFindings } from './api/check.js';
import { API_KEY_PREFIX } from './api/call-site.js';
import { evidencePhrase } from './evidence.js';
import { conventionFor } from './family.js';
import { collectFacts } from './observe.js';
import { ruleMeta, SIZE_STATEMENTS, sizeAmount } from './rules.js';
import { rulePrefix } from './specs/index.js';
import type { CheckedFile, Convention, Finding, Profile, SizeStats } from './types.js';
import { percent } from './percent.js';

/** Further lines of a grouped finding listed in its message. */
const MAX_LISTED_LINES = 5;

type Ranges = CheckedFile['changed'];

const byIdCache = new WeakMap<Profile, Map<string, Convention>>();

function conventionsById(profile: Profile): Map<string, Convention> {
  let map = byIdCache.get(profile);
  if (!map) {
    map = new Map(profile.conventions.map((c) => [c.id, c]));
    byIdCache.set(profile, map);
  }
  return map;
}

/** Whether lines `start..end` meet a changed range; no ranges means the whole file changed. Shared with pitfalls/. */
export function touches(changed: Ranges, start: number, end = start): boolean {
  return changed === undefined || changed.some((r) => r.start <= end && r.end >= start);
}

/** A file is new when nothing of it is unchanged: only then are its name and place judged. */
function isWholeFile(changed: Ranges, lineCount: number): boolean {
  if (changed === undefined) return true;
  for (let line = 1; line <= lineCount; line++) if (!touches(changed, line)) return false;
  return true;
}

/** Severity follows what a departure costs; a habit learned without a parser is only worth knowing. */
function severityOf(convention: Convention, concern: Concern): Severity {
  return convention.lowConfidence ? 'info' : CONCERN_SEVERITY[concern];
}

/** Past the golden code's size limit, code costs every later change: a design concern. */
const SIZE_CONCERN: Concern = 'design';

function categoricalFinding(file: CheckedFile, fact: Fact, convention: Convention): Finding | undefined {
  const meta = ruleMeta(fact.key);
  if (!meta || meta.statementOnly || meta.conforms(fact.value, convention.expected)) return undefined;
  const subject = fact.symbol ? `\`${fact.symbol}\` is ${fact.value}` : `Line ${fact.line}: ${fact.value}`;
  const caveat = convention.lowConfidence ? ' (learned without a parser: lower confidence)' : '';
  return {
    ruleId: convention.id,
    concern: meta.concern,
    severity: severityOf(convention, meta.concern),
    ...(meta.failure ? { failure: meta.failure } : {}),
    path: file.path,
    startLine: fact.line,
    endLine: fact.line,
    observed: fact.value,
    expected: convention.expected,
    message: `${subject}. ${convention.statement}: ${evidencePhrase(convention, file.language)}.${caveat}`,
    support: convention.support,
    confidence: convention.confidence,
    examples: convention.examples,
    ...(fact.symbol ? { symbol: fact.symbol } : {}),
  };
}

function sizeFinding(file: CheckedFile, measure: Measure, convention: Convention, stats: SizeStats): Finding {
  const words = SIZE_STATEMENTS[measure.key] ?? { noun: 'Cases', unit: '', one: '' };
  const subject = measure.symbol ? `\`${measure.symbol}\`` : 'This file';
  return {
    ruleId: convention.id,
    concern: SIZE_CONCERN,
    severity: severityOf(convention, SIZE_CONCERN),
    path: file.path,
    startLine: measure.start,
    endLine: measure.end,
    observed: sizeAmount(words, measure.value),
    expected: convention.expected,
    message: `${subject} has ${sizeAmount(words, measure.value)}; golden ${words.noun.toLowerCase()} typically have ${sizeAmount(words, stats.median)}, and ${percent(convention.confidence)} of ${convention.support} stay at or under ${stats.limit}.`,
    support: convention.support,
    confidence: convention.confidence,
    examples: convention.examples,
    ...(measure.symbol ? { symbol: measure.symbol } : {}),
    measured: measure.value,
  };
}

/** The findings of one categorical fact: an API call may depart from several habits at once (no timeout, not checked). */
function departures(profile: Profile, conventions: ReadonlyMap<string, Convention>, file: CheckedFile, fact: Fact): Finding[] {
  if (fact.key.startsWith(API_KEY_PREFIX)) return apiFindings(profile, conventions, file, fact);
  const convention = conventionFor(conventions, file.language, fact.key);
  const finding = convention?.enforced ? categoricalFinding(file, fact, convention) : undefined;
  return finding ? [finding] : [];
}

/** Whether a size measure is judged: it must touch the change (a file, only past its limit). */
function sizeTouched(changed: Ranges, measure: Measure, limit: number): boolean {
  if (measure.key === SIZE_KEYS.fileLines) return touches(changed, limit + 1, measure.end);
  return touches(changed, measure.start, measure.end);
}

/**
 * Findings for new or changed code: each enforced convention the changed lines depart from, with
 * what was observed, what the golden code does (support, confidence) and cited examples. Lines
 * outside `changed` are never judged; a file's name and place only when the whole file is new.
 * A `parsed` tree stays the caller's (a review parses once for chunks and findings).
 */
export async function checkFile(profile: Profile, file: CheckedFile, parsed?: Tree | null): Promise<Finding[]> {
  const conventions = conventionsById(profile);
  const prefix = rulePrefix(file.language);
  const facts = await collectFacts(file.text, file.language, parsed);
  const candidates = facts.facts.filter((fact) => touches(file.changed, fact.line));
  if (isWholeFile(file.changed, facts.lines)) candidates.push(...pathFacts(file.path, file.language, facts.lines));
  const findings: Finding[] = [];
  // One note per habit: the same departure repeated in a file is one idea, not many (and a file
  // that deliberately mirrors an external API, say snake_case tool names, is one decision).
  const grouped = new Map<string, { finding: Finding; lines: number[] }>();
  for (const fact of candidates) {
    for (const finding of departures(profile, conventions, file, fact)) {
      const group = grouped.get(`${finding.ruleId}\0${finding.observed}`);
      if (!group) grouped.set(`${finding.ruleId}\0${finding.observed}`, { finding, lines: [] });
      // Two departures on one line are one place to look at.
      else if (fact.line !== group.finding.startLine && !group.lines.includes(fact.line)) group.lines.push(fact.line);
    }
  }
  for (const { finding, lines } of grouped.values()) {
    if (lines.length > 0) finding.message += ` The same on ${lines.length} more line${lines.length > 1 ? 's' : ''} (${lines.slice(0, MAX_LISTED_LINES).join(', ')}${lines.length > MAX_LISTED_LINES ? ', …' : ''}).`;
    findings.push(finding);
  }
  for (const measure of facts.measures) {
    const id = `${prefix}.${measure.key}`;
    const convention = conventions.get(id);
    const stats = profile.sizes[id];
    if (!convention?.enforced || !stats || measure.value <= stats.limit) continue;
    if (sizeTouched(file.changed, measure, stats.limit)) findings.push(sizeFinding(file, measure, convention, stats));
  }
  return findings.sort((a, b) => a.startLine - b.startLine || a.ruleId.localeCompare(b.ruleId));
}
