import type { EmbeddingProvider } from '../embed/provider.js';
import type { IndexDb } from '../store/open.js';
import { replaceVectors } from '../store/write.js';

/** Chunks per embedding call while re-embedding: bounded memory, and resumable in steps. */
const REEMBED_BATCH = 256;

/**
 * Gives every stored chunk a vector from `embedder`, after the embedding model changed. The chunks
 * themselves (text, lines, full-text rows) are kept; only their vectors are replaced.
 */
export async function reembedAll(db: IndexDb, embedder: EmbeddingProvider, signal?: AbortSignal): Promise<number> {
  const page = db.prepare(
    `SELECT c.id, c.symbol, c.text, coalesce(b.language, 'text') AS language
     FROM chunks c JOIN blobs b ON b.sha = c.blob_sha
     WHERE c.id > ? ORDER BY c.id LIMIT ?`,
  );
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = page.all(after, REEMBED_BATCH) as Array<{ id: number; symbol: string | null; text: string; language: string }>;
    if (rows.length === 0 || signal?.aborted) return done;
    const vectors = await embedder.embedDocuments(
      rows.map((r) => (r.symbol ? `${r.symbol}\n${r.text}` : r.text)),
      signal,
    );
    replaceVectors(
      db,
      rows.map((r, i) => ({ chunkId: r.id, language: r.language, vector: vectors[i]! })),
    );
    done += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
