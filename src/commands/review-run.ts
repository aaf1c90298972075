import { openProject } from '../config/project.js';
import { hasConventions, languagesWithoutRules, withoutRulesSentence } from '../conventions/coverage.js';
import type { Profile } from '../conventions/types.js';
import type { Language } from '../index/language.js';
import { formatEvidence, noteToMarkdown, placeOf } from '../review/render-notes.js';
import { atLeast } from '../tutor/severity.js';
import { runReview } from '../review/run-review.js';
import { targetOfFlags } from '../review/diff/target.js';
import type { ResolvedNote } from '../review/types.js';
import type { Note } from '../tutor/types.js';
import { handleError } from '../cli/handle-error.js';
import { palette, severityMark, terminalCaps } from '../cli/terminal.js';
import { openReviewServices } from '../review/open-services.js';
import { unreadFiles } from '../review/unread.js';
import type { ReviewFlags } from './review.js';

/** Exit code when a note is at or above `--fail-on`, or a changed file could not be read: distinct from every error code. */
export const FINDINGS_EXIT_CODE = 10;

export async function reviewCommand(flags: ReviewFlags): Promise<number> {
  const project = await openProject();
  const target = targetOfFlags(flags);
  const services = await openReviewServices(project, { offline: flags.offline ?? false, recordOptional: true, ...(flags.timeout ? { reviewTimeoutMs: Math.round(flags.timeout * 1000) } : {}) });
  const p = palette(terminalCaps(process.stdout).color);
  const err = palette(terminalCaps(process.stderr).color);
  try {
    for (const warning of services.warnings) process.stderr.write(`${err.yellow('note:')} ${warning}\n`);
    if (flags.dryRun) {
      const { printDryRun } = await import('./review-dry-run.js');
      await printDryRun(project, services, target);
      return 0;
    }
    const notes: Note[] = [];
    let skipped: Array<{ path: string; reason: string }> = [];
    let changedFiles = 0;
    let withoutRules: Language[] = [];
    let resolved: ResolvedNote[] = [];
    let unrecorded = services.recordFault;
    for await (const event of runReview({ project, repoDir: project.root, target, tutor: services.tutor, index: services.index, profile: services.profile, session: services.session })) {
      if (event.type === 'context') {
        skipped = event.diff.skipped;
        changedFiles = event.diff.files.length;
        withoutRules = languagesWithoutRules(services.profile, event.context.hunks.map((hunk) => hunk.language));
      }
      if (event.type === 'note-end') notes.push(event.note);
      if (event.type === 'resolved') resolved = event.notes;
      if (event.type === 'waiting') process.stderr.write(`${err.yellow('note:')} ${event.message}\n`);
      if (event.type === 'unrecorded') unrecorded = event.error;
      if (event.type === 'error') process.stderr.write(`${err.yellow('note:')} ${event.message}${event.hint ? `\n${err.yellow('hint:')} ${event.hint}` : ''}\n`);
    }
    const unread = unreadFiles(skipped);
    if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ tutor: services.tutor.label, notes, skipped, languagesWithoutConventions: withoutRules, resolved }, null, 2)}\n`);
    else if (flags.format === 'md') {
      const notRead = unread.map((file) => `**Not reviewed:** \`${file.path}\`: ${file.why}.\n\n`).join('');
      process.stdout.write(`${notRead}${notes.length === 0 ? `No notes${silence(services.profile, withoutRules)}` : notes.map((n) => noteToMarkdown(n, { fold: true })).join('\n\n')}\n`);
    } else {
      for (const note of resolved) process.stdout.write(`${p.green('✓')} resolved since the last review: ${note.title} (${placeOf(note)})\n`);
      for (const file of unread) process.stdout.write(`${p.yellow('!')} ${p.bold(file.path)} was not reviewed: ${file.why}.\n`);
      if (changedFiles > 0) printText(notes, p, services.tutor.label, silence(services.profile, withoutRules), unchecked(services.profile, withoutRules));
      else if (unread.length === 0) process.stdout.write('No changes to review: no source file differs from the commit compared against.\n');
    }
    // The notes are out; a record that could not keep them is told last, with its own exit code.
    if (unrecorded) {
      process.stderr.write(`${err.yellow('note:')} the notes were shown but not recorded:\n`);
      return handleError(unrecorded);
    }
    // A file the review could not read is not silence: the check fails as for a note.
    return flags.failOn && (notes.some((n) => atLeast(n, flags.failOn!)) || unread.length > 0) ? FINDINGS_EXIT_CODE : 0;
  } finally {
    services.close();
  }
}

/**
 * What notes alone do not say: the golden code taught nothing for some of the changed code, so
 * only pitfalls and credentials were checked there (notes from linters are no sign of a full review).
 */
function unchecked(profile: Profile | undefined, withoutRules: Language[]): string | undefined {
  if (!hasConventions(profile)) return 'There is no golden index to compare with yet (run `archangel index`): these notes come from the pitfall and credential checks alone.';
  return withoutRules.length > 0 ? withoutRulesSentence(withoutRules) : undefined;
}

/** Why a review said nothing: no index to compare with, a language the golden code teaches nothing about, or nothing departs. */
function silence(profile: Profile | undefined, withoutRules: Language[]): string {
  if (!hasConventions(profile)) return ': there is no golden index to compare with yet (run `archangel index`).';
  if (withoutRules.length > 0) return `. ${withoutRulesSentence(withoutRules)}`;
  return ': nothing here departs from the golden repositories.';
}

function printText(notes: Note[], p: ReturnType<typeof palette>, tutor: string, why: string, caveat: string | undefined): void {
  if (notes.length === 0) {
    process.stdout.write(`No notes from the ${tutor}${why}\n`);
    return;
  }
  if (caveat) process.stdout.write(p.dim(`${caveat}\n\n`));
  for (const note of notes) {
    process.stdout.write(`${severityMark(p, note.severity)} ${p.bold(`${note.path}:${note.startLine}`)}  ${note.title}\n`);
    const opening = note.ladder.find((rung) => rung.level === (note.opensAt ?? 1)) ?? note.ladder[0];
    process.stdout.write(`  ${opening?.text ?? ''}\n`);
    if (note.adapted) process.stdout.write(p.dim(`  (${note.adapted})\n`));
    for (const evidence of note.evidence) process.stdout.write(p.dim(`  ${formatEvidence(evidence)}\n`));
    process.stdout.write('\n');
  }
  process.stdout.write(p.dim('Hints, the golden example and the change itself: `archangel watch` (h, e), or --format md.\n'));
}

