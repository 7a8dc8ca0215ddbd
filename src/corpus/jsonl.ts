import { createInterface } from 'node:readline';
import type { Metadata } from '../types.ts';
import { openTextStream, stripBom } from './decode.ts';
import { type CorpusItem, notUtf8Item, skippedItem } from './items.ts';

/** Reads a JSONL (NDJSON) corpus line by line: one JSON object per article. */
export async function* readJsonl(
  path: string,
  textField: string,
  idField: string,
  maxBytes: number,
  input?: NodeJS.ReadableStream,
): AsyncGenerator<CorpusItem> {
  const opened = input ? { stream: input, encoding: 'utf-8' as const } : await openTextStream(path);
  if (opened.encoding === 'windows-1252') {
    yield notUtf8Item(path);
  }
  const lines = createInterface({ input: opened.stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
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
        `line ${lineNo} has no string field "${textField}"`,
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
