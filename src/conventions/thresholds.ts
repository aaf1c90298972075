/**
 * When a pattern counts as a convention, and when a convention is enforced. Precision first: a
 * tutor that nags about code the team itself wrote teaches nothing, so every limit here errs on
 * the side of silence.
 */

/**
 * Fewer cases than this and a share means little: with 20 cases at 95%, the 95% Wilson interval
 * still reaches down to ~76%. Below it, a pattern is reported as a statement but never enforced.
 */
export const MIN_SUPPORT = 20;

/**
 * A habit followed by less than 90% of the cases is a tendency, not a convention: the team
 * clearly accepts both, so a tutor must not take sides.
 */
export const MIN_CONFIDENCE = 0.9;

/**
 * Departures the golden code itself has, per 1,000 golden lines, counted as checkFile reports them
 * (once per file and observed value). Checking a held-out golden file raises about this many
 * findings per 1,000 lines for the rule, so it is a direct estimate of the rule's false-alarm rate. The whole checker must stay under 5 per 1,000 lines across ~20 rules,
 * so each rule gets a quarter of a point.
 */
export const MAX_DEVIATIONS_PER_KLOC = 0.25;

/**
 * A habit nearly everyone follows is the team's rule even in a large corpus whose few departures
 * add up past the quarter point above: at 99% of 14,257 cases, `any` was off only because 1%
 * of a big corpus is many files. Such a habit may spend up to this many departures per 1,000
 * golden lines, still well inside the checker's total of 5 (bench/conventions-false-alarms.ts).
 */
export const NEAR_UNIVERSAL_CONFIDENCE = 0.98;
export const NEAR_UNIVERSAL_MIN_SUPPORT = 200;
export const MAX_NEAR_UNIVERSAL_DEVIATIONS_PER_KLOC = 1.5;

/** Departures per 1,000 golden lines a habit may have and still be enforced: the two limits above. */
export function deviationBudget(support: number, confidence: number): number {
  const nearUniversal = confidence >= NEAR_UNIVERSAL_CONFIDENCE && support >= NEAR_UNIVERSAL_MIN_SUPPORT;
  return nearUniversal ? MAX_NEAR_UNIVERSAL_DEVIATIONS_PER_KLOC : MAX_DEVIATIONS_PER_KLOC;
}

/**
 * Size limits are quantiles, and a 99th percentile needs at least 100 cases to be more than the
 * maximum of a small sample.
 */
export const MIN_SIZE_SUPPORT = 100;

/**
 * Size findings start above the 99th percentile of the golden code (only 1% of golden functions
 * would be flagged) and never below twice the 90th (so a tight, uniform corpus does not turn a
 * slightly longer function into a finding).
 */
export const SIZE_LIMIT_QUANTILE = 0.99;
export const SIZE_LIMIT_P90_FACTOR = 2;

/**
 * Example line ranges kept per value per file in the stored observations: the profile cites one
 * place per file (so its examples show a habit across files), so a second was never read.
 */
export const MAX_EXAMPLES_PER_FILE = 1;

/** Golden examples cited per convention or finding: enough to compare, few enough to read. */
export const MAX_CITATIONS = 3;

/** A cited example longer than this is clipped: the tutor shows it side by side in a terminal. */
export const MAX_CITATION_LINES = 15;

/**
 * An API habit (calls to X pass Y, are awaited, checked…) is enforced only when golden calls in at
 * least this many files follow it: forty calls in one file are one author's habit, or one generated
 * file's (a protobuf module calls one constructor hundreds of times with the same keywords). With
 * the other limits above, 3 and 5 enforced the same rules on bench/conventions-api.ts, with no
 * false alarm; 1 let single-file habits through.
 */
export const MIN_API_FILES = 3;

/**
 * An API habit is stated (listed, written into the style guide) once this many golden calls could
 * follow it and three in four do: "`X` calls pass `y=`" must be true of most calls to be worth
 * saying, and below that every key of every object some call is given would be a line of
 * `archangel conventions` (a schema library's `z.object({ … })` shapes are not options).
 */
export const MIN_API_STATED_CALLS = 10;
export const MIN_API_STATED_SHARE = 0.75;

/**
 * "Calls to X are awaited" is learned only for an X that golden code awaits with `await` in at least
 * half of its calls: an asynchronous API. A synchronous helper that happens to be returned most of
 * the time is not one to await.
 */
export const MIN_API_AWAIT_SHARE = 0.5;
