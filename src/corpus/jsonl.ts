import { createReadStream } from 'node:fs';
import type { Metadata } from '../types.ts';
import { decodeCp1252, stripBom } from './decode.ts';
import { type CorpusItem, notUtf8Item, skippedItem } from './items.ts';
import { readLines } from './lines.ts';

/**
 * The longest line read: a text cell of `maxBytes` may take six bytes a character once escaped in
 * JSON (`\u0001`), and the line holds other fields; never past 256 MiB, far below V8's limit on
 * the length of a string.
 */
export const maxJsonlLineBytes = (maxBytes: number): number => Math.min(6 * maxBytes + (1 << 20), 1 << 28);

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a JSONL (NDJSON) corpus line by line, in one pass (a pipe or FIFO can be read once): one
 * JSON object per article. A line that is not valid UTF-8 is read as Windows-1252 (reported once,
 * at the first such line); a line too long to hold is skipped as it is read.
 */
export async function* readJsonl(
  path: string,
  textField: string,
  idField: string,
  maxBytes: number,
  input?: NodeJS.ReadableStream,
): AsyncGenerator<CorpusItem> {
  let reportedEncoding = false;
  const lineLimit = maxJsonlLineBytes(maxBytes);
  for await (const read of readLines(input ?? createReadStream(path), lineLimit)) {
    const lineNo = read.line;
    if ('tooLong' in read) {
      yield skippedItem(
        `line-${lineNo}`,
        path,
        'input/too-large',
        `line ${lineNo} is ${read.tooLong} bytes, over the ${lineLimit} bytes a line may take with --max-bytes ${maxBytes}; it was not read`,
        'raise --max-bytes, or split the record',
        lineNo,
      );
      continue;
    }
    let raw: string;
    try {
      raw = utf8.decode(read.bytes);
    } catch {
      raw = decodeCp1252(read.bytes);
      if (!reportedEncoding) yield notUtf8Item(path, { line: lineNo, subject: `line ${lineNo}` });
      reportedEncoding = true;
    }
    const line = lineNo === 1 ? stripBom(raw) : raw;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield skippedItem(
        `line-${lineNo}`,
        path,
        'jsonl/bad-json',
        `line ${lineNo} is not valid JSON: ${(e as Error).message}`,
        'each line must be one JSON object',
        lineNo,
      );
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield skippedItem(
        `line-${lineNo}`,
        path,
        'jsonl/not-an-object',
        `line ${lineNo} is JSON but not an object`,
        'each line must be one JSON object',
        lineNo,
      );
      continue;
    }
    const obj = value as Record<string, unknown>;
    const rawId = obj[idField];
    // An id that is an object or array would print as "[object Object]": keep its JSON instead.
    const id =
      rawId === undefined || rawId === null || rawId === ''
        ? String(lineNo)
        : typeof rawId === 'object'
          ? JSON.stringify(rawId)
          : String(rawId);
    const text = obj[textField];
    if (typeof text !== 'string') {
      yield skippedItem(
        id,
        path,
        'jsonl/missing-text',
        `line ${lineNo} has no string field "${textField}"; its fields are: ${Object.keys(obj).join(', ')}`,
        'name the text field with --text-column',
        lineNo,
      );
      continue;
    }
    if (Buffer.byteLength(text) > maxBytes) {
      yield skippedItem(
        id,
        path,
        'input/too-large',
        `the text is over ${maxBytes} bytes`,
        'raise --max-bytes',
        lineNo,
      );
      continue;
    }
    if (text.trim() === '') {
      yield skippedItem(
        id,
        path,
        'input/empty-text',
        `the "${textField}" field is empty`,
        'fill it or drop the line',
        lineNo,
      );
      continue;
    }
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (k === textField) continue;
      metadata[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
    yield {
      kind: 'article',
      article: {
        id,
        text,
        metadata: metadata as Metadata,
        source: { file: path, line: lineNo, format: 'jsonl' },
      },
    };
  }
}
