import type { Project } from '../config/project.js';
import { learnerAdapter, type LearnerAdapter } from '../progress/adapt.js';
import type { Profile } from '../conventions/types.js';
import type { GoldenIndex } from '../index/golden-index.js';
import type { SessionStore } from '../session/store.js';
import { keepWrittenRungs } from '../tutor/rungs.js';
import type { Tutor } from '../tutor/tutor.js';
import type { Note, TutorEvent, Usage } from '../tutor/types.js';
import { isArchangelError, type ArchangelError } from '../errors/archangel-error.js';
import { appendAudit, auditEntryFor } from './audit.js';
import { currentBranch } from './branch.js';
import { buildReviewContext } from './context/build-context.js';
import { goldenLinterConfig } from './context/golden-linter-config.js';
import type { ReviewContext } from './context/types.js';
import { readDiff, type SeenRepo } from './diff/read-diff.js';
import { fixedNotes, reviewScope } from './resolution.js';
import { softRecord } from './soft-record.js';
import { atLeast } from '../tutor/severity.js';
import { changeKeys, claimChanges, type SharedClaim } from './shared-review.js';
import type { SharedReview } from '../session/shared-reviews.js';
import type { DiffResult, DiffTarget, ResolvedNote } from './types.js';

export interface ReviewRequest {
  project: Project;
  /** The learner's repository (any folder inside it). */
  repoDir: string;
  target: DiffTarget;
  /** Only these files (the watcher passes the file that was saved). */
  paths?: string[] | undefined;
  /** Where the caller's previous review found the repository (see `readDiff`'s `seen`); updated by this one. */
  seen?: SeenRepo | undefined;
  tutor: Tutor;
  /** Open once and reused by long-lived callers (watch); absent: no golden neighbours. */
  index?: GoldenIndex | undefined;
  profile?: Profile | undefined;
  /** Where notes, dismissals and reviews are recorded; absent: nothing is recorded. */
  session?: SessionStore | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Set by long-lived sessions (watch, lsp) sharing `session` with other processes: a file's change
   * another process is reviewing, or has just reviewed, is shown from that review, not reviewed twice.
   */
  share?: { owner: string } | undefined;
}

/** The review's own events around the tutor's: what was diffed and the context built from it. */
export type ReviewEvent =
  | TutorEvent
  | { type: 'context'; diff: DiffResult; context: ReviewContext }
  | { type: 'resolved'; notes: ResolvedNote[] }
  /** The notes were shown but the record could not keep them (or the audit log its entry): why. */
  | { type: 'unrecorded'; error: ArchangelError };

/**
 * One review of the learner's changes: diff, context (conventions, golden neighbours, redaction),
 * the tutor's notes (dismissed ones never shown again), and the record of it all.
 */
export async function* runReview(request: ReviewRequest): AsyncGenerator<ReviewEvent> {
  const { project, tutor, session } = request;
  // Asked alongside the diff, so no git process starts between showing the diff and the notes.
  const branch = session && currentBranch(request.repoDir);
  const prepared = await prepareReview(request);
  yield { type: 'context', diff: prepared.diff, context: prepared.context };
  // A linter that could not run costs its findings, not the review: one line each.
  for (const message of prepared.notices) yield { type: 'error', fatal: false, message };
  if (request.signal?.aborted) return;
  let claim: SharedClaim | undefined;
  try {
    if (request.share && session) claim = await claimChanges(session, request.share.owner, changeKeys({ repo: project.root, config: project.config, tutor: tutor.label, index: request.index }, prepared.diff), request.signal);
  } catch (error) {
    if (request.signal?.aborted) return;
    // A record that cannot take the claim (locked, read-only, damaged) costs the sharing, not the review.
    if (!isArchangelError(error)) throw error;
  }
  try {
    let replayed = 0;
    if (claim && session) {
      for (const event of replay(claim.replayed, session)) {
        if (event.type === 'note-end') replayed++;
        yield event;
      }
      // Every file was reviewed by another process: its notes are recorded already.
      if (claim.replayed.length > 0 && claim.mine.size === 0) {
        yield { type: 'done', notes: replayed };
        return;
      }
    }
    yield* review(request, claim ? onlyPaths(prepared, claim.mine) : prepared, branch, replayed, claim);
  } finally {
    claim?.release();
  }
}

/** The tutor's review of `prepared`, recorded; `shown` notes of other processes' reviews came before it. */
async function* review(request: ReviewRequest, prepared: { diff: DiffResult; context: ReviewContext }, branch: Promise<string> | undefined, shown: number, claim: SharedClaim | undefined): AsyncGenerator<ReviewEvent> {
  const { project, tutor, session } = request;
  const { diff, context } = prepared;
  // Every use of the record is kept off the path that decides which notes are shown (soft-record.ts).
  const record = softRecord(session);
  const started = { repo: project.root, branch: (await branch) ?? 'HEAD', target: request.target, tutor: tutor.label, files: diff.files.map((f) => f.path) };
  const reviewId = record.use((store) => store.startReview(started), undefined);
  // The learner model adapts every tutor's notes the same way: less on mastered topics, more on hard ones.
  const adapter = session && learnerAdapter(session, project.config.mentor.minSeverity);
  const sent = tutor.mode === 'model' ? (record.use((store) => forModelReview(project, context, store, adapter), undefined) ?? forModelReview(project, context, undefined)) : context;
  // Not shown: below mentor.minSeverity, dismissed by the learner, or a minor note on a mastered topic.
  const hide = (note: Pick<Note, 'id' | 'topic' | 'severity'>): boolean => !atLeast(note, project.config.mentor.minSeverity) || record.use((store) => store.isDismissed(note.id) || adapter?.decide(note) === 'drop', false);
  const notes: Note[] = [];
  const hidden = new Set<string>();
  let usage: Usage | undefined;
  let failure: string | undefined;
  for await (const event of tutor.review(sent, request.signal)) {
    if (event.type === 'note-start' && hide(event.note)) hidden.add(event.note.id);
    if ((event.type === 'note-start' && hidden.has(event.note.id)) || ((event.type === 'text' || event.type === 'citation') && hidden.has(event.noteId))) continue;
    if (event.type === 'note-end') {
      if (hidden.has(event.note.id) || hide(event.note)) continue;
      const note = keepWrittenRungs(record.use(() => adapter?.apply(event.note) ?? event.note, event.note), record.use((store) => store.getNote(event.note.id)?.ladder, undefined));
      notes.push(note);
      yield { ...event, note };
      continue;
    }
    if (event.type === 'error') failure = event.message;
    if (event.type === 'done') {
      usage = event.usage;
      // The tutor counts what it wrote; the learner is told what was shown.
      yield { ...event, notes: shown + notes.length };
      continue;
    }
    yield event;
  }
  if (request.signal?.aborted) {
    if (reviewId !== undefined) record.use((store) => store.finishReview(reviewId, { notes: notes.length, error: 'superseded' }), undefined);
    return;
  }
  if (tutor.mode === 'model') record.keep(() => appendAudit(project.stateDir, auditEntryFor('review', tutor.label, sent, usage, failure)));
  const records = reviewId === undefined ? [] : await record.use(async (store) => {
    store.recordNotes(reviewId, notes, (note) => noteCode(context, note));
    // A note opened at the hint was seen at the hint: its fix is not an unaided one.
    for (const note of notes) if (note.opensAt && (store.getNote(note.id)?.maxLevel ?? 1) < note.opensAt) store.climb(note.id, note.opensAt);
    const resolved = store.markResolved(reviewId, await seenFixed(request, store, (await branch) ?? 'HEAD', diff, context, notes));
    store.finishReview(reviewId, { notes: notes.length, ...(usage ? { usage } : {}), ...(failure ? { error: failure } : {}) });
    const fixed: ResolvedNote[] = resolved.flatMap((id) => store.getNote(id) ?? []).map(({ id, path, startLine, endLine, title, topic }) => ({ id, path, startLine, endLine, title, topic }));
    // A failed review is not handed on: the other process may do better with its own.
    if (!failure) claim?.finish(notes, fixed);
    return fixed;
  }, []);
  // Last, once the record holds it: what this save fixed, for the learner to see the gap close.
  if (records.length > 0) yield { type: 'resolved', notes: records };
  if (record.fault) yield { type: 'unrecorded', error: record.fault };
}

/** The notes of reviews another process finished, as it showed them, less those dismissed since; then what they resolved. */
function* replay(reviews: SharedReview[], session: SessionStore): Generator<ReviewEvent> {
  for (const note of reviews.flatMap((review) => review.notes ?? [])) {
    if (session.isDismissed(note.id)) continue;
    const { id, path, startLine, endLine, topic, severity, title, source } = note;
    yield { type: 'note-start', note: { id, path, startLine, endLine, topic, severity, title, source } };
    yield { type: 'note-end', note };
  }
  const resolved = reviews.flatMap((review) => review.resolved ?? []);
  if (resolved.length > 0) yield { type: 'resolved', notes: resolved };
}

/** The diff and context of `paths` only: the files this process reviews when another reviewed the rest. */
function onlyPaths(prepared: { diff: DiffResult; context: ReviewContext }, paths: ReadonlySet<string>): { diff: DiffResult; context: ReviewContext } {
  const { diff, context } = prepared;
  return { diff: { ...diff, files: diff.files.filter((file) => paths.has(file.path)) }, context: { ...context, hunks: context.hunks.filter((hunk) => paths.has(hunk.path)) } };
}

/**
 * The diff (redacted for showing), the context built from it and one line per linter that could not
 * run, before any tutor runs (dry runs and questions stop here).
 */
export async function prepareReview(request: Omit<ReviewRequest, 'tutor' | 'session'>): Promise<{ diff: DiffResult; context: ReviewContext; notices: string[] }> {
  const { project } = request;
  const [read, linters] = await Promise.all([
    readDiff(request.repoDir, request.target, { ...(request.paths ? { paths: request.paths } : {}), ...(request.seen ? { seen: request.seen } : {}) }),
    request.index ? goldenLinterConfig(project, request.index) : undefined,
  ]);
  const built = await buildReviewContext({
    repoRoot: project.root,
    target: request.target,
    diff: read,
    index: request.index,
    profile: request.profile,
    level: project.config.mentor.level,
    maxNotes: project.config.mentor.maxNotesPerSave,
    redact: project.config.privacy.redactSecrets,
    goldenLinterConfig: linters?.config,
  });
  return { ...built, notices: [...(linters?.notices ?? []), ...built.notices] };
}

/**
 * What a model is sent to review `context`: golden code only when privacy allows, and the learner
 * model's word on the topics of this change (the convention findings, and the open notes on its
 * files), decided by the same adapter that adapts the notes afterwards.
 */
export function forModelReview(project: Project, context: ReviewContext, session: SessionStore | undefined, adapter: LearnerAdapter | undefined = session && learnerAdapter(session, project.config.mentor.minSeverity)): ReviewContext {
  const sent = forModel(context, project.config.privacy.sendGoldenSnippets);
  if (!session || !adapter) return sent;
  const paths = [...new Set(context.hunks.map((hunk) => hunk.path))];
  const topics = [
    ...context.hunks.flatMap((hunk) => hunk.findings.map(({ finding }) => ({ topic: finding.ruleId, severity: finding.severity }))),
    ...paths.flatMap((path) => session.openNotes({ repo: project.root, path })),
  ];
  const learner = adapter.guidance(topics);
  return learner.length === 0 ? sent : { ...sent, learner };
}

/** `privacy.sendGoldenSnippets: false` keeps golden code on this machine: only conventions go out. */
export function forModel(context: ReviewContext, sendGolden: boolean): ReviewContext {
  if (sendGolden) return context;
  const kept = new Set(context.evidence.filter((e) => e.kind !== 'golden').map((e) => e.id));
  return {
    ...context,
    evidence: context.evidence.filter((e) => kept.has(e.id)),
    hunks: context.hunks.map((h) => ({ ...h, neighbours: [], findings: h.findings.map((f) => ({ ...f, evidence: f.evidence.filter((id) => kept.has(id)) })) })),
  };
}

/**
 * The open notes of this repository and branch that this review saw fixed (see review/resolution.ts):
 * only notes on the files it diffed, judged on the lines it checked, in the version of the code it read.
 */
async function seenFixed(request: ReviewRequest, session: SessionStore, branch: string, diff: DiffResult, context: ReviewContext, given: Note[]): Promise<string[]> {
  const repo = request.project.root;
  const open = [...new Set(diff.files.map((file) => file.path))].flatMap((path) => session.openNotes({ repo, branch, path }));
  if (open.length === 0) return [];
  const scope = await reviewScope({ repoRoot: repo, target: request.target, diff, context, redact: request.project.config.privacy.redactSecrets }, new Set(open.map((note) => note.path)));
  const judged = open.flatMap((note) => {
    const seenIn = session.getReview(note.lastReviewId)?.target;
    return seenIn ? [{ ...note, seenIn }] : [];
  });
  return fixedNotes(scope, judged, new Set(given.map((note) => note.id)));
}

/** The learner's code a note is about, from the context's hunks. */
function noteCode(context: ReviewContext, note: Note): string {
  const lines: string[] = [];
  for (const hunk of context.hunks) {
    if (hunk.path !== note.path) continue;
    for (const added of hunk.added) if (added.line >= note.startLine && added.line <= note.endLine) lines.push(added.text);
  }
  return lines.join('\n');
}
