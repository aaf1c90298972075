import type { DiffResult } from './types.js';

/**
 * Changed files a review left out because it could not read them: code the learner changed that
 * the mentor never saw. A review says so instead of a silence that would read as approval, and with
 * `--fail-on` they fail the check as a note would. Files left out by design (binary, generated,
 * vendored, too large...) are not among them.
 */
const WHY: Readonly<Record<string, string>> = {
  'not-utf8': 'it is not UTF-8 text; save it as UTF-8 to have it reviewed',
  unreadable: 'it could not be read; check that you may read it',
};

/** The skipped files the review could not read, with why in words. */
export function unreadFiles(skipped: DiffResult['skipped']): Array<{ path: string; why: string }> {
  return skipped.flatMap(({ path, reason }) => (WHY[reason] ? [{ path, why: WHY[reason] }] : []));
}
