import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';

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

function decodeCp1252(bytes: Uint8Array): string {
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

/** Whether a file is valid UTF-8, checked in chunks so that a large corpus file is never held whole. */
async function isUtf8File(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return false;
    throw e;
  }
}

/**
 * A text stream over a CSV or JSONL corpus file. Node would silently turn bytes that are not UTF-8
 * into U+FFFD, so the file is checked first (one extra read, far cheaper than the analysis) and a
 * Latin-1 or Windows-1252 file is decoded as such; the caller reports it.
 */
export async function openTextStream(
  path: string,
): Promise<{ readonly stream: NodeJS.ReadableStream; readonly encoding: 'utf-8' | 'windows-1252' }> {
  if (await isUtf8File(path))
    return { stream: createReadStream(path, { encoding: 'utf8' }), encoding: 'utf-8' };
  const decode = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decodeCp1252(chunk));
    },
  });
  decode.setEncoding('utf8');
  const raw = createReadStream(path);
  raw.on('error', (e) => decode.destroy(e));
  return { stream: raw.pipe(decode), encoding: 'windows-1252' };
}
