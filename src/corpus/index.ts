import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeBytes } from './decode.ts';
import { readFolder } from './folder.ts';
import { type CorpusItem, notUtf8Item, skippedItem } from './items.ts';
import { joinSidecar, readSidecar, unmatchedSidecarIssues } from './metadata.ts';
import { DEFAULT_READ_OPTIONS, type ReadOptions, readerForFile, readerOf } from './readers.ts';

export { decodeBytes } from './decode.ts';
export { htmlToText } from './html.ts';
export type { CorpusItem } from './items.ts';
export {
  CORPUS_FORMATS,
  type CorpusFormat,
  type CorpusReader,
  DEFAULT_READ_OPTIONS,
  READERS,
  type ReadOptions,
} from './readers.ts';

export interface CorpusSource {
  /** A folder, a .csv/.jsonl/.txt/.md/.html file, or `-` for standard input. */
  readonly input: string;
  /** A metadata sidecar CSV joined on file name or id. */
  readonly metadata?: string;
  readonly metadataKey?: string;
  /** Standard input, when `input` is `-`. */
  readonly stdin?: NodeJS.ReadableStream;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

async function* readInput(
  source: CorpusSource,
  options: ReadOptions,
  ignore: Set<string>,
): AsyncGenerator<CorpusItem> {
  const { input } = source;
  if (input === '-') {
    const stdin = source.stdin ?? process.stdin;
    const reader = options.format === 'auto' || options.format === 'folder' ? null : readerOf(options.format);
    if (reader?.readsStream) yield* reader.read('<stdin>', options, stdin);
    else {
      const bytes = await readAll(stdin);
      const decoded = decodeBytes(bytes);
      const skip = (code: string, reason: string, hint: string) =>
        skippedItem('stdin', '<stdin>', code, reason, hint);
      if (bytes.length > options.maxBytes) {
        yield skip(
          'input/too-large',
          `standard input is ${bytes.length} bytes, over the limit of ${options.maxBytes}`,
          'raise the limit with --max-bytes',
        );
        return;
      }
      if (!decoded.ok) {
        yield skip(decoded.code, decoded.reason, 'pipe text, or give the file as the input');
        return;
      }
      if (decoded.text.trim() === '') {
        yield skip('input/empty-file', 'standard input holds no text', 'pipe the article text');
        return;
      }
      if (decoded.encoding === 'windows-1252')
        yield notUtf8Item('<stdin>', {
          articleId: 'stdin',
          subject: 'standard input',
          hint: 'check a few characters in the output, or convert the text to UTF-8',
        });
      yield {
        kind: 'article',
        article: {
          id: 'stdin',
          text: decoded.text,
          metadata: {},
          source: { file: '<stdin>', format: 'stdin' },
        },
      };
    }
    return;
  }
  const info = await stat(input).catch(() => null);
  if (info === null)
    throw new Error(
      `input not found: ${input} (expected a folder, a .csv, .jsonl, .txt, .md or .html file, or -)`,
    );
  const format = options.format === 'auto' && info.isDirectory() ? 'folder' : options.format;
  if (format === 'folder') yield* readFolder(input, options.maxBytes, ignore);
  else yield* (format === 'auto' ? readerForFile(input) : readerOf(format)).read(input, options);
}

/**
 * Reads a corpus as a stream of items: articles (with sidecar metadata joined), inputs skipped
 * with their reason, and problems. Duplicate ids are renamed `id#2`, `id#3`, ... and reported, so
 * every row of every output names one article. Sidecar rows that match no article are reported
 * at the end.
 */
export async function* readCorpus(
  source: CorpusSource,
  options: Partial<ReadOptions> = {},
): AsyncGenerator<CorpusItem> {
  const opts: ReadOptions = { ...DEFAULT_READ_OPTIONS, ...options };
  const sidecar = source.metadata ? await readSidecar(source.metadata, source.metadataKey) : null;
  const used = new Set<string>();
  const ignore = new Set<string>(source.metadata ? [resolve(source.metadata)] : []);
  const seen = new Map<string, number>();
  if (sidecar) for (const issue of sidecar.issues) yield { kind: 'issue', issue };
  for await (const item of readInput(source, opts, new Set([...ignore].map((p) => p)))) {
    if (item.kind !== 'article') {
      yield item;
      continue;
    }
    let article = item.article;
    const n = (seen.get(article.id) ?? 0) + 1;
    seen.set(article.id, n);
    if (n > 1) {
      const renamed = `${article.id}#${n}`;
      yield {
        kind: 'issue',
        issue: {
          severity: 'warning',
          code: 'input/duplicate-id',
          message: `id "${article.id}" was already used; this article is reported as "${renamed}"`,
          file: article.source.file,
          ...(article.source.line === undefined ? {} : { line: article.source.line }),
          articleId: renamed,
          hint: 'give every article a unique id',
        },
      };
      article = { ...article, id: renamed };
    }
    if (sidecar) article = joinSidecar(article, sidecar, used);
    yield { kind: 'article', article };
  }
  if (sidecar) for (const issue of unmatchedSidecarIssues(sidecar, used)) yield { kind: 'issue', issue };
}
