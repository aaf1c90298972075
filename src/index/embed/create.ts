import type { ArchangelConfig } from '../../config/schema.js';
import { DEFAULT_RETRY_POLICY } from './http.js';
import type { RetryPolicy } from './http.js';
import { LocalEmbeddingProvider } from './local.js';
import { openAiCompatibleEndpoint } from './openai-compatible.js';
import type { EmbeddingProvider, TermStats } from './provider.js';
import { RemoteEmbeddingProvider } from './remote.js';
import { voyageEndpoint } from './voyage.js';

/** Texts per request when `embeddings.batchSize` is not set: few round trips, modest request bodies. */
export const DEFAULT_BATCH_SIZE = 64;

/**
 * Characters per request. At roughly 3–4 characters per token of code this stays well under the
 * per-request token limits of Voyage (120k tokens for voyage-code-3) and OpenAI (300k).
 */
export const MAX_BATCH_CHARS = 200_000;

/** What `createEmbeddingProvider` takes besides the config. */
export interface EmbeddingProviderOptions {
  /** Where API keys are read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Corpus statistics, for query-time IDF in the local provider. */
  termStats?: TermStats;
  /** The fetch remote providers use; the global one by default. */
  fetch?: typeof fetch;
  /** Attempts, backoff and timeout of remote requests; tests shrink them. */
  retry?: Partial<RetryPolicy>;
}

/**
 * The provider `embeddings.provider` names. Throws ArchangelError ('PROVIDER') at once when a
 * remote provider lacks what it needs (an API key, a model, a base URL), before any text is sent.
 */
export function createEmbeddingProvider(config: ArchangelConfig['embeddings'], options: EmbeddingProviderOptions = {}): EmbeddingProvider {
  const env = options.env ?? process.env;
  if (config.provider === 'local') return new LocalEmbeddingProvider({ dimensions: config.dimensions, termStats: options.termStats });
  const endpoint = config.provider === 'voyage' ? voyageEndpoint(config, env) : openAiCompatibleEndpoint(config, env);
  return new RemoteEmbeddingProvider(endpoint, {
    fetch: options.fetch ?? globalThis.fetch,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    batchSize: config.batchSize ?? DEFAULT_BATCH_SIZE,
    maxBatchChars: MAX_BATCH_CHARS,
  });
}
