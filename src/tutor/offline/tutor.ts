import { ArchangelError } from '../../errors/archangel-error.js';
import { debug } from '../../log/logger.js';
import type { PairContext } from '../pair.js';
import type { ReviewContext } from '../../review/context/types.js';
import type { Tutor } from '../tutor.js';
import type { Note, TutorEvent } from '../types.js';
import { buildNote, questionOf } from './build-note.js';
import { selectDrafts } from './select.js';

/**
 * The mentor without a model: notes from the findings on the changed lines (credentials, git's
 * conflict markers, linters' pitfalls, the golden code's conventions), worded by editable templates, grounded in the same evidence the
 * Claude tutor would cite. It streams the same events, so consumers cannot tell the two apart
 * except by `source` and `mode`.
 */

export interface OfflineTutorOptions {
  /** The project root: templates in `<projectRoot>/.archangel/prompts/` override the shipped ones. */
  projectRoot: string;
  /** A pair session: the first rung is put to the navigator and the driver (the `pair` template section). */
  pair?: PairContext;
}

/**
 * A tutor that writes notes with no API key and no network. `review` gives notes on one save,
 * ranked, at most `context.maxNotes`; none when nothing is worth saying.
 */
export interface OfflineTutor extends Tutor {
  readonly mode: 'offline';
}

/** How the offline mentor names itself in headers and the audit log. */
export const OFFLINE_LABEL = 'offline mentor';

/** Creates the offline mentor for a project. */
export function createOfflineTutor(options: OfflineTutorOptions): OfflineTutor {
  return {
    mode: 'offline',
    label: OFFLINE_LABEL,
    review: (context, signal) => review(context, options.projectRoot, options.pair, signal),
    hint: (note) => hint(note),
  };
}

/** The offline ladder is written whole with the note: climbing shows the rung it already holds. */
async function* hint(note: Note): AsyncGenerator<TutorEvent> {
  yield { type: 'note-end', note };
  yield { type: 'done', notes: 0 };
}

async function* review(context: ReviewContext, projectRoot: string, pair: PairContext | undefined, signal: AbortSignal | undefined): AsyncGenerator<TutorEvent> {
  const drafts = selectDrafts(context);
  debug('tutor', 'offline review', { hunks: context.hunks.length, findings: context.hunks.reduce((n, hunk) => n + hunk.findings.length, 0), notes: drafts.length });
  let notes = 0;
  for (const draft of drafts) {
    if (signal?.aborted) return;
    let note: Note;
    try {
      note = await buildNote(draft, context, projectRoot, pair);
    } catch (error) {
      // A broken team template costs that note, not the review.
      if (!(error instanceof ArchangelError)) throw error;
      yield { type: 'error', fatal: false, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
      continue;
    }
    if (signal?.aborted) return;
    yield* noteEvents(note);
    notes += 1;
  }
  yield { type: 'done', notes };
}

/** One finished note as the stream carries it: start, the question shown on save, its evidence, end. */
function* noteEvents(note: Note): Generator<TutorEvent> {
  const { id, path, startLine, endLine, topic, severity, title, source } = note;
  yield { type: 'note-start', note: { id, path, startLine, endLine, topic, severity, title, source } };
  yield { type: 'text', noteId: id, text: questionOf(note) };
  for (const evidence of note.evidence) yield { type: 'citation', noteId: id, evidence };
  yield { type: 'note-end', note };
}
