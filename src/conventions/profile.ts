import type { Language } from '../index/language.js';
import { API_KEY_PREFIX } from './api/call-site.js';
import { apiConventions, countFollowingFiles } from './api/learn.js';
import type { Fact } from './facts.js';
import { folderFacts, pathFacts } from './layout.js';
import { ruleMeta } from './rules.js';
import { sizeConventions } from './size.js';
import { rulePrefix } from './specs/index.js';
import { deviationBudget, MAX_CITATION_LINES, MAX_CITATIONS, MIN_CONFIDENCE, MIN_SUPPORT } from './thresholds.js';
import type { Citation, Convention, GoldenFile, Profile, SizeObservation } from './types.js';
import { OBSERVATIONS_VERSION } from './observe.js';
import { statementConventions } from './statements.js';

/**
 * Version of the Profile format; bump when checkFile would read an old profile wrongly, or when its
 * statements change (2: "1 level of nesting", not "1 levels"; 3: size statements say "typically"
 * and "9 in 10 within", not "median" and "p90"; 4: near-universal habits are enforced in big corpora;
 * 5: API-usage conventions, with their `call`).
 */
export const PROFILE_VERSION = 5;

/** Everything gathered about one rule key in one language. */
interface Tally {
  /** Per value: cases, files holding at least one case, cited examples. */
  values: Map<string, { n: number; files: number; examples: Citation[] }>;
}

/** Everything gathered about one language. */
export interface LanguageTally {
  language: Language;
  files: number;
  lines: number;
  lexical: boolean;
  categorical: Map<string, Tally>;
  sizes: Map<string, { histogram: Map<number, number>; tops: Citation[]; topValues: number[] }>;
  commentDensity: number[];
  indexFiles: number;
  barrels: number;
  topFolders: Map<string, number>;
  /** Per API habit (`api.requests.get.timeout`), the files with a call that has it. */
  apiFiles: Map<string, number>;
}

function newTally(language: Language): LanguageTally {
  return { language, files: 0, lines: 0, lexical: false, categorical: new Map(), sizes: new Map(), commentDensity: [], indexFiles: 0, barrels: 0, topFolders: new Map(), apiFiles: new Map() };
}

function cite(file: GoldenFile, start: number, end: number): Citation {
  return { repo: file.repo, path: file.path, startLine: start, endLine: Math.min(end, start + MAX_CITATION_LINES - 1), commit: file.commit };
}

function addValue(tally: LanguageTally, key: string, value: string, n: number, examples: Citation[]): void {
  let rule = tally.categorical.get(key);
  if (!rule) tally.categorical.set(key, (rule = { values: new Map() }));
  const entry = rule.values.get(value) ?? { n: 0, files: 0, examples: [] };
  entry.n += n;
  entry.files++;
  // One example per file, so the citations show the habit across files.
  const fresh = examples.find((e) => !entry.examples.some((x) => x.repo === e.repo && x.path === e.path));
  if (fresh && entry.examples.length < MAX_CITATIONS) entry.examples.push(fresh);
  rule.values.set(value, entry);
}

function addSize(tally: LanguageTally, key: string, observation: SizeObservation, file: GoldenFile): void {
  let size = tally.sizes.get(key);
  if (!size) tally.sizes.set(key, (size = { histogram: new Map(), tops: [], topValues: [] }));
  for (const [value, count] of Object.entries(observation.h)) {
    size.histogram.set(Number(value), (size.histogram.get(Number(value)) ?? 0) + count);
  }
  const [value, start, end] = observation.top;
  size.tops.push(cite(file, start, end));
  size.topValues.push(value);
}

function addFile(tally: LanguageTally, file: GoldenFile, seenFolders: Set<string>): void {
  const obs = file.observations;
  tally.files++;
  tally.lines += obs.lines;
  tally.lexical ||= obs.lexical === true;
  if (obs.lines > 0) tally.commentDensity.push(obs.commentLines / obs.lines);
  if (/^index\.[cm]?[jt]sx?$/.test(file.path.split('/').pop() ?? '')) {
    tally.indexFiles++;
    if (obs.barrel) tally.barrels++;
  }
  for (const [key, values] of Object.entries(obs.cat)) {
    if (key.startsWith(API_KEY_PREFIX)) countFollowingFiles(key, values, tally.apiFiles);
    for (const [value, count] of Object.entries(values)) {
      addValue(tally, key, value, count.n, count.ex.map(([s, e]) => cite(file, s, e)));
    }
  }
  for (const [key, observation] of Object.entries(obs.size)) addSize(tally, key, observation, file);
  const fromPath: Fact[] = [...pathFacts(file.path, file.language, obs.lines), ...folderFacts(file.path, seenFolders, file.repo)];
  const top = file.path.includes('/') ? file.path.split('/')[0] ?? '' : '(root)';
  tally.topFolders.set(top, (tally.topFolders.get(top) ?? 0) + 1);
  for (const fact of fromPath) addValue(tally, fact.key, fact.value, 1, [cite(file, fact.start, fact.end)]);
}

/** Turns one categorical tally into a convention, choosing the expected value that most cases follow. */
function categoricalConvention(tally: LanguageTally, key: string, rule: Tally): Convention | undefined {
  const meta = ruleMeta(key);
  if (!meta) return undefined;
  const support = [...rule.values.values()].reduce((sum, v) => sum + v.n, 0);
  let best: { value: string; conforming: number } | undefined;
  for (const value of rule.values.keys()) {
    if (!meta.candidate(value)) continue;
    let conforming = 0;
    for (const [observed, entry] of rule.values) if (meta.conforms(observed, value)) conforming += entry.n;
    if (!best || conforming > best.conforming) best = { value, conforming };
  }
  if (!best || support === 0) return undefined;
  const confidence = best.conforming / support;
  // checkFile reports a repeated departure once per file, so departures are counted the same way.
  let departures = 0;
  for (const [observed, entry] of rule.values) if (!meta.conforms(observed, best.value)) departures += entry.files;
  const deviationsPerKloc = tally.lines > 0 ? (departures / tally.lines) * 1000 : Infinity;
  const enforced = !meta.statementOnly && meta.enforceable(best.value) && support >= MIN_SUPPORT && confidence >= MIN_CONFIDENCE && deviationsPerKloc <= deviationBudget(support, confidence);
  return {
    id: `${rulePrefix(tally.language)}.${key}`,
    language: tally.language,
    category: meta.category,
    statement: meta.statement(best.value),
    expected: best.value,
    support,
    confidence,
    examples: rule.values.get(best.value)?.examples ?? [],
    enforced,
    ...(tally.lexical ? { lowConfidence: true } : {}),
  };
}

/**
 * Aggregates the observations of all golden files into a profile: per language, each pattern
 * with its support, confidence and cited examples; enforced only when it clears the thresholds.
 * Files observed by an older observer version are skipped (they must be re-observed).
 */
export function buildProfile(files: Iterable<GoldenFile>): Profile {
  const tallies = new Map<Language, LanguageTally>();
  const seenFolders = new Set<string>();
  for (const file of files) {
    if (file.observations.v !== OBSERVATIONS_VERSION) continue;
    let tally = tallies.get(file.language);
    if (!tally) tallies.set(file.language, (tally = newTally(file.language)));
    addFile(tally, file, seenFolders);
  }
  const conventions: Convention[] = [];
  const sizes: Profile['sizes'] = {};
  const apiCalls: NonNullable<Profile['apiCalls']> = {};
  for (const tally of tallies.values()) {
    for (const [key, rule] of tally.categorical) {
      const convention = categoricalConvention(tally, key, rule);
      if (convention) conventions.push(convention);
    }
    for (const { convention, stats } of sizeConventions(tally)) {
      conventions.push(convention);
      sizes[convention.id] = stats;
    }
    conventions.push(...statementConventions(tally));
    const api = apiConventions(tally);
    conventions.push(...api.conventions);
    Object.assign(apiCalls, api.calls);
  }
  conventions.sort((a, b) => Number(b.enforced) - Number(a.enforced) || b.confidence - a.confidence || b.support - a.support || a.id.localeCompare(b.id));
  return { version: PROFILE_VERSION, conventions, sizes, apiCalls };
}
