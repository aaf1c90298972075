import type { LanguageTally } from './profile.js';
import { median } from './quantiles.js';
import { rulePrefix } from './specs/index.js';
import type { Convention } from './types.js';
import { percent } from './percent.js';

/**
 * Habits described but never enforced, because no single line of new code can break them:
 * comment density, barrel files, the top-level folder structure.
 */
export function statementConventions(tally: LanguageTally): Convention[] {
  const prefix = rulePrefix(tally.language);
  const base = { language: tally.language, examples: [], enforced: false, ...(tally.lexical ? { lowConfidence: true } : {}) };
  const out: Convention[] = [];
  if (tally.commentDensity.length > 0) {
    const mid = median(tally.commentDensity);
    const near = tally.commentDensity.filter((d) => d >= mid / 2 && d <= mid * 2).length;
    out.push({
      ...base,
      id: `${prefix}.docs.comment-density`,
      category: 'docs',
      statement: `About ${percent(mid)} of lines are comments (median per file)`,
      expected: percent(mid),
      support: tally.commentDensity.length,
      confidence: near / tally.commentDensity.length,
    });
  }
  if (tally.indexFiles > 0) {
    const barrels = tally.barrels / tally.indexFiles > 0.5;
    out.push({
      ...base,
      id: `${prefix}.imports.barrel`,
      category: 'imports',
      statement: barrels ? 'Index files are barrels that only re-export' : 'Index files hold code, not just re-exports',
      expected: barrels ? 'barrel' : 'code',
      support: tally.indexFiles,
      confidence: barrels ? tally.barrels / tally.indexFiles : 1 - tally.barrels / tally.indexFiles,
    });
  }
  const folders = [...tally.topFolders].sort((a, b) => b[1] - a[1]).slice(0, 3);
  if (folders.length > 0 && tally.files > 0) {
    const covered = folders.reduce((sum, [, n]) => sum + n, 0);
    out.push({
      ...base,
      id: `${prefix}.layout.top-folders`,
      category: 'layout',
      statement: `Code lives in ${folders.map(([name, n]) => `${name}/ (${percent(n / tally.files)})`).join(', ')}`,
      expected: folders.map(([name]) => name).join(', '),
      support: tally.files,
      confidence: covered / tally.files,
    });
  }
  return out;
}
