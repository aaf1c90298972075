import type { LanguageTally } from './profile.js';
import { quantile } from './quantiles.js';
import { SIZE_STATEMENTS, sizeAmount } from './rules.js';
import { rulePrefix } from './specs/index.js';
import { MAX_CITATIONS, MIN_SIZE_SUPPORT, SIZE_LIMIT_P90_FACTOR, SIZE_LIMIT_QUANTILE } from './thresholds.js';
import type { Citation, Convention, SizeStats } from './types.js';

/**
 * Size and shape conventions: function length, parameter count, nesting depth and file length,
 * each as median / p90 / p99 of the golden code, with a limit above which new code is reported.
 */
export function sizeConventions(tally: LanguageTally): Array<{ convention: Convention; stats: SizeStats }> {
  const out: Array<{ convention: Convention; stats: SizeStats }> = [];
  for (const [key, size] of tally.sizes) {
    const words = SIZE_STATEMENTS[key];
    if (!words) continue;
    const support = [...size.histogram.values()].reduce((sum, n) => sum + n, 0);
    const median = quantile(size.histogram, 0.5);
    const p90 = quantile(size.histogram, 0.9);
    const p99 = quantile(size.histogram, SIZE_LIMIT_QUANTILE);
    const max = quantile(size.histogram, 1);
    const limit = Math.max(p99, Math.ceil(p90 * SIZE_LIMIT_P90_FACTOR), 1);
    let within = 0;
    for (const [value, count] of size.histogram) if (value <= limit) within += count;
    const stats: SizeStats = { median, p90, p99, max, limit };
    out.push({
      stats,
      convention: {
        id: `${rulePrefix(tally.language)}.${key}`,
        language: tally.language,
        category: 'size',
        // Said as a reader would say it: "typically" is the median, "9 in 10" the 90th percentile.
        statement: `${words.noun}: typically ${sizeAmount(words, median)}, 9 in 10 within ${p90}, rarely over ${limit}`,
        expected: `<= ${sizeAmount(words, limit)}`,
        support,
        confidence: support > 0 ? within / support : 0,
        examples: examplesNear(size.tops, size.topValues, limit),
        enforced: support >= MIN_SIZE_SUPPORT && limit > median,
        ...(tally.lexical ? { lowConfidence: true } : {}),
      },
    });
  }
  return out;
}

/** Golden cases that are large yet within the limit: what "as big as it gets here" looks like. */
function examplesNear(tops: Citation[], values: number[], limit: number): Citation[] {
  return tops
    .map((citation, index) => ({ citation, value: values[index] ?? 0 }))
    .filter((t) => t.value <= limit)
    .sort((a, b) => b.value - a.value)
    .slice(0, MAX_CITATIONS)
    .map((t) => t.citation);
}
