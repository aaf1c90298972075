import { CONCERN_SEVERITY, type Concern } from '../../importance/concern.js';
import { evidencePhrase } from '../evidence.js';
import type { Fact } from '../facts.js';
import { conventionFor } from '../family.js';
import { rulePrefix } from '../specs/index.js';
import { MIN_SUPPORT } from '../thresholds.js';
import type { CheckedFile, Convention, Finding, Profile } from '../types.js';
import { API_KEY_PREFIX, decodeSite } from './call-site.js';
import { habitKey, judge } from './habits.js';
import { apiObserved } from './words.js';

/** A call without its timeout, its await, its check or its cleanup risks a hang, a lost error or a leak. */
const CONCERN: Concern = 'correctness';

const keysCache = new WeakMap<Profile, Map<string, string[]>>();

/**
 * Per callee, the rule keys of its habits learned in any language (`api.fetch.awaited`), so a
 * JavaScript call can be held to a habit its TypeScript siblings lend it.
 */
function habitKeysByCallee(profile: Profile): Map<string, string[]> {
  let map = keysCache.get(profile);
  if (!map) {
    map = new Map();
    for (const convention of profile.conventions) {
      if (!convention.call) continue;
      const key = habitKey(convention.call);
      const keys = map.get(convention.call.callee) ?? [];
      if (!keys.includes(key)) map.set(convention.call.callee, [...keys, key]);
    }
    keysCache.set(profile, map);
  }
  return map;
}

/**
 * The findings of one call site (`fact` is an `api.<callee>` fact): each enforced habit of its
 * callee that the call departs from, with the golden calls that have it as examples.
 */
export function apiFindings(profile: Profile, conventions: ReadonlyMap<string, Convention>, file: CheckedFile, fact: Fact): Finding[] {
  const callee = fact.key.slice(API_KEY_PREFIX.length);
  const site = decodeSite(callee, fact.value);
  const prefix = rulePrefix(file.language);
  // A language whose golden code calls this often has habits of its own (or none): nothing is lent.
  const ownOnly = (profile.apiCalls?.[`${prefix}.${fact.key}`] ?? 0) >= MIN_SUPPORT;
  const findings: Finding[] = [];
  for (const key of habitKeysByCallee(profile).get(callee) ?? []) {
    const convention = ownOnly ? conventions.get(`${prefix}.${key}`) : conventionFor(conventions, file.language, key);
    if (!convention?.enforced || !convention.call || judge(site, convention.call) !== 'departs') continue;
    const observed = apiObserved(file.language, convention.call);
    // Named as the learner wrote it (`rq.get`); the rule says which callee that is (`requests.get`).
    const written = fact.symbol ?? callee;
    findings.push({
      ruleId: convention.id,
      concern: CONCERN,
      severity: CONCERN_SEVERITY[CONCERN],
      // A result nobody checks, a promise nobody awaits: the failure happens and nobody sees it.
      ...(convention.call.aspect === 'checked' || convention.call.aspect === 'awaited' ? { failure: 'hidden' as const } : {}),
      path: file.path,
      startLine: fact.line,
      endLine: fact.line,
      observed,
      expected: convention.expected,
      message: `\`${written}\` is ${observed}. ${convention.statement}: ${evidencePhrase(convention, file.language, 'calls')}.`,
      support: convention.support,
      confidence: convention.confidence,
      examples: convention.examples,
      symbol: written,
      call: convention.call,
    });
  }
  return findings;
}
