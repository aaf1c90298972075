import { classifyFile, classifyPath } from '../../index/classify.js';
import type { Hunk } from '../types.js';
import { newSideText } from './hunks.js';

/**
 * Which changed files are worth a review, decided by the index's own rules (vendored, lock,
 * generated, minified, binary, not source) so that the tutor reviews what the index would compare
 * it with, plus a size limit.
 */

/** Why a tracked file's diff is not reviewed: its path, the size of its diff text, or the new-side text. */
export function skipReasonForHunks(path: string, hunks: readonly Hunk[], maxBytes: number): string | null {
  const byPath = classifyPath(path);
  if (byPath) return byPath;
  let bytes = 0;
  for (const hunk of hunks) for (const line of hunk.lines) bytes += Buffer.byteLength(line.text) + 1;
  if (bytes > maxBytes) return 'too-large';
  const verdict = classifyFile(path, Buffer.from(newSideText(hunks)), Number.POSITIVE_INFINITY);
  return verdict.index ? null : verdict.reason;
}

/** An untracked file's text, or why it is not reviewed. */
export function skipReasonForBytes(path: string, bytes: Uint8Array, maxBytes: number): { text: string } | { reason: string } {
  const verdict = classifyFile(path, bytes, maxBytes);
  return verdict.index ? { text: verdict.text } : { reason: verdict.reason };
}
