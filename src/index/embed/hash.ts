/**
 * Fast non-cryptographic 32-bit hashing for feature hashing: FNV-1a over UTF-16 code units, then
 * murmur3's finaliser so that every output bit (bucket and sign alike) depends on every input bit.
 */

/** The unsigned 32-bit hash of `text`; different seeds give independent hash families (namespaces). */
export function hashString(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** An order-sensitive hash of the pair (a, b): `combine(a, b) !== combine(b, a)`. */
export function combine(a: number, b: number): number {
  return mix32(Math.imul(a, 0x9e3779b1) ^ b);
}

/** murmur3's fmix32 avalanche step; returns an unsigned 32-bit integer. */
export function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
