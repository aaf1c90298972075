import { describe, expect, it } from 'vitest';
import { LOCAL_DIMENSIONS, LocalEmbeddingProvider } from '../../../src/index/embed/local.js';
import type { TermStats } from '../../../src/index/embed/provider.js';
import { embedBlobRecords } from '../../../src/index/indexer/build-blobs.js';
import type { BlobRecord } from '../../../src/index/store/write.js';
import { terms } from '../../../src/index/tokens.js';
import { commanderFunction, realChunks, renamed } from './real-code.js';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
const norm = (v: Float32Array): number => Math.sqrt(dot(v, v));

/** Indices of the k largest scores, best first; `skip` is left out. */
function topK(scores: number[], k: number, skip: number): number[] {
  return scores
    .map((score, index) => ({ score, index }))
    .filter(({ index }) => index !== skip)
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map(({ index }) => index);
}

/** The signs the store's binary KNN index keeps, one per component. */
const signBits = (v: Float32Array): Uint8Array => Uint8Array.from(v, (x) => (x > 0 ? 1 : 0));
const hamming = (a: Uint8Array, b: Uint8Array): number => a.reduce((sum, bit, i) => sum + (bit === b[i] ? 0 : 1), 0);

describe('LocalEmbeddingProvider', () => {
  const provider = new LocalEmbeddingProvider();
  const editDistance = commanderFunction('suggestSimilar.js', 'function editDistance(');

  it('gives the same unit vector with mixed signs for the same text, every time', async () => {
    const [first, second] = await provider.embedDocuments([editDistance, editDistance]);
    const again = await new LocalEmbeddingProvider().embedQuery(editDistance);
    expect(first).toHaveLength(LOCAL_DIMENSIONS);
    expect(norm(first!)).toBeCloseTo(1, 5);
    expect(second).toEqual(first);
    expect(again).toEqual(first);
    expect(first!.some((x) => x > 0) && first!.some((x) => x < 0)).toBe(true);
    expect(provider.info).toEqual({ provider: 'local', model: 'hashed-features-v1', dimensions: 512 });
  });

  it('gives the indexer the same vectors from the search terms it already has as from the text', async () => {
    // The indexer embeds `symbol\ntext` and stores terms(symbol) and terms(text) for full-text search.
    const chunks = realChunks(20)
      .slice(0, 40)
      .map((text, index) => ({ text, symbol: index % 2 === 0 ? `parseHTTPResponse_${index}` : null }));
    expect(chunks).toHaveLength(40);
    const texts = chunks.map((chunk) => (chunk.symbol ? `${chunk.symbol}\n${chunk.text}` : chunk.text));
    const records: BlobRecord[] = [{ sha: 's', language: 'javascript', bytes: 1, lines: 1, skipReason: null, observations: null, path: 'x.js', chunks: chunks.map((chunk) => ({ startLine: 1, endLine: 1, kind: 'function', symbol: chunk.symbol, text: chunk.text, ftsPath: '', ftsSymbol: chunk.symbol ? terms(chunk.symbol).join(' ') : '', ftsBody: terms(chunk.text).join(' '), vector: new Float32Array(0) })) }];
    await embedBlobRecords(records, provider);
    expect(records[0]!.chunks.map((chunk) => [...chunk.vector])).toEqual((await provider.embedDocuments(texts)).map((vector) => [...vector]));
  });

  it('honours configured dimensions and leaves empty text as a zero vector', async () => {
    const small = new LocalEmbeddingProvider({ dimensions: 64 });
    const [vector, empty] = await small.embedDocuments([editDistance, '']);
    expect(vector).toHaveLength(64);
    expect(norm(vector!)).toBeCloseTo(1, 5);
    expect(empty!.every((x) => x === 0)).toBe(true);
  });

  it('places a near-copy with renamed variables closer than unrelated code', async () => {
    const cases = [
      {
        original: editDistance,
        copy: renamed(editDistance, { a: 'left', b: 'right', d: 'table', i: 'row', j: 'col', cost: 'penalty' }),
      },
      {
        original: commanderFunction('option.js', 'function splitOptionFlags('),
        copy: renamed(commanderFunction('option.js', 'function splitOptionFlags('), {
          shortFlag: 'short',
          longFlag: 'long',
          flagParts: 'pieces',
          shortFlagExp: 'SHORT_RE',
          longFlagExp: 'LONG_RE',
          baseError: 'prefix',
        }),
      },
      {
        original: commanderFunction('help.js', 'visibleOptions('),
        copy: renamed(commanderFunction('help.js', 'visibleOptions('), { visibleOptions: 'shown', helpOption: 'help', removeShort: 'dropShort', removeLong: 'dropLong' }),
      },
    ];
    const unrelated = [
      commanderFunction('suggestSimilar.js', 'function suggestSimilar('),
      commanderFunction('option.js', 'function camelcase('),
      commanderFunction('help.js', 'compareOptions('),
      commanderFunction('help.js', 'formatItemList('),
      commanderFunction('argument.js', 'argParser('),
    ];
    const others = await provider.embedDocuments(unrelated);
    for (const { original, copy } of cases) {
      const [o, c] = await provider.embedDocuments([original, copy]);
      const closestUnrelated = Math.max(...others.map((u) => dot(o!, u)));
      expect(dot(o!, c!)).toBeGreaterThan(closestUnrelated);
      expect(dot(o!, c!)).toBeGreaterThan(0.6);
    }
  });

  it('weighs rare query terms up when term statistics are given', async () => {
    // Both documents share one query term: `handler` is everywhere in the corpus, `debounce` is rare.
    const docs = await provider.embedDocuments([
      'function wrapHandler(handler) { return (event) => handler(event, handler.context, handler.options); }',
      '/** Debounces calls to fn. */\nfunction debounce(fn, wait) { let timer; return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), wait); }; }',
    ]);
    const query = 'debounce the event handler';
    const stats: TermStats = {
      documentCount: () => 10_000,
      documentFrequency: (terms) => new Map(terms.map((term) => [term, term === 'debounc' || term === 'debounce' ? 3 : 8_000])),
    };
    const plain = await provider.embedQuery(query);
    const weighted = await new LocalEmbeddingProvider({ termStats: stats }).embedQuery(query);
    const [handlerDoc, debounceDoc] = docs as [Float32Array, Float32Array];
    expect(dot(plain, handlerDoc)).toBeGreaterThan(dot(plain, debounceDoc));
    expect(dot(weighted, debounceDoc)).toBeGreaterThan(dot(weighted, handlerDoc));
  });

  it('keeps most exact nearest neighbours among the hamming nearest of the sign bits', async () => {
    const chunks = realChunks(30);
    expect(chunks.length).toBeGreaterThan(250);
    const vectors = await provider.embedDocuments(chunks);
    const bits = vectors.map(signBits);
    let recall = 0;
    let nearestKept = 0;
    vectors.forEach((query, q) => {
      const exact = topK(vectors.map((v) => dot(query, v)), 10, q);
      const coarse = new Set(topK(bits.map((b) => -hamming(bits[q]!, b)), 50, q));
      recall += exact.filter((i) => coarse.has(i)).length / exact.length;
      if (coarse.has(exact[0]!)) nearestKept++;
    });
    recall /= vectors.length;
    console.log(`local embedding, ${chunks.length} chunks: recall@10 of hamming top-50 = ${recall.toFixed(3)}, nearest kept ${nearestKept}/${chunks.length}`);
    expect(recall).toBeGreaterThan(0.85);
    expect(nearestKept / chunks.length).toBeGreaterThan(0.95);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(provider.embedDocuments(['x'], controller.signal)).rejects.toMatchObject({ code: 'INTERRUPTED' });
  });
});
