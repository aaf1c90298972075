import type { Profile } from '../../conventions/types.js';
import type { GoldenIndex } from '../../index/golden-index.js';
import type { GoldenLinterConfig } from '../../pitfalls/golden-config/types.js';
import { raisedFirst } from '../../tutor/severity.js';
import { SECRET_FILE } from '../diff/read-diff.js';
import { secretFileFinding } from '../secrets/findings.js';
import type { DiffResult, DiffTarget, FileChange, Hunk } from '../types.js';
import { ComparableGolden } from './comparable.js';
import { attachFindingEvidence, attachNeighbours, EvidenceList } from './evidence.js';
import { hunkContext, readFileView, redactedDiff, type FileView } from './file-view.js';
import { CONTEXT_LIMITS } from './limits.js';
import type { HunkContext, ReviewContext } from './types.js';

export interface BuildContextOptions {
  repoRoot: string;
  target: DiffTarget;
  diff: DiffResult;
  /** The golden index; without it there are no neighbours (conventions still work if a profile exists). */
  index?: GoldenIndex | undefined;
  profile?: Profile | undefined;
  level: ReviewContext['level'];
  maxNotes: number;
  /** Redact secrets in everything the context holds (privacy.redactSecrets). */
  redact: boolean;
  /** Linter rules the golden repos turn off: not raised against the learner either. */
  goldenLinterConfig?: GoldenLinterConfig | undefined;
}

/**
 * Turns a diff into the evidence a tutor works from: for each changed hunk, the enclosing symbol,
 * the convention findings on its added lines, and the golden code most like it; every piece of
 * evidence numbered once. Everything is redacted before it is put in the context; the diff comes
 * back redacted the same way, for showing.
 */
export async function buildReviewContext(options: BuildContextOptions): Promise<{ context: ReviewContext; diff: DiffResult; notices: string[] }> {
  const evidence = new EvidenceList(CONTEXT_LIMITS.maxEvidence);
  const files = new Map<string, Promise<FileView>>();
  const hunks: HunkContext[] = [];
  const golden = new Map<HunkContext, ComparableGolden>();
  for (const { file, hunk } of rankHunks(options.diff.files).slice(0, CONTEXT_LIMITS.maxHunks)) {
    let view = files.get(file.path);
    if (!view) files.set(file.path, (view = readFileView(file, options)));
    const built = await hunkContext(file, hunk, await view, options.redact);
    hunks.push(built.context);
    if (options.index) golden.set(built.context, new ComparableGolden(options.index, { code: built.code, language: file.language, path: file.path }));
  }
  hunks.push(...secretFileHunks(options.diff));
  await attachFindingEvidence(hunks, golden, options, evidence);
  await attachNeighbours(hunks, golden, options.redact, evidence);
  const context: ReviewContext = {
    hunks: hunks.sort((a, b) => a.path.localeCompare(b.path) || a.startLine - b.startLine),
    evidence: evidence.items,
    findings: describeFindings(hunks),
    level: options.level,
    maxNotes: options.maxNotes,
  };
  const notices = [...new Set((await Promise.all(files.values())).flatMap((view) => view.notices))];
  return { context, diff: options.redact ? await redactedDiff(options, files) : options.diff, notices };
}

/** A note's place for each file of secrets git can see: it is never read, so its "hunk" shows nothing of it. */
function secretFileHunks(diff: DiffResult): HunkContext[] {
  return diff.skipped.flatMap(({ path, reason }) => {
    const finding = reason === SECRET_FILE ? secretFileFinding(path) : undefined;
    if (!finding) return [];
    return [{ path, language: undefined, startLine: 1, endLine: 1, text: '(not read: a file of secrets)', symbol: null, added: [], findings: [{ finding, evidence: [] }], neighbours: [] }];
  });
}

/** Hunks that add code, biggest change first (a one-line tweak matters less than a new function). */
function rankHunks(files: FileChange[]): Array<{ file: FileChange; hunk: Hunk }> {
  return files
    .filter((file) => file.status !== 'deleted')
    .flatMap((file) => file.hunks.map((hunk) => ({ file, hunk })))
    .filter(({ hunk }) => hunk.lines.some((line) => line.kind === 'add'))
    .sort((a, b) => addedCount(b.hunk) - addedCount(a.hunk));
}

function addedCount(hunk: Hunk): number {
  return hunk.lines.filter((line) => line.kind === 'add').length;
}

/** The findings as short lines for the model, most important first, citing their evidence ids. */
function describeFindings(hunks: HunkContext[]): string {
  return hunks
    .flatMap((hunk) => hunk.findings)
    .sort((a, b) => raisedFirst(a.finding, b.finding))
    .map(({ finding, evidence }) => `${finding.path}:${finding.startLine} ${finding.ruleId} (${finding.concern}, ${finding.severity}): ${finding.message}${evidence.length ? ` [${evidence.join(', ')}]` : ''}`)
    .join('\n');
}
