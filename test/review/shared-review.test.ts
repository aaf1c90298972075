import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openProject, type Project } from '../../src/config/project.js';
import { conventionsObserver } from '../../src/conventions/learn.js';
import { createEmbeddingProvider } from '../../src/index/embed/create.js';
import { runIndex } from '../../src/index/indexer/run-index.js';
import { openReviewServices, type ReviewServices } from '../../src/review/open-services.js';
import { runReview, type ReviewEvent } from '../../src/review/run-review.js';
import { changeKeys, sharedReviewOwner } from '../../src/review/shared-review.js';
import { readDiff } from '../../src/review/diff/read-diff.js';
import type { Note } from '../../src/tutor/types.js';
import { removeTempDirs, type TestRepo } from '../helpers/git.js';
import { learnerRepo, SWALLOWED_ERROR, zodGolden } from '../helpers/learner.js';

/**
 * Two sessions on one learner record, as `watch` and `lsp` are on one repository: a save is
 * reviewed by whichever claims it first, and the other shows that review's notes without
 * reviewing or recording it again. Each session has its own connection to the real state.db.
 */

let learner: TestRepo;
let project: Project;
const opened: ReviewServices[] = [];

beforeAll(async () => {
  learner = learnerRepo(zodGolden());
  project = await openProject(learner.dir);
  await runIndex({ config: project.config, root: project.root, indexPath: project.indexPath, cacheDir: join(project.root, '.cache'), embedder: createEmbeddingProvider({ provider: 'local' }, {}), observer: conventionsObserver });
  appendFileSync(join(learner.dir, 'src/users.ts'), SWALLOWED_ERROR);
}, 120_000);
afterEach(() => {
  for (const services of opened.splice(0)) services.close();
  const db = new Database(join(project.stateDir, 'state.db'));
  db.exec('DELETE FROM shared_reviews; DELETE FROM hint_events; DELETE FROM notes; DELETE FROM reviews;');
  db.close();
});
afterAll(removeTempDirs);

async function services(): Promise<ReviewServices> {
  const opening = await openReviewServices(project, { offline: true });
  opened.push(opening);
  return opening;
}

async function review(active: ReviewServices, owner: string, signal?: AbortSignal): Promise<{ notes: Note[]; events: ReviewEvent[] }> {
  const events: ReviewEvent[] = [];
  const request = { project, repoDir: learner.dir, target: { kind: 'worktree' as const }, paths: ['src/users.ts'], tutor: active.tutor, index: active.index, profile: active.profile, session: active.session, share: { owner }, signal };
  for await (const event of runReview(request)) events.push(event);
  return { notes: events.flatMap((event) => (event.type === 'note-end' ? [event.note] : [])), events };
}

function reviewRows(): number {
  const db = new Database(join(project.stateDir, 'state.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Claims the save's change for `owner` by hand, as a process in the middle of reviewing it would. */
async function claimAs(active: ReviewServices, owner: string): Promise<string> {
  const diff = await readDiff(learner.dir, { kind: 'worktree' }, { paths: ['src/users.ts'] });
  const [change] = changeKeys({ repo: project.root, config: project.config, tutor: active.tutor.label, index: active.index }, diff);
  active.session.claimSharedReviews([change!], owner, () => true);
  return change!.key;
}

describe('a save reviewed by two sessions on one record', () => {
  it('is reviewed once: the second session shows the first one\'s notes and records nothing more', async () => {
    const [watch, lsp] = [await services(), await services()];
    const first = await review(watch, sharedReviewOwner());
    expect(first.notes.length).toBeGreaterThan(0);
    const seen = first.notes.map((note) => watch.session.getNote(note.id)!.timesSeen);

    const second = await review(lsp, sharedReviewOwner());
    expect(second.notes).toEqual(first.notes);
    expect(second.events.at(-1)).toEqual({ type: 'done', notes: first.notes.length });
    expect(reviewRows()).toBe(1);
    expect(first.notes.map((note) => lsp.session.getNote(note.id)!.timesSeen)).toEqual(seen);
  }, 60_000);

  it('leaves out of the second showing a note dismissed in between', async () => {
    const [watch, lsp] = [await services(), await services()];
    const first = await review(watch, sharedReviewOwner());
    const [dismissed, ...kept] = first.notes;
    lsp.session.dismiss(dismissed!.id);
    expect((await review(lsp, sharedReviewOwner())).notes).toEqual(kept);
  }, 60_000);

  it('waits for a review another live process is running, then shows its notes', async () => {
    const [watch, lsp] = [await services(), await services()];
    const reference = await review(watch, sharedReviewOwner());
    // A live process (this one) holds the change: the second session waits for it to finish.
    const holder = `${hostname()}:${process.pid}:holder`;
    const key = await claimAs(watch, holder);
    let finished = false;
    const waiting = review(lsp, sharedReviewOwner()).then((result) => {
      expect(finished).toBe(true);
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    finished = true;
    watch.session.finishSharedReviews(holder, [{ key, notes: reference.notes.slice(0, 1), resolved: [] }]);
    expect((await waiting).notes).toEqual(reference.notes.slice(0, 1));
  }, 60_000);

  it('takes over a change whose reviewer died mid-review, and reviews it itself', async () => {
    const [watch, lsp] = [await services(), await services()];
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await claimAs(watch, `${hostname()}:${gone}:dead`);
    const result = await review(lsp, sharedReviewOwner());
    expect(result.notes.length).toBeGreaterThan(0);
    expect(reviewRows()).toBe(1);
  }, 60_000);

  it('stops waiting when the review is superseded, holding nothing', async () => {
    const [watch, lsp] = [await services(), await services()];
    await claimAs(watch, `${hostname()}:${process.pid}:holder`);
    const abort = new AbortController();
    const waiting = review(lsp, sharedReviewOwner(), abort.signal);
    setTimeout(() => abort.abort(), 200);
    const result = await waiting;
    expect(result.events.map((event) => event.type)).toEqual(['context']);
    expect(reviewRows()).toBe(0);
  }, 60_000);

  it('is reviewed afresh by the session that reviewed it before, as when it was alone', async () => {
    const watch = await services();
    const owner = sharedReviewOwner();
    await review(watch, owner);
    await review(watch, owner);
    expect(reviewRows()).toBe(2);
  }, 60_000);
});
