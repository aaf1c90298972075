import { ArchangelError } from '../../errors/archangel-error.js';
import type { ArchangelConfig } from '../../config/schema.js';
import type { EmbeddingEndpoint } from './remote.js';

/** Voyage's API root; `embeddings.baseUrl` overrides it (a proxy, or a test server). */
export const VOYAGE_BASE_URL = 'https://api.voyageai.com/v1';

/** Voyage's model trained for code retrieval. */
export const VOYAGE_DEFAULT_MODEL = 'voyage-code-3';

/** The Voyage embeddings API, keyed by VOYAGE_API_KEY. */
export function voyageEndpoint(config: ArchangelConfig['embeddings'], env: NodeJS.ProcessEnv): EmbeddingEndpoint {
  const key = env.VOYAGE_API_KEY?.trim();
  if (!key) {
    throw new ArchangelError('PROVIDER', 'The voyage embeddings provider needs an API key, and VOYAGE_API_KEY is not set.', {
      hint: 'Export VOYAGE_API_KEY with a key from the Voyage AI dashboard, or set embeddings.provider to "local".',
    });
  }
  const model = config.model ?? VOYAGE_DEFAULT_MODEL;
  const dimensions = config.dimensions;
  return {
    provider: 'voyage',
    model,
    dimensions,
    url: `${(config.baseUrl ?? VOYAGE_BASE_URL).replace(/\/+$/, '')}/embeddings`,
    headers: { authorization: `Bearer ${key}` },
    service: {
      name: 'Voyage',
      authHint: 'Check VOYAGE_API_KEY: it should be a current key from the Voyage AI dashboard.',
      requestHint: `Check embeddings.model ("${model}") and embeddings.dimensions against Voyage's model list.`,
      unavailableHint: 'Voyage may be down or unreachable from here; try again later, or set embeddings.provider to "local".',
      secrets: [key],
    },
    body: (input, inputType) => ({ input, model, input_type: inputType, ...(dimensions ? { output_dimension: dimensions } : {}) }),
  };
}
