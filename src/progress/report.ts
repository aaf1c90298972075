import { readDiff } from '../review/diff/read-diff.js';
import type { DiffTarget } from '../review/types.js';
import type { SessionStore } from '../session/store.js';
import { mostSevereFirst } from '../tutor/severity.js';
import { exampleOf, learnerProgress } from './model.js';
import type { ProgressReport, ReadyCheck } from './types.js';

/** Notes read in full per focus topic to find its golden example: the newest usually has one. */
const EXAMPLE_NOTES = 10;


/**
 * The progress summary `archangel progress` prints and `p` shows in watch: the model over the
 * learner's notes and quiz answers in the window, and the open notes of this branch a reviewer
 * would likely raise on the files changed (`changed`, from `changedFiles`). The open notes are the
 * record of the latest reviews, not a new review: a fresh offline review would cost little, but
 * would need the golden index and would record notes.
 */
export function progressReport(session: SessionStore, where: { repo: string; branch: string; since: number | null; now: number; changed?: readonly string[]; target?: DiffTarget }): ProgressReport {
  const since = where.since ?? 0;
  const progress = learnerProgress({
    learner: session.learner,
    notes: session.noteSummaries({ since }),
    quiz: session.quizHistory({ since }),
    since: where.since,
    now: where.now,
  });
  // The summaries carry no evidence: the few focus topics read their newest notes in full.
  const focus = progress.focus.map((item) => ({ ...item, example: item.example ?? exampleOf(session.noteHistory({ topic: item.topic, since, limit: EXAMPLE_NOTES })) }));
  return { progress: { ...progress, focus }, ready: readyCheck(session, where.repo, where.branch, where.changed, where.target) };
}

/**
 * The files the learner changed, compared as `archangel review` compares (`target`: the working
 * tree against HEAD by default, the staged changes, or a range of commits), repository-relative like
 * note paths: "ready for review?" is about these. Reads the diff only; a bad range is USAGE.
 */
export async function changedFiles(repoDir: string, target: DiffTarget = { kind: 'worktree' }): Promise<string[]> {
  const diff = await readDiff(repoDir, target);
  return [...diff.files.map((file) => file.path), ...diff.skipped.map((file) => file.path)];
}

/** The open notes of the branch; only those on `changed` files when given. */
function readyCheck(session: SessionStore, repo: string, branch: string, changed: readonly string[] | undefined, target: DiffTarget | undefined): ReadyCheck {
  const inDiff = changed && new Set(changed);
  const open = session.openNotes({ repo, branch }).filter((note) => !inDiff || inDiff.has(note.path));
  open.sort((a, b) => mostSevereFirst(a, b) || a.path.localeCompare(b.path) || a.startLine - b.startLine);
  const notes = open.map(({ id, topic, title, severity, path, startLine }) => ({ id, topic, title, severity, path, startLine }));
  return { branch, ...(changed ? { changedFiles: changed.length, target: target ?? { kind: 'worktree' } } : {}), notes };
}
