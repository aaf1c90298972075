import type { LanguageTally } from '../profile.js';
import { rulePrefix } from '../specs/index.js';
import { deviationBudget, MAX_CITATIONS, MIN_API_AWAIT_SHARE, MIN_API_FILES, MIN_API_STATED_CALLS, MIN_API_STATED_SHARE, MIN_CONFIDENCE, MIN_SUPPORT } from '../thresholds.js';
import type { Citation, Convention, ValueCount } from '../types.js';
import { API_KEY_PREFIX, decodeSite, type CallSite, type CheckForm } from './call-site.js';
import { habitKey, isLearnableOption, judge, type ApiAspect, type ApiCall } from './habits.js';
import { apiExpected, apiStatement } from './words.js';

/**
 * API-usage conventions from the call sites of every golden file: for each callee, each option its
 * calls pass and each way they are handled (awaited, in a try, checked, managed), how many of the
 * calls it applies to have it. Stated when most calls do; enforced on the same terms as every other
 * convention, and only when calls in several files do it.
 */

type Habit = Pick<ApiCall, 'aspect' | 'option'>;

const HANDLING: readonly ApiAspect[] = ['awaited', 'in-try', 'checked', 'managed'];

/** The habits one callee's calls may have: each option any of them passes, and each way of handling them. */
function habitsOf(sites: readonly CallSite[]): Habit[] {
  const options = new Set(sites.flatMap((site) => site.options).filter(isLearnableOption));
  return [...[...options].sort().map((option): Habit => ({ aspect: 'option', option })), ...HANDLING.map((aspect): Habit => ({ aspect }))];
}

/**
 * Counts, for one file's calls of one callee, the files that follow each habit: a habit is enforced
 * only when calls in MIN_API_FILES files have it. Called by buildProfile once per file and key.
 */
export function countFollowingFiles(key: string, values: Record<string, ValueCount>, counts: Map<string, number>): void {
  const callee = key.slice(API_KEY_PREFIX.length);
  const sites = Object.keys(values).map((signature) => decodeSite(callee, signature));
  for (const habit of habitsOf(sites)) {
    if (sites.some((site) => judge(site, habit) === 'follows')) {
      const id = habitKey({ callee, ...habit });
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
}

interface Count {
  follows: number;
  departs: number;
  /** Awaited with `await` itself, not only handed on (for MIN_API_AWAIT_SHARE). */
  awaits: number;
  departingFiles: number;
  examples: Citation[];
  forms: Map<CheckForm, number>;
}

function countHabit(sites: ReadonlyArray<{ site: CallSite; entry: { n: number; files: number; examples: Citation[] } }>, habit: Habit): Count {
  const count: Count = { follows: 0, departs: 0, awaits: 0, departingFiles: 0, examples: [], forms: new Map() };
  for (const { site, entry } of sites) {
    const verdict = judge(site, habit);
    if (verdict === 'not applicable') continue;
    if (site.awaited) count.awaits += entry.n;
    if (verdict === 'departs') {
      count.departs += entry.n;
      count.departingFiles += entry.files;
      continue;
    }
    count.follows += entry.n;
    if (site.check) count.forms.set(site.check, (count.forms.get(site.check) ?? 0) + entry.n);
    for (const example of entry.examples) {
      if (count.examples.length < MAX_CITATIONS && !count.examples.some((e) => e.repo === example.repo && e.path === example.path)) count.examples.push(example);
    }
  }
  return count;
}

/** The check most following calls make: what the statement names. */
function commonestForm(forms: ReadonlyMap<CheckForm, number>): CheckForm | undefined {
  return [...forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** The API-usage conventions of one language, and how often it calls each callee called at least MIN_SUPPORT times. */
export function apiConventions(tally: LanguageTally): { conventions: Convention[]; calls: Record<string, number> } {
  const out: Convention[] = [];
  const calls: Record<string, number> = {};
  for (const [key, rule] of tally.categorical) {
    if (!key.startsWith(API_KEY_PREFIX)) continue;
    const callee = key.slice(API_KEY_PREFIX.length);
    // The most common signatures first, so examples come from the typical calls.
    const sites = [...rule.values].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0])).map(([signature, entry]) => ({ site: decodeSite(callee, signature), entry }));
    const total = sites.reduce((sum, { entry }) => sum + entry.n, 0);
    if (total >= MIN_SUPPORT) calls[`${rulePrefix(tally.language)}.${key}`] = total;
    for (const habit of habitsOf(sites.map((s) => s.site))) {
      const count = countHabit(sites, habit);
      const support = count.follows + count.departs;
      const confidence = support > 0 ? count.follows / support : 0;
      if (support < MIN_API_STATED_CALLS || confidence < MIN_API_STATED_SHARE) continue;
      if (habit.aspect === 'awaited' && count.awaits < support * MIN_API_AWAIT_SHARE) continue;
      const form = habit.aspect === 'checked' ? commonestForm(count.forms) : undefined;
      const call: ApiCall = { callee, ...habit, ...(form ? { form } : {}) };
      const id = habitKey(call);
      const files = tally.apiFiles.get(id) ?? 0;
      const deviationsPerKloc = tally.lines > 0 ? (count.departingFiles / tally.lines) * 1000 : Infinity;
      out.push({
        id: `${rulePrefix(tally.language)}.${id}`,
        language: tally.language,
        category: 'api',
        statement: apiStatement(tally.language, call),
        expected: apiExpected(tally.language, call),
        support,
        confidence,
        examples: count.examples,
        enforced: support >= MIN_SUPPORT && confidence >= MIN_CONFIDENCE && files >= MIN_API_FILES && deviationsPerKloc <= deviationBudget(support, confidence),
        call,
      });
    }
  }
  return { conventions: out, calls };
}
