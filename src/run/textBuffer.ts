import type { OutputText } from '../report/outputFiles.ts';

/**
 * The texts of keyed records UTF-8 encoded into one buffer of their own, which a worker transfers
 * (moves) to the main thread: the main thread then only writes bytes, with no string to copy
 * across or encode. Each string becomes a view into that buffer under its own key; values that are
 * bytes already stay as they are, their buffers moved too when they own them whole.
 */

type TextRecord = { readonly [key: string]: OutputText | null };
type EncodedValue<V> = V extends string ? Uint8Array : V;
/** A record whose strings became bytes. */
export type Encoded<R> = { readonly [K in keyof R]: EncodedValue<R[K]> };

export function encodeTexts<Rs extends readonly TextRecord[]>(
  records: readonly [...Rs],
): { readonly encoded: { -readonly [I in keyof Rs]: Encoded<Rs[I]> }; readonly transfer: ArrayBuffer[] } {
  let total = 0;
  const transfer: ArrayBuffer[] = [];
  for (const record of records)
    for (const value of Object.values(record)) {
      if (typeof value === 'string') total += Buffer.byteLength(value, 'utf8');
      else if (value !== null) transfer.push(...ownBuffer(value));
    }
  // Not from Node's shared pool: this buffer is moved to another thread whole.
  const buffer = Buffer.allocUnsafeSlow(total);
  let at = 0;
  const encoded = records.map((record) => {
    const out: Record<string, OutputText | null> = {};
    for (const [key, value] of Object.entries(record)) {
      if (typeof value !== 'string') {
        out[key] = value;
        continue;
      }
      const length = buffer.write(value, at, 'utf8');
      out[key] = new Uint8Array(buffer.buffer, buffer.byteOffset + at, length);
      at += length;
    }
    return out;
  });
  return {
    encoded: encoded as { -readonly [I in keyof Rs]: Encoded<Rs[I]> },
    transfer: [buffer.buffer as ArrayBuffer, ...transfer],
  };
}

/** The buffer of a view that spans all of it, which can be moved; none for a view into a larger one. */
function ownBuffer(view: Uint8Array): ArrayBuffer[] {
  const buffer = view.buffer;
  return buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength
    ? [buffer]
    : [];
}
