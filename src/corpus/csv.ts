import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import type { Metadata } from '../types.ts';
import { stripBom } from './decode.ts';
import { type CorpusItem, skippedItem } from './items.ts';

/**
 * Streams a CSV corpus with papaparse: one article per record, the text from `textColumn`, the id
 * from `idColumn` (the record number when the column is absent), every other column kept as
 * metadata. Each record knows the line it starts on, so every problem names file and line.
 */
export async function* readCsv(
  path: string,
  textColumn: string,
  idColumn: string,
  maxBytes: number,
  input?: NodeJS.ReadableStream,
): AsyncGenerator<CorpusItem> {
  const queue: CorpusItem[] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  let line = 2; // record lines start after the header
  let record = 0;
  let checkedHeader = false;
  let hasIdColumn = false;
  const stream = input ?? createReadStream(path, { encoding: 'utf8' });

  Papa.parse<Record<string, string>>(stream as unknown as File, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h: string, i: number) => (i === 0 ? stripBom(h) : h).trim(),
    step(result, parser) {
      const row = result.data;
      const startLine = line;
      record++;
      // Lines spanned by this record: one, plus the line breaks inside its quoted cells.
      let breaks = 0;
      for (const v of Object.values(row)) if (typeof v === 'string') breaks += (v.match(/\n/g) ?? []).length;
      line += 1 + breaks;
      if (!checkedHeader) {
        checkedHeader = true;
        const fields = result.meta.fields ?? [];
        hasIdColumn = fields.includes(idColumn);
        if (!fields.includes(textColumn)) {
          queue.push({
            kind: 'issue',
            issue: {
              severity: 'error',
              code: 'csv/missing-column',
              message: `no column "${textColumn}" holds the article text; the columns are: ${fields.join(', ')}`,
              file: path,
              line: 1,
              hint: 'name the text column with --text-column',
            },
          });
          done = true;
          parser.abort();
          notify();
          return;
        }
      }
      for (const e of result.errors) {
        queue.push({
          kind: 'issue',
          issue: {
            severity: 'error',
            code: `csv/${e.code === 'MissingQuotes' ? 'unbalanced-quotes' : e.code === 'TooFewFields' || e.code === 'TooManyFields' ? 'field-count' : 'parse-error'}`,
            message: `${e.message} (record ${record})`,
            file: path,
            line: startLine,
            hint:
              e.code === 'MissingQuotes'
                ? 'a quoted cell is not closed: the rest of the file may have been read as one cell; close the quote'
                : 'check the number of separators on this line',
          },
        });
      }
      const id = (hasIdColumn && row[idColumn]?.trim()) || String(record);
      const text = row[textColumn] ?? '';
      const metadata: Record<string, string> = {};
      for (const [k, v] of Object.entries(row)) {
        if (k === textColumn || k === '__parsed_extra') continue;
        metadata[k] = typeof v === 'string' ? v : String(v ?? '');
      }
      if (Buffer.byteLength(text) > maxBytes) {
        queue.push(
          skippedItem(
            id,
            path,
            'input/too-large',
            `the text cell is over the limit of ${maxBytes} bytes`,
            'raise --max-bytes',
            startLine,
          ),
        );
      } else if (text.trim() === '') {
        queue.push(
          skippedItem(
            id,
            path,
            'input/empty-text',
            `the "${textColumn}" cell is empty`,
            'fill it or drop the row',
            startLine,
          ),
        );
      } else {
        queue.push({
          kind: 'article',
          article: {
            id,
            text,
            metadata: metadata as Metadata,
            source: { file: path, line: startLine, format: 'csv' },
          },
        });
      }
      if (queue.length > 256) stream.pause?.();
      notify();
    },
    complete() {
      done = true;
      notify();
    },
    error(err: Error) {
      failure = err;
      done = true;
      notify();
    },
  });

  while (true) {
    if (queue.length > 0) {
      yield queue.shift() as CorpusItem;
      if (queue.length < 64) stream.resume?.();
      continue;
    }
    if (done) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  if (failure) throw failure;
}
