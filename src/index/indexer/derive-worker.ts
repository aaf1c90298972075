import { parentPort } from 'node:worker_threads';
import { createEmbeddingProvider } from '../embed/create.js';
import type { BlobRecord } from '../store/write.js';
import { deriveBlobRecords, embedBlobRecords, type BlobBatch, type BlobObserver } from './build-blobs.js';

/** A batch sent to a derive worker (see derive-pool.ts). */
export interface DeriveRequest {
  id: number;
  batch: BlobBatch;
  maxFileBytes: number;
  observer?: { module: string; name: string } | undefined;
  /** Embed with the local provider here (remote providers embed on the main thread). */
  embedLocally: boolean;
}

export type DeriveResponse = { id: number; records: BlobRecord[] } | { id: number; error: string };

const local = createEmbeddingProvider({ provider: 'local' }, {});
const observers = new Map<string, Promise<Pick<BlobObserver, 'observe'>>>();

function loadObserver(entry: { module: string; name: string }): Promise<Pick<BlobObserver, 'observe'>> {
  const key = `${entry.module}#${entry.name}`;
  let observer = observers.get(key);
  if (!observer) {
    observer = import(entry.module).then((module: Record<string, Pick<BlobObserver, 'observe'>>) => module[entry.name]!);
    observers.set(key, observer);
  }
  return observer;
}

parentPort?.on('message', (request: DeriveRequest) => {
  void (async () => {
    try {
      const observer = request.observer ? await loadObserver(request.observer) : undefined;
      const derived = await deriveBlobRecords(request.batch, { maxFileBytes: request.maxFileBytes, observer });
      const records = request.embedLocally ? await embedBlobRecords(derived, local) : derived;
      parentPort!.postMessage({ id: request.id, records } satisfies DeriveResponse);
    } catch (error) {
      parentPort!.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies DeriveResponse);
    }
  })();
});
