import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Turns the bytes of an input file into text, or says why it cannot. UTF-8 (with or without a
 * byte-order mark) is read as is; bytes that are not valid UTF-8 are decoded as Windows-1252 (a
 * superset of Latin-1 for printable text, and what scraped Western pages most often are) and the
 * caller is told so; files with NUL bytes or many control characters are binary and refused.
 */

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' }
  | { readonly ok: false; readonly code: 'input/binary-file' | 'input/utf16-file'; readonly reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Windows-1252 differs from Latin-1 in 0x80-0x9F (curly quotes, dashes, the euro sign). Node's
 * TextDecoder treats the label as Latin-1 and would turn those bytes into invisible control
 * characters, so the 32 code points are mapped here.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const codes = Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return {
      ok: false,
      code: 'input/utf16-file',
      reason: 'the file is UTF-16; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)',
    };
  }
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0)
      return { ok: false, code: 'input/binary-file', reason: 'the file contains NUL bytes: it is not text' };
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.05) {
    return {
      ok: false,
      code: 'input/binary-file',
      reason: `${control} control bytes in the first ${sample.length}: it is not text`,
    };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: utf8.decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { ok: true, text: decodeCp1252(body), encoding: 'windows-1252' };
  }
}

/** Strips a leading byte-order mark left in text that was decoded elsewhere (CSV cells, stdin). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The length of `bytes` without a UTF-8 sequence cut off at its end (left for the next chunk). */
function wholeSequencesLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    if (byte < 0xc0) return bytes.length;
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return needs > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

const NEWLINE = 0x0a;

/**
 * Bytes in, text out, in one pass (a pipe or a FIFO can be read only once): UTF-8 up to the first
 * line that is not valid UTF-8, Windows-1252 from that line on (the caller is told the line through
 * `onFallback`). A byte-order mark is kept as U+FEFF for the caller to strip where a file starts.
 */
export class TextDecoding extends Transform {
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private windows1252 = false;
  /** Bytes of a UTF-8 sequence cut by the end of the previous chunk. */
  private cut: Buffer = Buffer.alloc(0);
  /** Lines passed so far (newline bytes seen), for the line named in the fallback. */
  private line = 1;

  constructor(private readonly onFallback: (line: number) => void = () => {}) {
    super({ readableObjectMode: false, decodeStrings: true });
    this.setEncoding('utf8');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    callback(null, this.decode(this.cut.length > 0 ? Buffer.concat([this.cut, chunk]) : chunk, false));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.cut.length > 0 ? this.decode(this.cut, true) : '');
  }

  private decode(bytes: Buffer, last: boolean): string {
    if (this.windows1252) {
      this.cut = Buffer.alloc(0);
      return decodeCp1252(bytes);
    }
    const whole = last ? bytes.length : wholeSequencesLength(bytes);
    this.cut = Buffer.from(bytes.subarray(whole));
    const body = bytes.subarray(0, whole);
    try {
      const text = this.utf8.decode(body);
      this.line += countByte(body, NEWLINE);
      return text;
    } catch {
      return this.decodeLineByLine(body);
    }
  }

  /** A chunk that is not valid UTF-8 as a whole: its valid lines as UTF-8, the rest as Windows-1252. */
  private decodeLineByLine(body: Buffer): string {
    let out = '';
    let from = 0;
    while (from < body.length) {
      const end = body.indexOf(NEWLINE, from);
      const to = end < 0 ? body.length : end + 1;
      const line = body.subarray(from, to);
      try {
        out += this.utf8.decode(line);
      } catch {
        this.windows1252 = true;
        this.onFallback(this.line);
        this.cut = Buffer.alloc(0);
        return out + decodeCp1252(body.subarray(from));
      }
      if (end >= 0) this.line++;
      from = to;
    }
    return out;
  }
}

function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let at = bytes.indexOf(byte); at >= 0; at = bytes.indexOf(byte, at + 1)) n++;
  return n;
}

/**
 * A text stream over a CSV corpus file (or standard input), read once: see TextDecoding. Node
 * would silently turn bytes that are not UTF-8 into U+FFFD; here they are decoded as
 * Windows-1252 and `onFallback` is told the first such line, for the caller to report.
 */
export function openTextStream(
  path: string,
  onFallback: (line: number) => void,
  input?: NodeJS.ReadableStream,
): NodeJS.ReadableStream {
  const decoding = new TextDecoding(onFallback);
  const raw: NodeJS.ReadableStream = input ?? createReadStream(path);
  raw.on('error', (e: Error) => decoding.destroy(e));
  return raw.pipe(decoding);
}

/**
 * Reads a stream into memory up to `maxBytes`: once the limit is passed, reading stops (the
 * stream is destroyed) and `over` says so, so a huge or endless input is never held whole.
 */
export async function readLimited(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
): Promise<{ readonly bytes: Buffer; readonly over: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    size += chunk.length;
    if (size > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      return { bytes: Buffer.alloc(0), over: true };
    }
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), over: false };
}
