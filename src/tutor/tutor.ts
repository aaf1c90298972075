import type { ReviewContext } from '../review/context/types.js';
import type { HintLevel, Note, TutorEvent } from './types.js';

/** What every mentor does on a save: notes as a stream of events, from one review context. */
export interface Tutor {
  readonly mode: 'offline' | 'model';
  /** "offline mentor" or the model id, for headers and the audit log. */
  readonly label: string;
  review(context: ReviewContext, signal?: AbortSignal): AsyncGenerator<TutorEvent>;
  /**
   * Rung `level` of `note`, when the learner climbs to it: the note again (`note-end`) with that
   * rung as it should be shown, then `done`. A rung the note does not carry yet (`stock`) is written
   * afresh by a model tutor and streams in as `text` events first; the offline mentor reads its ladder.
   */
  hint(note: Note, level: HintLevel, context: ReviewContext, signal?: AbortSignal): AsyncGenerator<TutorEvent>;
}
