import { describe, expect, it } from 'vitest';
import { conventionsObserver } from '../../../src/conventions/learn.js';
import { createEmbeddingProvider } from '../../../src/index/embed/create.js';
import { buildBlobRecords, type BlobBatch } from '../../../src/index/indexer/build-blobs.js';
import { createDerivePool, isWorkerOutOfMemory } from '../../../src/index/indexer/derive-pool.js';
import { createDeriver } from '../../../src/index/indexer/deriver.js';
import { detectLanguage } from '../../../src/index/language.js';
import { treeFromNodeModules } from '../../helpers/corpus.js';

function commanderBatch(): BlobBatch {
  const files = Object.entries(treeFromNodeModules('commander/lib', /\.js$/));
  return files.map(([path, bytes], i) => ({ file: { path, sha: `sha${i}`, size: bytes.length, language: detectLanguage(path)! }, bytes }));
}

/** A worker heap too small to derive anything: the worker runs out of memory for real. */
const TINY_HEAP = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 4 };

describe('the derive pool', () => {
  it('derives exactly what the inline path derives, vectors and observations included', async () => {
    const batch = commanderBatch();
    const inline = await buildBlobRecords(batch, createEmbeddingProvider({ provider: 'local' }, {}), { maxFileBytes: 1_000_000, observer: conventionsObserver });
    const pool = createDerivePool(2);
    try {
      const [a, b] = await Promise.all([
        pool.derive({ batch: batch.slice(0, 3), maxFileBytes: 1_000_000, observer: conventionsObserver.workerEntry, embedLocally: true }),
        pool.derive({ batch: batch.slice(3), maxFileBytes: 1_000_000, observer: conventionsObserver.workerEntry, embedLocally: true }),
      ]);
      const pooled = [...a, ...b];
      expect(pooled.map((r) => r.sha)).toEqual(inline.map((r) => r.sha));
      expect(pooled.map((r) => r.observations)).toEqual(inline.map((r) => r.observations));
      expect(pooled.flatMap((r) => r.chunks.map((c) => [c.startLine, c.endLine, c.symbol]))).toEqual(inline.flatMap((r) => r.chunks.map((c) => [c.startLine, c.endLine, c.symbol])));
      expect(pooled.flatMap((r) => r.chunks.map((c) => Array.from(c.vector)))).toEqual(inline.flatMap((r) => r.chunks.map((c) => Array.from(c.vector))));
      expect(inline.some((r) => r.chunks.length > 0 && r.observations !== null)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('rejects a batch whose worker ran out of its capped heap, and starts a new worker for the next one', async () => {
    const pool = createDerivePool(1, TINY_HEAP);
    try {
      const request = { batch: commanderBatch(), maxFileBytes: 1_000_000, observer: conventionsObserver.workerEntry, embedLocally: true };
      const first = await pool.derive(request).catch((error: unknown) => error);
      expect(isWorkerOutOfMemory(first)).toBe(true);
      const second = await pool.derive(request).catch((error: unknown) => error);
      expect(isWorkerOutOfMemory(second)).toBe(true);
    } finally {
      await pool.close();
    }
  });
});

describe('the deriver', () => {
  it('derives a batch on the main thread when its worker runs out of memory: the same records as inline', async () => {
    const batch = commanderBatch();
    const embedder = createEmbeddingProvider({ provider: 'local' }, {});
    const inline = await buildBlobRecords(batch, embedder, { maxFileBytes: 1_000_000, observer: conventionsObserver });
    const deriver = createDeriver(1_000, { embedder, maxFileBytes: 1_000_000, observer: conventionsObserver, workerLimits: TINY_HEAP });
    try {
      const records = await deriver.run(batch);
      expect(records.map((r) => [r.sha, r.observations, r.chunks.length])).toEqual(inline.map((r) => [r.sha, r.observations, r.chunks.length]));
    } finally {
      await deriver.close();
    }
  });
});
