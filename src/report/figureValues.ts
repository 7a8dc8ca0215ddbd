/**
 * An article's figure values as the run's article store keeps them on disk: 8 bytes each, a
 * little-endian double, read back with no text to parse. A run reads every record about nine
 * times, and parsing ~200 decimal numbers from JSON was most of a record's reading. NaN and the
 * infinities are doubles already; null is a NaN with a bit pattern of its own, which no figure
 * has (a NaN figure is written with the usual pattern).
 */

export const FIGURE_VALUE_BYTES = 8;

/** The two 32-bit halves of the NaN that stands for null. */
const NULL_HIGH = 0x7ff80000;
const NULL_LOW = 0x00000001;
const NAN_HIGH = 0x7ff80000;

export function encodeFigureValues(values: readonly (number | null)[]): Buffer {
  const bytes = Buffer.alloc(values.length * FIGURE_VALUE_BYTES);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number | null;
    const at = k * FIGURE_VALUE_BYTES;
    if (v === null) {
      view.setUint32(at, NULL_LOW, true);
      view.setUint32(at + 4, NULL_HIGH, true);
    } else if (Number.isNaN(v)) view.setUint32(at + 4, NAN_HIGH, true);
    else view.setFloat64(at, v, true);
  }
  return bytes;
}

/** The values of `encodeFigureValues`, from `byteLength` bytes at `offset` of `bytes`. */
export function decodeFigureValues(bytes: Uint8Array, offset: number, byteLength: number): (number | null)[] {
  if (byteLength % FIGURE_VALUE_BYTES !== 0)
    throw new Error(
      `figure values: expected a multiple of ${FIGURE_VALUE_BYTES} bytes, found ${byteLength} (a damaged article store)`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, byteLength);
  const values: (number | null)[] = [];
  for (let at = 0; at < byteLength; at += FIGURE_VALUE_BYTES)
    values.push(
      view.getUint32(at, true) === NULL_LOW && view.getUint32(at + 4, true) === NULL_HIGH
        ? null
        : view.getFloat64(at, true),
    );
  return values;
}
