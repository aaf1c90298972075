import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
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

/** One worker per core, at most this many: each holds its own grammars and tree-sitter memory (~35 MB). */
const MAX_WORKERS = 4;

/**
 * Each worker's V8 heap, capped. Left to itself V8 grows a worker's heap to ~150 MB deriving
 * batches whose live data is a few MB, since nothing asks it to collect sooner: two workers were
 * most of `archangel index`'s 660 MB peak. Capped, it collects more often: on 22,621 files the
 * peak is ~270 MB for ~3% more CPU than at 4/64 MB (~305 MB), bench/index-throughput.ts. A batch
 * that needs more kills its worker with ERR_WORKER_OUT_OF_MEMORY (`isWorkerOutOfMemory`): the
 * caller derives it on the main thread, and the worker is replaced on the next request.
 */
export const WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 40 };

interface Waiter {
  resolve: (records: BlobRecord[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The requests this worker was sent and has not answered. */
  pending: Map<number, Waiter>;
  /** The worker stopped (out of memory, or a crash); a new one takes its place on the next request. */
  dead: boolean;
}

export function createDerivePool(size = Math.min(MAX_WORKERS, Math.max(1, availableParallelism())), limits: ResourceLimits = WORKER_LIMITS): DerivePool {
  const start = (): Slot => {
    const slot: Slot = { worker: startWorker(limits), pending: new Map(), dead: false };
    slot.worker.on('message', (response: DeriveResponse) => {
      const waiter = slot.pending.get(response.id);
      slot.pending.delete(response.id);
      if ('error' in response) waiter?.reject(new Error(`Deriving a batch of files failed: ${response.error}`));
      else waiter?.resolve(response.records);
    });
    slot.worker.on('error', (error) => {
      slot.dead = true;
      for (const waiter of slot.pending.values()) waiter.reject(error);
      slot.pending.clear();
    });
    return slot;
  };
  const slots = Array.from({ length: size }, start);
  let nextId = 0;
  return {
    size,
    derive(request) {
      const least = slots.reduce((best, slot, index) => (slot.pending.size < slots[best]!.pending.size ? index : best), 0);
      if (slots[least]!.dead) {
        void slots[least]!.worker.terminate();
        slots[least] = start();
      }
      const slot = slots[least]!;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, ...request } satisfies DeriveRequest);
      });
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

/** Whether a derive failed because its worker ran out of its capped heap (see WORKER_LIMITS). */
export function isWorkerOutOfMemory(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/**
 * The compiled worker (dist/) runs directly; from TypeScript sources (tests, benches under tsx)
 * the worker registers tsx first, since a worker does not inherit the parent's loader.
 */
function startWorker(resourceLimits: ResourceLimits): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./derive-worker.js', here), { resourceLimits });
  const source = JSON.stringify(new URL('./derive-worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); })`, { eval: true, resourceLimits });
}
