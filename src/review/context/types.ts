import type { Finding } from '../../conventions/types.js';
import type { Language } from '../../index/language.js';
import type { ReviewHunk, ReviewInput } from '../../tutor/claude/review-input.js';

/**
 * Everything a tutor may use to write notes on one review: the changed hunks (redacted), the
 * convention findings on their changed lines and the golden code most like them, each piece of
 * evidence with an id (E1, E2...) that notes cite. Built by `buildReviewContext`; the offline
 * mentor and the Claude tutor read the same context, so their notes rest on the same evidence.
 */
export interface ReviewContext extends ReviewInput {
  hunks: HunkContext[];
}

export interface HunkContext extends ReviewHunk {
  language: Language | undefined;
  /** The lines this change added, by new-file line number (what notes may point at). */
  added: Array<{ line: number; text: string }>;
  /** Convention findings on the added lines, with the ids of their evidence (the convention, and golden examples of it). */
  findings: Array<{ finding: Finding; evidence: string[] }>;
  /** Ids of golden evidence most like this hunk's code, best first. */
  neighbours: string[];
}
