import type { ArchangelConfig } from '../../config/schema.js';
import { describePair, type PairContext } from '../pair.js';
import { debug } from '../../log/logger.js';
import { loadPrompt } from '../prompts/load-prompt.js';
import { enforceRungText, RungPreview } from '../rungs.js';
import type { HintLevel, Note, TutorEvent, Usage } from '../types.js';
import { createMessagesClient, type ClientOverrides, type MessagesClient } from './client.js';
import { claudeOn, describeFailure } from './failures.js';
import { NoteParser } from './note-parser.js';
import { estimateCostUsd } from './pricing.js';
import { aliasEvidence, citeEvidence, renderDiff, renderEvidence, renderFindings, renderLearner, renderNoteContext } from './prompt-data.js';
import type { ReviewInput } from './review-input.js';
import { CallFailed, DEFAULT_RETRY_POLICY, streamCall, type CallRequest, type RetryPolicy } from './stream-call.js';

/**
 * The Claude mentor: turns a save (hunks, golden evidence, findings) into a stream of TutorEvents,
 * climbs the hint ladder on demand, and answers chat. Every stream ends with a `done` event carrying
 * usage and estimated cost, except when the signal aborts it (a newer save superseded it): then it
 * just stops, and the HTTP request is aborted. A failure that means "use the offline mentor instead"
 * arrives as one `error` event with `fatal: true`.
 */

/** A turn of a chat about the current diff. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What a chat or a question is about. */
export interface ChatContext {
  /** The save being discussed (diff, evidence, findings, learner level). */
  input: ReviewInput;
  /** The note the learner is looking at, if any, and the highest rung they have seen. */
  note?: Note;
  rungSeen?: HintLevel;
}

export interface ClaudeTutorOptions {
  client: MessagesClient;
  /** `model.feedback` writes notes and hints, `model.chat` answers chat; `model.timeoutMs` bounds silence. */
  model: ArchangelConfig['model'];
  /** Where `.archangel/prompts/` overrides are looked up. */
  projectRoot: string;
  retry?: Partial<RetryPolicy>;
  /** A pair session: the prompts' `{{pair}}` line names the driver and the navigator. */
  pair?: PairContext;
  /** Redact each whole request before it is sent (privacy.redactSecrets; default true). */
  redact?: boolean;
  /** The learner's code on lines of a file, hashed into note ids (default: read from the hunks). */
  lineText?: (path: string, startLine: number, endLine: number) => string;
}

/**
 * Output budgets: three short notes with a small diff each fit in ~1,500 tokens; one rung in 600.
 * Hitting the cap ends the reply mid-note, which the parser keeps as a partial note.
 */
const MAX_TOKENS = { review: 1500, hint: 600, chat: 1500 };

/**
 * How long a call may go without a word before the learner is told what is being waited for: well
 * past a healthy first token (about a second), well before any bound gives up on the model.
 */
export const WAIT_NOTICE_MS = 3_000;

const RUNG_NAMES: Record<HintLevel, string> = { 1: 'the question', 2: 'the hint', 3: 'the golden example', 4: 'the change itself' };

/** Receives a call's text deltas and turns them into events. */
interface TextSink {
  push(text: string): TutorEvent[];
  end(truncated: boolean): TutorEvent[];
  notes(): number;
}

export class ClaudeTutor {
  readonly #client: MessagesClient;
  readonly #model: ArchangelConfig['model'];
  readonly #projectRoot: string;
  readonly #retry: RetryPolicy;
  readonly #lineText: ClaudeTutorOptions['lineText'];
  readonly #pair: string;
  readonly #redact: boolean;

  constructor(options: ClaudeTutorOptions) {
    this.#client = options.client;
    this.#model = options.model;
    this.#projectRoot = options.projectRoot;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#lineText = options.lineText;
    this.#pair = describePair(options.pair);
    this.#redact = options.redact ?? true;
  }

  /** Who is being waited for, in a few words: "Claude (claude-haiku-5-5 at https://api.anthropic.com)". */
  waitingFor(model: string): string {
    return `${claudeOn(this.#client.platform)} (${model}${this.#client.endpoint ? ` at ${this.#client.endpoint}` : ''})`;
  }

  /** Notes on one save, ranked, at most `input.maxNotes`; none when nothing is worth saying. */
  async *review(input: ReviewInput, signal?: AbortSignal): AsyncGenerator<TutorEvent> {
    if (input.maxNotes <= 0 || input.hunks.length === 0) {
      yield { type: 'done', notes: 0 };
      return;
    }
    const aliases = aliasEvidence(input.evidence);
    const request = await reviewRequest(input, { model: this.#model, projectRoot: this.#projectRoot, pair: this.#pair });
    const parser = new NoteParser({ aliases, hunks: input.hunks, maxNotes: input.maxNotes, ...(this.#lineText ? { lineText: this.#lineText } : {}) });
    const sink: TextSink = { push: (text) => parser.push(text), end: (truncated) => parser.end({ truncated }), notes: () => parser.notes };
    debug('tutor', 'review', { hunks: input.hunks.length, evidence: input.evidence.length });
    yield* this.#run(request, sink, signal);
  }

  /**
   * A fresh text for rung `level` of `note`, streamed as `text` events, then the note again
   * (`note-end`) with that rung replaced: the finished rung, checked for rung discipline, is the one to keep.
   */
  async *hint(note: Note, level: HintLevel, input: ReviewInput, signal?: AbortSignal): AsyncGenerator<TutorEvent> {
    const aliases = aliasEvidence(input.evidence);
    const hunks = input.hunks.filter((hunk) => hunk.path === note.path);
    const [system, task] = await Promise.all([
      this.#prompt('review-system', { level: input.level, maxNotes: 1 }),
      this.#prompt('hint', {
        rung: level,
        rungName: RUNG_NAMES[level],
        note: renderNoteContext(note, level - 1),
        diff: renderDiff(hunks.length > 0 ? hunks : input.hunks),
        evidence: renderEvidence(aliases),
      }),
    ]);
    const code = this.#lineText?.(note.path, note.startLine, note.endLine) ?? '';
    const preview = new RungPreview(level, { code });
    let raw = '';
    const sink: TextSink = {
      push: (text) => {
        raw += text;
        const shown = preview.push(text);
        return shown ? [{ type: 'text', noteId: note.id, text: shown }] : [];
      },
      end: (truncated) => {
        const rest = preview.finish();
        const text = enforceRungText(level, citeEvidence(raw, aliases), { code });
        const ladder = note.ladder.map((rung) => (rung.level === level ? { level, text } : rung));
        const events: TutorEvent[] = rest ? [{ type: 'text', noteId: note.id, text: rest }] : [];
        if (raw.trim() !== '') events.push({ type: 'note-end', note: { ...note, ladder, ...(truncated ? { partial: true } : {}) } });
        return events;
      },
      notes: () => 0,
    };
    yield* this.#run({ model: this.#model.feedback, system, messages: [{ role: 'user', content: task }], maxTokens: MAX_TOKENS.hint }, sink, signal);
  }

  /** The next assistant turn of a chat about the current diff, streamed as `text` events. */
  async *chat(messages: ChatMessage[], context: ChatContext, signal?: AbortSignal): AsyncGenerator<TutorEvent> {
    const { input, note } = context;
    const aliases = aliasEvidence(input.evidence);
    const parts = [renderDiff(input.hunks), renderEvidence(aliases), renderFindings(input.findings)];
    if (note) parts.push(renderNoteContext(note, context.rungSeen ?? 1));
    const system = await this.#prompt('chat-system', { level: input.level, context: parts.join('\n\n') });
    const noteId = note?.id ?? 'chat';
    const sink: TextSink = { push: (text) => [{ type: 'text', noteId, text }], end: () => [], notes: () => 0 };
    yield* this.#run({ model: this.#model.chat, system, messages, maxTokens: MAX_TOKENS.chat }, sink, signal);
  }

  /** One question about the current diff (`/` in the TUI): a chat of one turn. */
  async *ask(question: string, context: ChatContext, signal?: AbortSignal): AsyncGenerator<TutorEvent> {
    const content = await this.#prompt('ask', { question });
    yield* this.chat([{ role: 'user', content }], context, signal);
  }

  /** A call whose reply is read whole (the quiz's questions and grades): its text as `text` events, then `done`. */
  async *complete(request: CallRequest, signal?: AbortSignal): AsyncGenerator<TutorEvent> {
    const sink: TextSink = { push: (text) => [{ type: 'text', noteId: 'reply', text }], end: () => [], notes: () => 0 };
    yield* this.#run(request, sink, signal);
  }

  async *#run(request: CallRequest, sink: TextSink, signal: AbortSignal | undefined): AsyncGenerator<TutorEvent> {
    debug('tutor', 'claude request', { model: request.model, systemChars: request.system.length, messageChars: request.messages.reduce((sum, m) => sum + String(m.content).length, 0) });
    const call = streamCall(this.#client, request, { retry: this.#retry, timeoutMs: this.#model.timeoutMs, signal, redact: this.#redact });
    let usage: Usage | undefined;
    // Until the first words arrive, a timer races the call so that silence is named, once.
    let quiet: Silence | undefined = silence(WAIT_NOTICE_MS);
    try {
      for (;;) {
        const next = call.next();
        if (quiet && (await Promise.race([next, quiet.elapsed])) === SILENT) yield { type: 'waiting', message: `Waiting for ${this.waitingFor(request.model)} to start answering.` };
        quiet?.cancel();
        quiet = undefined;
        const step = await next;
        if (step.done) {
          const { inputTokens, outputTokens, cut } = step.value;
          usage = { inputTokens, outputTokens, model: request.model, costUsd: estimateCostUsd(request.model, inputTokens, outputTokens) };
          yield* sink.end(cut !== undefined);
          if (cut) yield { type: 'error', fatal: false, ...describeFailure(cut, step.value.attempts, this.#client.platform, request.model) };
          break;
        }
        yield* sink.push(step.value);
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (!(error instanceof CallFailed)) throw error;
      const described = describeFailure(error.failure, error.attempts, this.#client.platform, request.model);
      debug('tutor', `claude call failed: ${error.failure.kind} (${error.failure.detail})`, { attempts: error.attempts, waitMs: error.waitMs });
      yield { type: 'error', fatal: true, ...described };
    } finally {
      quiet?.cancel();
      // The consumer stopped reading (or we failed): end the HTTP request too.
      await call.return(undefined as never);
    }
    yield { type: 'done', notes: sink.notes(), ...(usage ? { usage } : {}) };
  }

  #prompt(name: string, vars: Record<string, string | number>): Promise<string> {
    return loadPrompt(name, { pair: this.#pair, ...vars }, { projectRoot: this.#projectRoot });
  }
}

/**
 * Exactly what a review of `input` sends (`archangel review --dry-run` prints it; no client or key
 * is needed to build it).
 */
export async function reviewRequest(input: ReviewInput, options: { model: ArchangelConfig['model']; projectRoot: string; pair?: string }): Promise<CallRequest> {
  const aliases = aliasEvidence(input.evidence);
  const [system, task] = await Promise.all([
    loadPrompt('review-system', { level: input.level, maxNotes: input.maxNotes, pair: options.pair ?? '' }, { projectRoot: options.projectRoot }),
    loadPrompt('review-task', { maxNotes: input.maxNotes, diff: renderDiff(input.hunks), evidence: renderEvidence(aliases), findings: renderFindings(input.findings), learner: renderLearner(input.learner) }, { projectRoot: options.projectRoot }),
  ]);
  return { model: options.model.feedback, system, messages: [{ role: 'user', content: task }], maxTokens: MAX_TOKENS.review };
}

/**
 * The tutor for `config`, with its provider's client. Throws ArchangelError('PROVIDER') when the
 * provider has no credentials: the caller then uses the offline mentor.
 */
export async function createClaudeTutor(
  config: ArchangelConfig,
  options: { projectRoot: string; env?: NodeJS.ProcessEnv; overrides?: ClientOverrides; retry?: Partial<RetryPolicy>; pair?: PairContext },
): Promise<ClaudeTutor> {
  const client = await createMessagesClient(config, options.env ?? process.env, options.overrides);
  return new ClaudeTutor({ client, model: config.model, projectRoot: options.projectRoot, redact: config.privacy.redactSecrets, ...(options.retry ? { retry: options.retry } : {}), ...(options.pair ? { pair: options.pair } : {}) });
}

const SILENT = Symbol('silent');

/** A timer to race against a call: `elapsed` settles with SILENT after `ms`, unless cancelled first. */
interface Silence {
  elapsed: Promise<typeof SILENT>;
  cancel(): void;
}

function silence(ms: number): Silence {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<typeof SILENT>((resolve) => (timer = setTimeout(() => resolve(SILENT), ms)));
  return { elapsed, cancel: () => clearTimeout(timer) };
}
