// The embeddings HTTP layer already reads Retry-After the way every API writes it; one parser, not two.
import { parseRetryAfter } from '../../index/embed/http.js';
import type { MessagesClient } from './client.js';

/**
 * What went wrong talking to Claude, in one table: which failures are worth another attempt, and the
 * one line (plus a hint) a learner sees when they are not. Errors are recognised by shape (`status`,
 * `name`, `type`) rather than `instanceof`, so this module does not load an SDK.
 */

export type FailureKind = 'auth' | 'billing' | 'model' | 'request' | 'rate-limit' | 'overloaded' | 'server' | 'network' | 'timeout' | 'cut';

export interface Failure {
  kind: FailureKind;
  /** A short technical detail for the message ("HTTP 500", "ECONNREFUSED"). */
  detail: string;
  retryable: boolean;
  /** What the server asked for (retry-after / retry-after-ms), when it did. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

interface ErrorShape {
  name?: string;
  status?: number;
  type?: string | null;
  apiMessage?: string | null;
  headers?: Headers;
  message?: string;
  cause?: unknown;
}

/** Sorts any error from an SDK call (or our own idle timeout) into a Failure. */
export function classifyFailure(error: unknown): Failure {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const retryAfterMs = shape.headers instanceof Headers ? parseRetryAfter(shape.headers) : undefined;
  const status = typeof shape.status === 'number' ? shape.status : undefined;
  const detail = status === undefined ? (shape.type ?? rootCause(error)) : `HTTP ${status}${shape.type ? ` ${shape.type}` : ''}`;
  const base = { detail, retryAfterMs, cause: error };
  // A server silent for a whole model.timeoutMs is stuck, not busy: another attempt would only make
  // the learner wait that long again (four attempts of 60 s held a commit for four minutes).
  if (shape.name === 'IdleTimeout' || shape.name === 'APIConnectionTimeoutError') return { ...base, kind: 'timeout', retryable: false };
  if (shape.name === 'APIConnectionError') return { ...base, kind: 'network', retryable: true };
  if (status === 401 || status === 403 || shape.type === 'authentication_error' || shape.type === 'permission_error') {
    return { ...base, kind: 'auth', retryable: false };
  }
  if (status === 402 || /credit balance|billing/i.test(shape.apiMessage ?? '')) return { ...base, kind: 'billing', retryable: false };
  if (status === 404 || shape.type === 'not_found_error') return { ...base, kind: 'model', retryable: false };
  if (status === 429 || shape.type === 'rate_limit_error') return { ...base, kind: 'rate-limit', retryable: true };
  if (status === 529 || shape.type === 'overloaded_error') return { ...base, kind: 'overloaded', retryable: true };
  if ((status !== undefined && (status >= 500 || status === 408 || status === 409)) || shape.type === 'api_error') {
    return { ...base, kind: 'server', retryable: true };
  }
  if (status !== undefined) return { ...base, kind: 'request', detail: shape.apiMessage ?? detail, retryable: false };
  // A stream that ended without its closing events, or a socket reset mid-body.
  return { ...base, kind: 'cut', retryable: true };
}

/** The one-line message and hint for a failure that ends a call. */
export function describeFailure(failure: Failure, attempts: number, platform: MessagesClient['platform'], model: string): { message: string; hint: string } {
  const who = claudeOn(platform);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const offline = 'The offline mentor takes over meanwhile.';
  switch (failure.kind) {
    case 'auth':
      return { message: `${who} rejected the API key.`, hint: `${CREDENTIAL_HINTS[platform]} ${offline}` };
    case 'billing':
      return { message: `${who} refused the request: the account is out of credit.`, hint: `Check billing for this key. ${offline}` };
    case 'model':
      return { message: `${who} does not know the model "${model}".`, hint: 'Check model.feedback and model.chat in archangel.json.' };
    case 'request':
      return { message: `${who} rejected the request (${failure.detail}).`, hint: `Run with ARCHANGEL_DEBUG_LOG set and report it. ${offline}` };
    case 'rate-limit':
      return { message: `${who} is rate-limiting this key (quota or requests per minute)${tries}.`, hint: `Wait a minute or raise the key's limits. ${offline}` };
    case 'overloaded':
      return { message: `${who} is overloaded right now${tries}.`, hint: `Try again in a few minutes. ${offline}` };
    case 'server':
      return { message: `${who} kept failing (${failure.detail})${tries}.`, hint: `Try again in a few minutes. ${offline}` };
    case 'timeout':
      return { message: `${who} did not answer in time${tries}.`, hint: `Check your network, or raise model.timeoutMs. ${offline}` };
    case 'network':
      return { message: `Could not reach ${who} (${failure.detail})${tries}.`, hint: `Check your network connection or model.baseUrl. ${offline}` };
    case 'cut':
      return { message: `The connection to ${who} dropped mid-reply${tries}.`, hint: `What arrived is kept; save again to retry. ${offline}` };
  }
}

/** "Claude", or "Claude on Amazon Bedrock": who a learner is told answers (or does not). */
export function claudeOn(platform: MessagesClient['platform']): string {
  return platform === 'anthropic' ? 'Claude' : `Claude on ${PLATFORM_NAMES[platform]}`;
}

const PLATFORM_NAMES: Record<MessagesClient['platform'], string> = { anthropic: 'Anthropic', foundry: 'Microsoft Foundry', bedrock: 'Amazon Bedrock', vertex: 'Vertex AI' };

const CREDENTIAL_HINTS: Record<MessagesClient['platform'], string> = {
  anthropic: 'Check ANTHROPIC_API_KEY (console.anthropic.com, API keys).',
  foundry: 'Check ANTHROPIC_FOUNDRY_API_KEY or your Microsoft Entra sign-in.',
  bedrock: 'Check your AWS credentials and that the model is enabled for your account.',
  vertex: 'Check `gcloud auth application-default login` and that the model is enabled in your project.',
};

/** undici hides the useful part (ECONNREFUSED ...) in a chain of causes. */
function rootCause(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const code = (current as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return current instanceof Error ? current.message : String(current);
}
