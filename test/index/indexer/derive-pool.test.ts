import { describe, expect, it } from 'vitest';
import { conventionsObserver } from '../../../src/conventions/learn.js';
import { createEmbeddingProvider } from '../../../src/index/embed/create.js';
import { buildBlobRecords, type BlobBatch } from '../../../src/index/indexer/build-blobs.js';
import { createDerivePool } from '../../../src/index/indexer/derive-pool.js';
import { detectLanguage } from '../../../src/index/language.js';
import { treeFromNodeModules } from '../../helpers/corpus.js';

describe('the derive pool', () => {
  it('derives exactly what the inline path derives, vectors and observations included', async () => {
    const files = Object.entries(treeFromNodeModules('commander/lib', /\.js$/));
    const batch: BlobBatch = files.map(([path, bytes], i) => ({ file: { path, sha: `sha${i}`, size: bytes.length, language: detectLanguage(path)! }, bytes }));
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
});
