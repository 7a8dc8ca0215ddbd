import Papa from 'papaparse';
import type { Metadata } from '../types.ts';
import { CsvFeed, innerLineBreaks } from './csvFeed.ts';
import { recoverSwallowedRecords } from './csvRecovery.ts';
import { openTextStream, stripBom } from './decode.ts';
import { type CorpusItem, notUtf8Item, skippedItem } from './items.ts';

/**
 * Streams a CSV corpus with papaparse: one article per record, the text from `textColumn`, the id
 * from `idColumn` (the record number when the column is absent), every other column kept as
 * metadata. Each record knows the line it starts on, so every problem names file and line. The
 * file is read once (a pipe or FIFO can be read only once); from its first line that is not valid
 * UTF-8 on, it is read as Windows-1252, and reported.
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
  let record = 0;
  let fields: string[] | null = null;
  let hasIdColumn = false;
  let hasTextColumn = false;
  const feed = new CsvFeed();
  const stream = openTextStream(
    path,
    (line) => {
      queue.push(notUtf8Item(path, { line, subject: `the file from line ${line} on` }));
    },
    input,
  ).pipe(feed);

  const take = (row: Readonly<Record<string, string | undefined>>, startLine: number) => {
    record++;
    const id = (hasIdColumn && row[idColumn]?.trim()) || String(record);
    if (!hasTextColumn) {
      queue.push(
        skippedItem(
          id,
          path,
          'csv/missing-column',
          `record ${record} was not read: the file has no column "${textColumn}"`,
          'name the text column with --text-column',
          startLine,
        ),
      );
      return;
    }
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
  };

  const issue = (code: string, message: string, at: number, hint: string) =>
    queue.push({ kind: 'issue', issue: { severity: 'error', code, message, file: path, line: at, hint } });

  // Said, not guessed by papaparse from a first chunk a pipe may have cut inside a quoted cell.
  const newline = await feed.lineEnd;
  Papa.parse<Record<string, string>>(stream as unknown as File, {
    header: true,
    skipEmptyLines: 'greedy',
    newline,
    transformHeader: (h: string, i: number) => (i === 0 ? stripBom(h) : h).trim(),
    step(result) {
      const row = { ...result.data } as Record<string, string | undefined>;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      const startLine = feed.recordLine(
        result.meta.cursor,
        innerLineBreaks(result.data),
        quoteError?.code !== 'MissingQuotes',
      );
      if (fields === null) {
        fields = result.meta.fields ?? [];
        hasIdColumn = fields.includes(idColumn);
        hasTextColumn = fields.includes(textColumn);
        if (!hasTextColumn)
          issue(
            'csv/missing-column',
            `no column "${textColumn}" holds the article text; the columns are: ${fields.join(', ')}`,
            1,
            'name the text column with --text-column',
          );
      }
      if (quoteError) {
        // The broken cell is the last one read: it ran on over the records that follow.
        const present = fields.filter((f) => row[f] !== undefined);
        const brokenField = present[present.length - 1] as string;
        const recovered = recoverSwallowedRecords(
          row[brokenField] ?? '',
          fields.length,
          Math.max(0, fields.indexOf(idColumn)),
          result.meta.delimiter,
        );
        issue(
          'csv/unbalanced-quotes',
          `a quoted cell of record ${record + 1} (column "${brokenField}") is not closed where it should be: ${quoteError.message}; ${
            recovered
              ? `it was cut at its line break ${recovered.skippedBreaks} and the ${recovered.records.length} records after it were read on their own`
              : `it runs on to line ${feed.lastLine()} and may hold the records after it`
          }`,
          startLine,
          'close the quote; a quote inside a quoted cell is written twice ("")',
        );
        if (recovered) {
          row[brokenField] = recovered.kept;
          take(row, startLine);
          const after = startLine + recovered.skippedBreaks;
          for (const r of recovered.records)
            take(Object.fromEntries((fields as string[]).map((f, i) => [f, r.fields[i]])), after + r.line);
        } else take(row, startLine);
      } else {
        for (const e of result.errors) {
          issue(
            e.code === 'TooFewFields' || e.code === 'TooManyFields' ? 'csv/field-count' : 'csv/parse-error',
            `${e.message} (record ${record + 1})`,
            startLine,
            'check the number of separators on this line; a cell holding a comma must be quoted',
          );
        }
        take(row, startLine);
      }
      if (queue.length > 256) stream.pause?.();
      notify();
    },
    complete() {
      if (fields === null)
        queue.push({
          kind: 'issue',
          issue: {
            severity: 'warning',
            code: 'csv/no-records',
            message: 'the CSV file holds no records',
            file: path,
            hint: 'check that this is the corpus file, with a header line and one line per article',
          },
        });
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
