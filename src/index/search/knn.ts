import type { IndexDb } from '../store/open.js';
import { vectorCodes } from '../store/read.js';
import { cosineInt8, toBits } from '../store/vector-codec.js';

/** sqlite-vec refuses k above this. */
const MAX_K = 4096;

/**
 * Nearest chunks to `query`: a Hamming KNN over sign bits finds candidates cheaply, then the int8
 * codes rescore them by cosine. Returns ids best first.
 */
export function knnSearch(db: IndexDb, query: Float32Array, limit: number, language?: string): Array<{ id: number; similarity: number }> {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'chunk_vec'").get()) return [];
  const k = Math.min(MAX_K, Math.max(limit, 1));
  const sql = `SELECT chunk_id AS id FROM chunk_vec WHERE embedding MATCH vec_bit(?) AND k = ?${language ? ' AND language = ?' : ''}`;
  const params: unknown[] = [toBits(query), k];
  if (language) params.push(language);
  const ids = (db.prepare(sql).all(...params) as Array<{ id: number }>).map((r) => r.id);
  const codes = vectorCodes(db, ids);
  return ids
    .map((id) => ({ id, similarity: codes.has(id) ? cosineInt8(query, codes.get(id)!) : -1 }))
    .sort((a, b) => b.similarity - a.similarity);
}

export { MAX_K };
