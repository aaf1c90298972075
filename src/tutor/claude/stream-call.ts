import { debug } from '../../log/logger.js';
import type { MessagesClient } from './client.js';
import { classifyFailure, type Failure } from './failures.js';
import { sleep } from '../../net/sleep.js';
import { redactRequest } from './redact-request.js';

/**
 * One streamed Messages call with bounded retries. A failure before any text arrived is retried
 * (429, 5xx, 529 overloaded, network, timeout) with exponential backoff and jitter, honouring the
 * server's Retry-After; once text has been yielded a retry would repeat it, so a cut stream ends the
 * call and reports what happened. Aborting the signal aborts the HTTP request itself.
 */

/** How hard a call is tried. Tests shrink the delays. */
export interface RetryPolicy {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles on each further one, with jitter. */
  baseDelayMs: number;
  /** Longest wait between attempts; a server asking for longer ends the call at once. */
  maxDelayMs: number;
}

/**
 * Four attempts over ~7 s ride out a brief overload without making a learner wait long for a note
 * the offline mentor could give them now.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 20_000 };

export interface CallRequest {
  model: string;
  system: string;
  /** Plain text turns: everything we send is text, so all of it can be redacted. */
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
  maxTokens: number;
}

export interface CallOptions {
  retry: RetryPolicy;
  /** Longest silence (connecting, or between two stream events) before the attempt is given up. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Redact the whole request before it is sent (privacy.redactSecrets): the last of two passes. */
  redact: boolean;
}

/** How a call ended when it did not throw. */
export interface CallOutcome {
  inputTokens: number;
  outputTokens: number;
  /** The stream broke after text had arrived (what arrived was yielded). */
  cut?: Failure;
  attempts: number;
}

/** A call that could not complete: the last failure and how many attempts were made. */
export class CallFailed extends Error {
  readonly failure: Failure;
  readonly attempts: number;
  /** The server asked to wait this long, more than the policy allows. */
  readonly waitMs: number | undefined;

  constructor(failure: Failure, attempts: number, waitMs?: number) {
    super(`Claude call failed: ${failure.kind} (${failure.detail})`, { cause: failure.cause });
    this.name = 'CallFailed';
    this.failure = failure;
    this.attempts = attempts;
    this.waitMs = waitMs;
  }
}

/** Yields text deltas; returns token usage. Throws CallFailed, or an AbortError when `signal` aborts. */
export async function* streamCall(client: MessagesClient, request: CallRequest, options: CallOptions): AsyncGenerator<string, CallOutcome> {
  const { retry, signal } = options;
  if (options.redact) request = await redactRequest(request);
  const params = { model: request.model, system: request.system, messages: request.messages, max_tokens: request.maxTokens };
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let idle: NodeJS.Timeout | undefined;
    let timedOut = false;
    const armTimeout = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.timeoutMs);
    };
    armTimeout();
    const stream = client.messages.stream(params, { signal: controller.signal, maxRetries: 0 });
    const usage = { inputTokens: 0, outputTokens: 0 };
    let yielded = false;
    try {
      let stopped = false;
      for await (const event of stream) {
        armTimeout();
        if (event.type === 'message_start') {
          usage.inputTokens = event.message.usage.input_tokens;
          usage.outputTokens = event.message.usage.output_tokens;
        } else if (event.type === 'message_delta') {
          usage.outputTokens = event.usage.output_tokens;
        } else if (event.type === 'message_stop') {
          stopped = true;
        } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          yielded = true;
          yield event.delta.text;
        }
      }
      if (!stopped) throw new Error('the stream ended before message_stop');
      return { ...usage, attempts: attempt };
    } catch (error) {
      throwIfAborted(signal);
      const failure = classifyFailure(timedOut ? Object.assign(new Error('no answer in time'), { name: 'IdleTimeout' }) : error);
      if (yielded) return { ...usage, attempts: attempt, cut: failure };
      if (!failure.retryable || attempt >= retry.maxAttempts) throw new CallFailed(failure, attempt);
      const delayMs = failure.retryAfterMs ?? backoffMs(retry, attempt);
      if (delayMs > retry.maxDelayMs) throw new CallFailed(failure, attempt, delayMs);
      debug('tutor', `claude: ${failure.kind} (${failure.detail}); retrying in ${Math.round(delayMs)} ms`, { attempt });
      await sleep(delayMs, signal, () => abortReason(signal));
    } finally {
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
      // Also reached when the consumer stops early: the request must not outlive its reader.
      stream.abort();
    }
  }
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so clients spread out. */
function backoffMs(retry: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

function abortReason(signal: AbortSignal | undefined): Error {
  return signal?.reason instanceof Error ? signal.reason : new DOMException('The call was aborted.', 'AbortError');
}

