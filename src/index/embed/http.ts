import { ArchangelError, messageOf } from '../../errors/archangel-error.js';
import { debug } from '../../log/logger.js';
import { cancelled, throwIfCancelled } from './cancel.js';
import { sleep } from '../../net/sleep.js';

/** How hard a request is tried before giving up. Tests shrink the delays. */
export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; it doubles on each further attempt, with jitter. */
  baseDelayMs: number;
  /** Longest single wait. A server asking (Retry-After) for longer fails at once instead. */
  maxDelayMs: number;
  /** How long one attempt may take, response body included. */
  timeoutMs: number;
}

/**
 * Five attempts with 0.5, 1, 2, 4 s backoff ride out a rate-limit window or a server restart
 * without stalling an index run for minutes; a minute per attempt fits a large batch on a slow
 * local model.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 60_000 };

/** Who a request goes to, for error messages a human can act on. */
export interface Service {
  /** Usable mid-sentence: "Voyage", "the embeddings server at http://127.0.0.1:11434/v1". */
  name: string;
  /** What to do when the server rejects the credentials (401, 403). */
  authHint: string;
  /** What to do when the server rejects the request itself (other 4xx, bad responses). */
  requestHint: string;
  /** What to do when the server cannot be reached or keeps failing. */
  unavailableHint: string;
  /** Strings that must never appear in a message, such as the API key. */
  secrets: string[];
}

/** One POST of a JSON body. */
export interface JsonRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What `postJson` needs besides the request. */
export interface PostOptions {
  fetch: typeof fetch;
  retry: RetryPolicy;
  signal?: AbortSignal | undefined;
}

/** A failed attempt that may succeed if tried again. */
interface Transient {
  kind: 'status' | 'network' | 'timeout';
  detail: string;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * POSTs JSON and returns the parsed JSON answer, retrying 408, 429, 5xx, network errors and timeouts
 * with exponential backoff and jitter (a server's Retry-After wins). Everything else, and running
 * out of attempts, becomes an ArchangelError ('PROVIDER'); an aborted signal becomes 'INTERRUPTED'.
 */
export async function postJson(service: Service, request: JsonRequest, options: PostOptions): Promise<unknown> {
  const { retry, signal } = options;
  const body = JSON.stringify(request.body);
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(signal);
    const failure = await attemptOnce(service, request, body, options);
    if (!isTransient(failure)) return failure.json;
    if (attempt >= retry.maxAttempts) throw exhausted(service, failure, attempt);
    const delayMs = failure.retryAfterMs ?? backoffMs(retry, attempt);
    if (delayMs > retry.maxDelayMs) throw rateLimited(service, failure, delayMs);
    debug('embed', `${service.name}: ${failure.detail}; retrying in ${Math.round(delayMs)} ms`, { attempt });
    await sleep(delayMs, signal, () => cancelled(signal));
  }
}

async function attemptOnce(
  service: Service,
  request: JsonRequest,
  body: string,
  options: PostOptions,
): Promise<Transient | { json: unknown }> {
  const timeout = AbortSignal.timeout(options.retry.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let status: number;
  let text: string;
  let retryAfterMs: number | undefined;
  try {
    const response = await options.fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
      body,
      signal,
    });
    status = response.status;
    retryAfterMs = parseRetryAfter(response.headers);
    text = await response.text();
  } catch (error) {
    throwIfCancelled(options.signal);
    if (timeout.aborted) return { kind: 'timeout', detail: `no answer within ${formatMs(options.retry.timeoutMs)}`, cause: error };
    return { kind: 'network', detail: networkDetail(error), cause: error };
  }
  if (status >= 200 && status < 300) return { json: parseJson(service, text) };
  const detail = `HTTP ${status}${serverMessage(text, service.secrets)}`;
  if (status === 408 || status === 429 || status >= 500) return { kind: 'status', detail, retryAfterMs };
  if (status === 401 || status === 403) {
    throw new ArchangelError('PROVIDER', `${capitalise(service.name)} rejected the API key (${status}).`, { hint: service.authHint });
  }
  throw new ArchangelError('PROVIDER', `${capitalise(service.name)} rejected the request (${detail}).`, { hint: service.requestHint });
}

function isTransient(outcome: Transient | { json: unknown }): outcome is Transient {
  return 'kind' in outcome;
}

function parseJson(service: Service, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ArchangelError('PROVIDER', `${capitalise(service.name)} answered with something that is not JSON.`, {
      hint: service.requestHint,
      cause: error,
    });
  }
}

/** Retry-After in seconds or as an HTTP date, or OpenAI's retry-after-ms; undefined when absent or unreadable. */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half the delay is fixed, half random, so clients spread out. */
function backoffMs(retry: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

function exhausted(service: Service, failure: Transient, attempts: number): ArchangelError {
  const options = { hint: service.unavailableHint, cause: failure.cause };
  const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
  switch (failure.kind) {
    case 'status':
      return new ArchangelError('PROVIDER', `${capitalise(service.name)} kept failing (${failure.detail}) after ${tries}.`, options);
    case 'timeout':
      return new ArchangelError('PROVIDER', `${capitalise(service.name)} gave ${failure.detail}, ${tries} in a row.`, options);
    case 'network':
      return new ArchangelError('PROVIDER', `Could not reach ${service.name} after ${tries} (${failure.detail}).`, options);
  }
}

function rateLimited(service: Service, failure: Transient, delayMs: number): ArchangelError {
  return new ArchangelError('PROVIDER', `${capitalise(service.name)} asked to wait ${formatMs(delayMs)} before retrying (${failure.detail}).`, {
    hint: 'You are being rate-limited; try again later, or lower embeddings.batchSize.',
  });
}


/** "fetch failed" says nothing; undici keeps the useful part (ECONNREFUSED ...) in `cause`. */
function networkDetail(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return messageOf(cause ?? error);
}

/** The server's own explanation from an error body, shortened and with secrets removed. */
function serverMessage(text: string, secrets: string[]): string {
  let message = text.trim();
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const error = json.error;
    const candidate =
      (typeof error === 'object' && error !== null ? (error as Record<string, unknown>).message : error) ?? json.detail ?? json.message;
    if (typeof candidate === 'string') message = candidate;
  } catch {
    // Not JSON: quote the text itself.
  }
  for (const secret of secrets) if (secret) message = message.split(secret).join('***');
  message = message.replace(/\s+/g, ' ');
  if (message.length > 200) message = `${message.slice(0, 200)}…`;
  return message ? `: ${message}` : '';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}
