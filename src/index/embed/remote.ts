import { ArchangelError } from '../../errors/archangel-error.js';
import { redactSecrets } from '../../redact/index.js';
import { splitIntoBatches } from './batches.js';
import { postJson } from './http.js';
import type { RetryPolicy, Service } from './http.js';
import type { EmbeddingInfo, EmbeddingProvider } from './provider.js';
import { l2Normalise } from './vector.js';

/** Whether text is stored (document) or searched for (query); some models embed the two differently. */
export type InputType = 'document' | 'query';

/** What differs between remote APIs. Their answers share one shape: `{ data: [{ embedding, index }] }`. */
export interface EmbeddingEndpoint {
  provider: 'voyage' | 'openai-compatible';
  model: string;
  /** From `embeddings.dimensions`; when absent, learned from the first answer. */
  dimensions: number | undefined;
  url: string;
  /** Extra headers, such as Authorization. */
  headers: Record<string, string>;
  service: Service;
  /** The JSON body that asks for the embeddings of `input`. */
  body(input: string[], inputType: InputType): unknown;
}

/** How a remote provider sends its requests. */
export interface RemoteOptions {
  fetch: typeof fetch;
  retry: RetryPolicy;
  /** Texts per request. */
  batchSize: number;
  /** Characters per request, so a batch of large chunks stays under the server's token limit. */
  maxBatchChars: number;
}

/** An embedding provider behind an HTTP API; batches run one after another, in order. */
export class RemoteEmbeddingProvider implements EmbeddingProvider {
  readonly #endpoint: EmbeddingEndpoint;
  readonly #options: RemoteOptions;
  #dimensions: number | undefined;

  constructor(endpoint: EmbeddingEndpoint, options: RemoteOptions) {
    this.#endpoint = endpoint;
    this.#options = options;
    this.#dimensions = endpoint.dimensions;
  }

  get info(): EmbeddingInfo {
    return { provider: this.#endpoint.provider, model: this.#endpoint.model, dimensions: this.#dimensions ?? 0 };
  }

  async embedDocuments(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (const batch of splitIntoBatches(texts, this.#options.batchSize, this.#options.maxBatchChars)) {
      vectors.push(...(await this.#embedBatch(batch, 'document', signal)));
    }
    return vectors;
  }

  async embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    const [vector] = await this.#embedBatch([text], 'query', signal);
    if (!vector) throw new Error('unreachable: one input gives one vector');
    return vector;
  }

  async #embedBatch(input: string[], inputType: InputType, signal: AbortSignal | undefined): Promise<Float32Array[]> {
    const { url, headers, service } = this.#endpoint;
    // Golden code and the learner's code leave the machine here too; a secret never helps a search.
    const sent = await Promise.all(input.map(async (text) => (await redactSecrets(text)).text));
    const json = await postJson(service, { url, headers, body: this.#endpoint.body(sent, inputType) }, { ...this.#options, signal });
    const vectors = readVectors(service, json, input.length);
    for (const vector of vectors) this.#checkDimensions(vector.length);
    return vectors;
  }

  #checkDimensions(length: number): void {
    if (this.#dimensions === undefined) this.#dimensions = length;
    if (length === this.#dimensions) return;
    const { service } = this.#endpoint;
    const expected = this.#endpoint.dimensions === undefined ? `earlier ones had ${this.#dimensions}` : `embeddings.dimensions is ${this.#dimensions}`;
    throw new ArchangelError('PROVIDER', `Got a ${length}-dimensional vector from ${service.name}, but ${expected}.`, {
      hint: `Set embeddings.dimensions to a size ${this.#endpoint.model} produces, or remove it to use the model's own.`,
    });
  }
}

/** Unit vectors in input order from `{ data: [{ embedding: number[], index?: number }] }`. */
function readVectors(service: Service, json: unknown, count: number): Float32Array[] {
  const data = typeof json === 'object' && json !== null ? (json as { data?: unknown }).data : undefined;
  const vectors: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(count);
  if (Array.isArray(data) && data.length === count) {
    data.forEach((item: unknown, position) => {
      const { embedding, index = position } = (typeof item === 'object' && item !== null ? item : {}) as { embedding?: unknown; index?: unknown };
      if (typeof index === 'number' && index >= 0 && index < count && isNumberArray(embedding) && embedding.length > 0) {
        vectors[index] = l2Normalise(Float32Array.from(embedding));
      }
    });
  }
  const complete = vectors.filter((vector) => vector !== undefined);
  if (complete.length === count) return complete;
  throw new ArchangelError('PROVIDER', `Got an answer from ${service.name} without one embedding per input (expected data[].embedding).`, {
    hint: service.requestHint,
  });
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'number' && Number.isFinite(x));
}
