/**
 * The lines of a byte stream, read once and never held whole: a line longer than `maxLineBytes`
 * is dropped while it is read (only its length is kept), so a line of gigabytes costs no memory
 * and never reaches V8's limit on string length. Line ends are LF or CRLF.
 */

export type StreamLine =
  | { readonly line: number; readonly bytes: Buffer }
  | { readonly line: number; readonly tooLong: number };

const NEWLINE = 0x0a;
const CR = 0x0d;

export async function* readLines(
  stream: NodeJS.ReadableStream,
  maxLineBytes: number,
): AsyncGenerator<StreamLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let line = 1;
  const finish = (): StreamLine => {
    const done: StreamLine =
      size > maxLineBytes
        ? { line, tooLong: size }
        : { line, bytes: withoutCr(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts)) };
    parts = [];
    size = 0;
    line++;
    return done;
  };
  for await (const c of stream) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    let from = 0;
    for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, from)) {
      take(chunk.subarray(from, end));
      yield finish();
      from = end + 1;
    }
    take(chunk.subarray(from));
  }
  if (size > 0) yield finish();

  function take(piece: Buffer): void {
    size += piece.length;
    // Past the limit the line is only counted: its bytes are let go as they come.
    if (size <= maxLineBytes) parts.push(piece);
    else parts = [];
  }
}

function withoutCr(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes;
}
