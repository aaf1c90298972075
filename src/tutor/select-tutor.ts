import type { ArchangelConfig } from '../config/schema.js';
import { isArchangelError } from '../errors/archangel-error.js';
import type { PairContext } from './pair.js';
import type { ReviewContext } from '../review/context/types.js';
import { createClaudeTutor, type ClaudeTutor } from './claude/tutor.js';
import type { ClientOverrides } from './claude/client.js';
import type { RetryPolicy } from './claude/stream-call.js';
import { createOfflineTutor } from './offline/index.js';
import type { Tutor } from './tutor.js';
import type { HintLevel, Note, TutorEvent } from './types.js';

export interface SelectedTutor {
  tutor: Tutor;
  /** The Claude tutor when one is configured (chat and hints use it directly). */
  claude?: ClaudeTutor | undefined;
  /** Why the offline mentor is used, in one plain line (no key, `--offline`...). */
  offlineReason?: string | undefined;
}

export interface SelectOptions {
  projectRoot: string;
  env?: NodeJS.ProcessEnv;
  /** Force the offline mentor. */
  offline?: boolean;
  overrides?: ClientOverrides;
  retry?: Partial<RetryPolicy>;
  /** A pair session: Claude's prompts name the driver and the navigator. */
  pair?: PairContext;
  /** Longest a review waits for the model before the offline mentor answers (default `model.reviewTimeoutMs`). */
  reviewTimeoutMs?: number;
}

/**
 * Claude when its provider has credentials, else the offline mentor. A Claude review that fails
 * before giving any note (bad key, no network, quota, or no note within the review's time bound) is
 * answered by the offline mentor, with one line saying why; so is a fresh rung Claude could not
 * write (the note's own stand-in is shown).
 */
export async function selectTutor(config: ArchangelConfig, options: SelectOptions): Promise<SelectedTutor> {
  const offline = createOfflineTutor({ projectRoot: options.projectRoot, ...(options.pair ? { pair: options.pair } : {}) });
  if (options.offline) return { tutor: offline, offlineReason: 'offline mode was asked for' };
  let claude: ClaudeTutor;
  try {
    claude = await createClaudeTutor(config, { projectRoot: options.projectRoot, env: options.env ?? process.env, ...(options.overrides ? { overrides: options.overrides } : {}), ...(options.retry ? { retry: options.retry } : {}), ...(options.pair ? { pair: options.pair } : {}) });
  } catch (error) {
    if (isArchangelError(error) && error.code === 'PROVIDER') return { tutor: offline, offlineReason: error.message };
    throw error;
  }
  return { tutor: withOfflineFallback(claude, config.model.feedback, offline, options.reviewTimeoutMs ?? config.model.reviewTimeoutMs), claude };
}

const RAISE_BOUND = 'Check your network or model.baseUrl; if Claude is only slow, raise model.reviewTimeoutMs (or pass review --timeout).';

function withOfflineFallback(claude: ClaudeTutor, model: string, offline: Tutor, boundMs: number): Tutor {
  return {
    mode: 'model',
    label: model,
    async *review(context: ReviewContext, signal?: AbortSignal): AsyncGenerator<TutorEvent> {
      // The whole wait is bounded: a save or a commit must not hang on an endpoint that never answers.
      const bound = AbortSignal.timeout(boundMs);
      const within = `${boundMs / 1000} s`;
      let notes = 0;
      let finished = false;
      for await (const event of claude.review(context, signal ? AbortSignal.any([signal, bound]) : bound)) {
        if (event.type === 'note-end') notes++;
        if (event.type === 'done') finished = true;
        if (event.type === 'waiting') {
          yield { ...event, message: `${event.message} The offline mentor answers if no note comes within ${within}.` };
          continue;
        }
        if (event.type === 'error' && event.fatal && notes === 0) {
          yield { type: 'error', fatal: false, message: `${event.message} The offline mentor answers instead.`, ...(event.hint ? { hint: event.hint } : {}) };
          yield* offline.review(context, signal);
          return;
        }
        yield event;
      }
      if (finished || !bound.aborted || signal?.aborted) return;
      const who = claude.waitingFor(model);
      if (notes === 0) {
        yield { type: 'error', fatal: false, message: `${who} gave no note within ${within}. The offline mentor answers instead.`, hint: RAISE_BOUND };
        yield* offline.review(context, signal);
        return;
      }
      yield { type: 'error', fatal: false, message: `${who} was still writing after ${within}: the ${notes === 1 ? 'note it finished is' : `${notes} notes it finished are`} kept.`, hint: RAISE_BOUND };
      yield { type: 'done', notes };
    },
    async *hint(note: Note, level: HintLevel, context: ReviewContext, signal?: AbortSignal): AsyncGenerator<TutorEvent> {
      if (note.ladder.find((rung) => rung.level === level)?.stock !== true) {
        yield* offline.hint(note, level, context, signal);
        return;
      }
      for await (const event of claude.hint(note, level, context, signal)) {
        if (event.type === 'error' && event.fatal) {
          yield { type: 'error', fatal: false, message: `${event.message} The offline hint ladder answers instead.`, ...(event.hint ? { hint: event.hint } : {}) };
          yield* offline.hint(note, level, context, signal);
          return;
        }
        yield event;
      }
    },
  };
}
