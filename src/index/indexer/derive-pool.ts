import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlobRecord } from '../store/write.js';
import type { DeriveRequest, DeriveResponse } from './derive-worker.js';

/**
 * Worker threads that derive blobs (parse, chunk, observe, embed locally) while the main thread
 * reads git and writes SQLite: parsing is most of the cost of indexing, and it parallelises.
 */
export interface DerivePool {
  readonly size: number;
  derive(request: Omit<DeriveRequest, 'id'>): Promise<BlobRecord[]>;
  close(): Promise<void>;
}

/** One worker per core, at most this many: each holds its own grammars (~20 MB). */
const MAX_WORKERS = 4;

export function createDerivePool(size = Math.min(MAX_WORKERS, Math.max(1, availableParallelism()))): DerivePool {
  const workers = Array.from({ length: size }, () => startWorker());
  const pending = new Map<number, { resolve: (records: BlobRecord[]) => void; reject: (error: Error) => void }>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let nextId = 0;
  for (const worker of workers) {
    worker.on('message', (response: DeriveResponse) => {
      load.set(worker, (load.get(worker) ?? 1) - 1);
      const waiter = pending.get(response.id);
      pending.delete(response.id);
      if ('error' in response) waiter?.reject(new Error(`Deriving a batch of files failed: ${response.error}`));
      else waiter?.resolve(response.records);
    });
    worker.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  }
  return {
    size,
    derive(request) {
      const id = nextId++;
      const worker = [...load.entries()].sort((a, b) => a[1] - b[1])[0]![0];
      load.set(worker, (load.get(worker) ?? 0) + 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, ...request } satisfies DeriveRequest);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * The compiled worker (dist/) runs directly; from TypeScript sources (tests, benches under tsx)
 * the worker registers tsx first, since a worker does not inherit the parent's loader.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./derive-worker.js', here));
  const source = JSON.stringify(new URL('./derive-worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); })`, { eval: true });
}
