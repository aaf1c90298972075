import { afterEach, describe, expect, it } from 'vitest';
import type { ArchangelConfig } from '../../../src/config/schema.js';
import { createEmbeddingProvider } from '../../../src/index/embed/create.js';
import type { EmbeddingProviderOptions } from '../../../src/index/embed/create.js';
import { embeddingsFor, sendJson, startLoopback } from '../../helpers/loopback.js';
import type { Loopback, Responder } from '../../helpers/loopback.js';

type EmbeddingsConfig = ArchangelConfig['embeddings'];

/** Fast retries so failure paths take milliseconds. */
const FAST: EmbeddingProviderOptions['retry'] = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5_000, timeoutMs: 2_000 };
const KEY = 'sk-test-secret-key';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(respond: Responder): Promise<Loopback> {
  server = await startLoopback(respond);
  return server;
}

function openAi(baseUrl: string, extra: Partial<EmbeddingsConfig> = {}, options: EmbeddingProviderOptions = {}) {
  return createEmbeddingProvider({ provider: 'openai-compatible', baseUrl, model: 'nomic-embed-text', ...extra }, { env: {}, retry: FAST, ...options });
}

function voyage(baseUrl: string, extra: Partial<EmbeddingsConfig> = {}, retry = FAST) {
  return createEmbeddingProvider({ provider: 'voyage', baseUrl, ...extra }, { env: { VOYAGE_API_KEY: KEY }, retry });
}

const ok: Responder = (request, response) => sendJson(response, 200, embeddingsFor(request.body.input));
const hang: Responder = () => undefined;

describe('remote embedding providers', () => {
  it('sends texts in batches and returns unit vectors in input order', async () => {
    const { baseUrl, received } = await serve(ok);
    const provider = openAi(baseUrl, { batchSize: 2 }, { env: { ARCHANGEL_EMBEDDINGS_API_KEY: KEY, OPENAI_API_KEY: 'sk-openai' } });
    expect(provider.info.dimensions).toBe(0);
    const vectors = await provider.embedDocuments(['a', 'bb', 'ccc', 'dddd', 'eeeee']);
    expect(received.map((r) => r.body.input)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(received[0]).toMatchObject({ url: '/v1/embeddings', body: { model: 'nomic-embed-text' }, headers: { authorization: `Bearer ${KEY}` } });
    expect(vectors.map((v) => Math.round((v[0]! / v[1]!) * 10) / 10)).toEqual([1, 2, 3, 4, 5]);
    for (const v of vectors) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect(provider.info).toEqual({ provider: 'openai-compatible', model: 'nomic-embed-text', dimensions: 3 });
  });

  it('redacts secrets in the code it embeds: documents and queries leave the machine too', async () => {
    const { baseUrl, received } = await serve(ok);
    const token = `ghp_${'q7W'.repeat(12)}`;
    const provider = openAi(baseUrl);
    await provider.embedDocuments([`const token = "${token}";`]);
    await provider.embedQuery(`fetch(url, { headers: { Authorization: "token ${token}" } })`);
    const sent = JSON.stringify(received.map((r) => r.body.input));
    expect(sent).not.toContain(token);
    expect(sent).toContain('[REDACTED:github-token]');
  });

  it('never sends OPENAI_API_KEY to a server other than api.openai.com', async () => {
    const { baseUrl, received } = await serve(ok);
    await openAi(baseUrl, {}, { env: { OPENAI_API_KEY: 'sk-openai' } }).embedQuery('q');
    expect(received[0]?.headers.authorization).toBeUndefined();
  });

  it('asks Voyage for code embeddings, marking documents and queries', async () => {
    const { received, baseUrl } = await serve((request, response) => sendJson(response, 200, embeddingsFor(request.body.input, 256)));
    const provider = voyage(baseUrl, { dimensions: 256 });
    await provider.embedDocuments(['x']);
    await provider.embedQuery('y');
    expect(received.map((r) => r.body)).toEqual([
      { input: ['x'], model: 'voyage-code-3', input_type: 'document', output_dimension: 256 },
      { input: ['y'], model: 'voyage-code-3', input_type: 'query', output_dimension: 256 },
    ]);
    expect(received[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    const { baseUrl, received } = await serve((request, response, n) =>
      n === 0 ? sendJson(response, 429, { detail: 'slow down' }, { 'retry-after': '1' }) : ok(request, response, n),
    );
    const start = performance.now();
    const [vector] = await voyage(baseUrl).embedDocuments(['abc']);
    expect(performance.now() - start).toBeGreaterThanOrEqual(950);
    expect(received).toHaveLength(2);
    expect(vector).toHaveLength(3);
  });

  it('gives up on repeated 5xx after the bounded number of attempts', async () => {
    const { baseUrl, received } = await serve((_request, response) => sendJson(response, 500, { error: { message: 'model crashed' } }));
    const error = await voyage(baseUrl).embedQuery('q').catch((e: unknown) => e);
    expect(received).toHaveLength(3);
    expect(error).toMatchObject({ code: 'PROVIDER', message: 'Voyage kept failing (HTTP 500: model crashed) after 3 attempts.' });
    expect((error as { hint?: string }).hint).toMatch(/try again later/);
  });

  it('reports a rejected API key at once, without retrying or quoting the key', async () => {
    const { baseUrl, received } = await serve((_request, response) => sendJson(response, 401, { detail: `Invalid key ${KEY}` }));
    const error = await voyage(baseUrl).embedQuery('q').catch((e: unknown) => e);
    expect(received).toHaveLength(1);
    expect(error).toMatchObject({ code: 'PROVIDER', message: 'Voyage rejected the API key (401).' });
    expect((error as { hint?: string }).hint).toMatch(/VOYAGE_API_KEY/);
    expect(JSON.stringify(error) + String(error)).not.toContain(KEY);
  });

  it('quotes the server, without the key, when it rejects the request', async () => {
    const { baseUrl } = await serve((_request, response) => sendJson(response, 400, { detail: `model x unknown for ${KEY}` }));
    await expect(voyage(baseUrl).embedQuery('q')).rejects.toThrow('Voyage rejected the request (HTTP 400: model x unknown for ***).');
  });

  it('explains malformed JSON and answers of the wrong shape', async () => {
    const { baseUrl } = await serve((_request, response, n) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(n === 0 ? '{"data": [' : '{"data": []}');
    });
    const provider = openAi(baseUrl);
    await expect(provider.embedQuery('q')).rejects.toThrow(/answered with something that is not JSON/);
    await expect(provider.embedQuery('q')).rejects.toThrow(/without one embedding per input/);
  });

  it('rejects vectors whose length differs from the configured dimensions', async () => {
    const { baseUrl } = await serve(ok);
    await expect(openAi(baseUrl, { dimensions: 768 }).embedQuery('q')).rejects.toThrow(
      /Got a 3-dimensional vector from the embeddings server at .*, but embeddings.dimensions is 768/,
    );
  });

  it('times out a stuck request on every attempt, then fails', async () => {
    const { baseUrl, received } = await serve(hang);
    const provider = openAi(baseUrl, {}, { retry: { ...FAST, maxAttempts: 2, timeoutMs: 100 } });
    await expect(provider.embedQuery('q')).rejects.toThrow(/gave no answer within 100 ms, 2 attempts in a row/);
    expect(received).toHaveLength(2);
  });

  it('stops at once when the caller aborts', async () => {
    const { baseUrl } = await serve(hang);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const start = performance.now();
    await expect(openAi(baseUrl).embedDocuments(['q'], controller.signal)).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it('reports an unreachable server after retrying', async () => {
    const { baseUrl } = await serve(ok);
    await server?.close();
    server = undefined;
    await expect(openAi(baseUrl).embedQuery('q')).rejects.toThrow(/Could not reach the embeddings server at .* after 3 attempts \(.*ECONNREFUSED/);
  });

  it('refuses to start without what each provider needs', () => {
    expect(() => createEmbeddingProvider({ provider: 'voyage' }, { env: {} })).toThrow(/VOYAGE_API_KEY is not set/);
    expect(() => createEmbeddingProvider({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1' }, { env: {} })).toThrow(/needs embeddings.model/);
    expect(() => createEmbeddingProvider({ provider: 'openai-compatible', model: 'm' }, { env: {} })).toThrow(/needs embeddings.baseUrl/);
  });
});
