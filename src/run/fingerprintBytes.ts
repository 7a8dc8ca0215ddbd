import type { Fingerprints, SentenceFingerprint } from '../compare/summary.ts';

/**
 * Fingerprints as bytes, for the article store's scratch file, read back per candidate
 * pair: whole 32-bit numbers in the machine's byte order, read back as views with no parsing.
 * Layout (Uint32): shingle count, sentence count, the shingles, then per sentence its index,
 * span start, end, line and column, size, hash count and hashes. Every number of a fingerprint is
 * a whole number in [0, 2^32): hashes are Uint32, the rest offsets and counts.
 */

const SENTENCE_FIELDS = 7;

export function encodeFingerprints(f: Fingerprints): Uint8Array {
  let length = 2 + f.shingles.length;
  for (const s of f.sentences) length += SENTENCE_FIELDS + s.hashes.length;
  const words = new Uint32Array(length);
  words[0] = f.shingles.length;
  words[1] = f.sentences.length;
  words.set(f.shingles, 2);
  let at = 2 + f.shingles.length;
  for (const s of f.sentences) {
    words[at++] = s.index;
    words[at++] = s.span.start;
    words[at++] = s.span.end;
    words[at++] = s.span.line;
    words[at++] = s.span.column;
    words[at++] = s.size;
    words[at++] = s.hashes.length;
    words.set(s.hashes, at);
    at += s.hashes.length;
  }
  return new Uint8Array(words.buffer);
}

/** The fingerprints of `encodeFingerprints`; the arrays are views into `bytes`, which must be 4-aligned. */
export function decodeFingerprints(bytes: Uint8Array): Fingerprints {
  if (bytes.byteOffset % 4 !== 0 || bytes.byteLength % 4 !== 0)
    throw new Error(
      `decodeFingerprints: expecting whole 32-bit words at a 4-byte boundary, instead found ${bytes.byteLength} bytes at offset ${bytes.byteOffset}`,
    );
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const word = (i: number): number => {
    const w = words[i];
    if (w === undefined)
      throw new Error(`decodeFingerprints: the data ends before word ${i} of ${words.length}`);
    return w;
  };
  const shingleCount = word(0);
  const sentenceCount = word(1);
  const shingles = words.subarray(2, 2 + shingleCount);
  const sentences: SentenceFingerprint[] = [];
  let at = 2 + shingleCount;
  for (let k = 0; k < sentenceCount; k++) {
    const index = word(at);
    const span = { start: word(at + 1), end: word(at + 2), line: word(at + 3), column: word(at + 4) };
    const size = word(at + 5);
    const count = word(at + 6);
    at += SENTENCE_FIELDS;
    if (at + count > words.length)
      throw new Error(`decodeFingerprints: sentence ${k} has ${count} hashes, past the end of the data`);
    sentences.push({ index, span, hashes: words.subarray(at, at + count), size });
    at += count;
  }
  if (at !== words.length)
    throw new Error(`decodeFingerprints: expecting ${at} words, instead found ${words.length}`);
  return { shingles, sentences };
}
