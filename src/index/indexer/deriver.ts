import type { ResourceLimits } from 'node:worker_threads';
import type { EmbeddingProvider } from '../embed/provider.js';
import type { BlobRecord } from '../store/write.js';
import { buildBlobRecords, embedBlobRecords, type BlobBatch, type BlobObserver } from './build-blobs.js';
import { createDerivePool, isWorkerOutOfMemory, WORKER_LIMITS } from './derive-pool.js';

/** Below this many files to derive, starting worker threads (~150 ms each) costs more than it saves. */
const POOL_MIN_FILES = 400;

/** Turns batches of files read from git into records for the store. */
export interface Deriver {
  /** How many batches it works on at once. */
  readonly parallel: number;
  run(batch: BlobBatch): Promise<BlobRecord[]>;
  close(): Promise<void>;
}

export interface DeriverOptions {
  embedder: EmbeddingProvider;
  maxFileBytes: number;
  observer?: BlobObserver | undefined;
  signal?: AbortSignal | undefined;
  /** The workers' heap limits (tests make them tiny). */
  workerLimits?: ResourceLimits;
}

/**
 * Where batches are derived: on worker threads when there is enough work to pay for starting
 * them (each loads its grammars), inline otherwise. Local embeddings are computed in the workers;
 * remote ones on this thread, where their HTTP client and retries live. A batch too big for a
 * worker's capped heap is derived on this thread instead.
 */
export function createDeriver(files: number, options: DeriverOptions): Deriver {
  const { embedder, maxFileBytes, observer, signal } = options;
  const inline = (batch: BlobBatch): Promise<BlobRecord[]> => buildBlobRecords(batch, embedder, { maxFileBytes, observer, signal });
  if (files < POOL_MIN_FILES || (observer && !observer.workerEntry)) return { parallel: 1, run: inline, close: async () => {} };
  const pool = createDerivePool(undefined, options.workerLimits ?? WORKER_LIMITS);
  const embedLocally = embedder.info.provider === 'local';
  return {
    parallel: pool.size,
    async run(batch) {
      try {
        const records = await pool.derive({ batch, maxFileBytes, observer: observer?.workerEntry, embedLocally });
        return embedLocally ? records : await embedBlobRecords(records, embedder, signal);
      } catch (error) {
        if (!isWorkerOutOfMemory(error)) throw error;
        return inline(batch);
      }
    },
    close: () => pool.close(),
  };
}
