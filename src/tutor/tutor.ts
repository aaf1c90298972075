import type { ReviewContext } from '../review/context/types.js';
import type { TutorEvent } from './types.js';

/** What every mentor does on a save: notes as a stream of events, from one review context. */
export interface Tutor {
  readonly mode: 'offline' | 'model';
  /** "offline mentor" or the model id, for headers and the audit log. */
  readonly label: string;
  review(context: ReviewContext, signal?: AbortSignal): AsyncGenerator<TutorEvent>;
}
