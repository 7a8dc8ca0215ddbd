/**
 * 32-bit hashing for fingerprints. FNV-1a gives each word a stable number across runs and
 * machines (no per-process salt), and the murmur3 finaliser spreads it so that MinHash can
 * derive many independent-looking hash functions from one by XOR with a seed.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a string's UTF-16 code units, as an unsigned 32-bit integer. */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers with good avalanche. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines a running hash with the next value (order-sensitive), for shingles of hashes. */
export function combineHash(h: number, next: number): number {
  return mix32(Math.imul(h ^ next, FNV_PRIME) + 0x9e3779b9);
}
