import { readCsv } from './csv.ts';
import type { CorpusItem } from './items.ts';
import { readJsonl } from './jsonl.ts';
import { readTextFile } from './textFile.ts';

/**
 * The input formats: one registry, from which `--format auto` chooses by file extension, a folder
 * knows which of its files are articles, and the command line lists and checks its formats. A new
 * input format is one entry here (docs/architecture.md shows the diff).
 */
export interface CorpusReader {
  readonly format: string;
  /** Extensions (lower case, with the dot) that `--format auto` reads with this reader. */
  readonly extensions: readonly string[];
  /** One file is one article, so the reader also reads such files in a folder. */
  readonly articlePerFile: boolean;
  /** It reads standard input as a stream (`-` with `--format` of this reader); else stdin is read as one text. */
  readonly readsStream: boolean;
  /** The items of a file (or of `stream`, standard input, named by `path`). */
  readonly read: (
    path: string,
    options: ReadOptions,
    stream?: NodeJS.ReadableStream,
  ) => AsyncIterable<CorpusItem>;
}

/** One text file as one article, read as `format`. */
async function* oneArticle(path: string, options: ReadOptions, format: 'txt' | 'md' | 'html') {
  yield* await readTextFile(path, path.split(/[\\/]/).pop() ?? path, options.maxBytes, format);
}

export const READERS = [
  {
    format: 'csv',
    extensions: ['.csv'],
    articlePerFile: false,
    readsStream: true,
    read: (path, o, stream) => readCsv(path, o.textColumn, o.idColumn, o.maxBytes, stream),
  },
  {
    format: 'jsonl',
    extensions: ['.jsonl', '.ndjson'],
    articlePerFile: false,
    readsStream: true,
    read: (path, o, stream) => readJsonl(path, o.textColumn, o.idColumn, o.maxBytes, stream),
  },
  {
    format: 'txt',
    extensions: ['.txt'],
    articlePerFile: true,
    readsStream: false,
    read: (path, o) => oneArticle(path, o, 'txt'),
  },
  {
    format: 'md',
    extensions: ['.md'],
    articlePerFile: true,
    readsStream: false,
    read: (path, o) => oneArticle(path, o, 'md'),
  },
  {
    format: 'html',
    extensions: ['.html', '.htm'],
    articlePerFile: true,
    readsStream: false,
    read: (path, o) => oneArticle(path, o, 'html'),
  },
] as const satisfies readonly CorpusReader[];

export type ReaderFormat = (typeof READERS)[number]['format'];

/** What `--format` accepts: `auto`, a folder, or a reader's format. */
export const CORPUS_FORMATS = ['auto', 'folder', ...READERS.map((r) => r.format)] as const;
export type CorpusFormat = 'auto' | 'folder' | ReaderFormat;

export interface ReadOptions {
  /** Input format; `auto` decides from the path (a folder, else the extension; `-` for stdin). */
  readonly format: CorpusFormat;
  /** CSV/JSONL column or field holding the article text. */
  readonly textColumn: string;
  /** CSV/JSONL column or field holding the article id (row number when absent). */
  readonly idColumn: string;
  /** Files (or CSV cells) larger than this many bytes are skipped with an issue. */
  readonly maxBytes: number;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = Object.freeze({
  format: 'auto',
  textColumn: 'text',
  idColumn: 'id',
  maxBytes: 20 * 1024 * 1024,
});

/** The reader of a format. */
export function readerOf(format: ReaderFormat): CorpusReader {
  return READERS.find((r) => r.format === format) as CorpusReader;
}

/** The reader `--format auto` gives a file: by its extension, plain text when none matches. */
export function readerForFile(path: string): CorpusReader {
  const ext = /\.[^./\\]+$/.exec(path)?.[0].toLowerCase() ?? '';
  return READERS.find((r) => (r.extensions as readonly string[]).includes(ext)) ?? readerOf('txt');
}

/** Whether a file in a folder is an article: one that a one-article reader reads. */
export function isArticleFile(path: string): boolean {
  const ext = /\.[^./\\]+$/.exec(path)?.[0].toLowerCase() ?? '';
  return READERS.some((r) => r.articlePerFile && (r.extensions as readonly string[]).includes(ext));
}
