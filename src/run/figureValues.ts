/**
 * An article's figure values as the run's article store keeps them on disk: 8 bytes each, a
 * double in the machine's byte order (the file is read back by the process that wrote it), with
 * no text to parse. A run reads every record about nine times, and parsing ~200 decimal numbers
 * from JSON was most of a record's reading. NaN and the infinities are doubles already; null is
 * a NaN with a bit pattern of its own (both halves below, in either byte order), which no figure
 * has: a NaN figure is written as JavaScript's NaN.
 */

export const FIGURE_VALUE_BYTES = 8;

/** Each 32-bit half of the NaN that stands for null. */
const NULL_HALF = 0x7ff80001;

/** Where values are copied to be read as doubles (typed arrays need 8-byte aligned offsets), with its views. */
let scratch = new ArrayBuffer(1 << 12);
let scratchBytes = new Uint8Array(scratch);
let scratchDoubles = new Float64Array(scratch);
let scratchHalves = new Uint32Array(scratch);

function ensureScratch(bytes: number): void {
  if (scratch.byteLength >= bytes) return;
  scratch = new ArrayBuffer(2 * bytes);
  scratchBytes = new Uint8Array(scratch);
  scratchDoubles = new Float64Array(scratch);
  scratchHalves = new Uint32Array(scratch);
}

export function encodeFigureValues(values: readonly (number | null)[]): Buffer {
  const buffer = new ArrayBuffer(values.length * FIGURE_VALUE_BYTES);
  const doubles = new Float64Array(buffer);
  const halves = new Uint32Array(buffer);
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number | null;
    if (v === null) {
      halves[2 * k] = NULL_HALF;
      halves[2 * k + 1] = NULL_HALF;
    } else doubles[k] = Number.isNaN(v) ? Number.NaN : v;
  }
  return Buffer.from(buffer);
}

/**
 * The values of `encodeFigureValues`, from `byteLength` bytes at `offset` of `bytes`, written into
 * `into` (a reader that uses them at once passes the same array each time: no array per record).
 */
export function decodeFigureValues(
  bytes: Uint8Array,
  offset: number,
  byteLength: number,
  into: (number | null)[] = [],
): (number | null)[] {
  if (byteLength % FIGURE_VALUE_BYTES !== 0)
    throw new Error(
      `figure values: expected a multiple of ${FIGURE_VALUE_BYTES} bytes, found ${byteLength} (a damaged article store)`,
    );
  ensureScratch(byteLength);
  scratchBytes.set(new Uint8Array(bytes.buffer, bytes.byteOffset + offset, byteLength));
  const count = byteLength / FIGURE_VALUE_BYTES;
  into.length = count;
  for (let k = 0; k < count; k++)
    into[k] =
      scratchHalves[2 * k] === NULL_HALF && scratchHalves[2 * k + 1] === NULL_HALF
        ? null
        : (scratchDoubles[k] as number);
  return into;
}
