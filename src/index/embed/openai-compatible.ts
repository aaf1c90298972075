import { ArchangelError } from '../../errors/archangel-error.js';
import type { ArchangelConfig } from '../../config/schema.js';
import type { EmbeddingEndpoint } from './remote.js';

/**
 * Any server speaking OpenAI's `POST /embeddings` (Ollama, llama.cpp, vLLM, LM Studio, OpenAI).
 * The key is ARCHANGEL_EMBEDDINGS_API_KEY; OPENAI_API_KEY is sent only to api.openai.com, so a key
 * exported for OpenAI never leaks to whatever server `embeddings.baseUrl` names.
 */
export function openAiCompatibleEndpoint(config: ArchangelConfig['embeddings'], env: NodeJS.ProcessEnv): EmbeddingEndpoint {
  if (!config.baseUrl) {
    throw new ArchangelError('PROVIDER', 'The openai-compatible embeddings provider needs embeddings.baseUrl.', {
      hint: "Set embeddings.baseUrl to the server's OpenAI-style API root, e.g. http://127.0.0.1:11434/v1 for Ollama.",
    });
  }
  if (!config.model) {
    throw new ArchangelError('PROVIDER', 'The openai-compatible embeddings provider needs embeddings.model.', {
      hint: 'Set embeddings.model to an embedding model the server has, e.g. "nomic-embed-text" on Ollama.',
    });
  }
  const { model, dimensions } = config;
  const root = config.baseUrl.replace(/\/+$/, '');
  const isOpenAi = new URL(root).hostname === 'api.openai.com';
  const key = env.ARCHANGEL_EMBEDDINGS_API_KEY?.trim() || (isOpenAi ? env.OPENAI_API_KEY?.trim() : undefined);
  return {
    provider: 'openai-compatible',
    model,
    dimensions,
    url: `${root}/embeddings`,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    service: {
      name: `the embeddings server at ${root}`,
      authHint: 'Set ARCHANGEL_EMBEDDINGS_API_KEY to a key that server accepts (OPENAI_API_KEY is only sent to api.openai.com).',
      requestHint: `Check embeddings.baseUrl (it usually ends in /v1) and that the server has the model "${model}".`,
      unavailableHint: 'Check that the server is running and reachable at embeddings.baseUrl, or set embeddings.provider to "local".',
      secrets: key ? [key] : [],
    },
    body: (input) => ({ model, input, ...(dimensions ? { dimensions } : {}) }),
  };
}
