import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { notAnArticleReason } from '../text/structure.ts';
import { decodeBytes, readLimited } from './decode.ts';
import { readFolder } from './folder.ts';
import { type CorpusItem, notUtf8Item, skippedItem } from './items.ts';
import { joinSidecar, newSidecarUse, readSidecar, unmatchedSidecarIssues } from './metadata.ts';
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
      // Read up to the limit only: an endless or huge pipe is refused once it passes it.
      const { bytes, over } = await readLimited(stdin, options.maxBytes);
      const skip = (code: string, reason: string, hint: string) =>
        skippedItem('stdin', '<stdin>', code, reason, hint);
      if (over) {
        yield skip(
          'input/too-large',
          `standard input is over the limit of ${options.maxBytes} bytes; it was read no further`,
          'raise the limit with --max-bytes',
        );
        return;
      }
      const decoded = decodeBytes(bytes);
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

/** Ids are made unique over articles and skipped inputs alike: `id#2`, `id#3`, ... never one taken. */
class UniqueIds {
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();

  /** The id to report the input under: its own, or a renamed one when its own is taken. */
  claim(id: string): string {
    let unique = id;
    if (this.taken.has(id)) {
      let n = this.next.get(id) ?? 2;
      while (this.taken.has(`${id}#${n}`)) n++;
      this.next.set(id, n + 1);
      unique = `${id}#${n}`;
    }
    this.taken.add(unique);
    return unique;
  }
}

function duplicateIdIssue(id: string, renamed: string, file: string, line: number | undefined): CorpusItem {
  return {
    kind: 'issue',
    issue: {
      severity: 'warning',
      code: 'input/duplicate-id',
      message: `id "${id}" was already used; this input is reported as "${renamed}"`,
      file,
      ...(line === undefined ? {} : { line }),
      articleId: renamed,
      hint: 'give every article a unique id',
    },
  };
}

/** The item under a unique id, and the warning when it had to be renamed. */
function withUniqueId(item: CorpusItem, ids: UniqueIds): CorpusItem[] {
  if (item.kind === 'issue') return [item];
  if (item.kind === 'skipped') {
    const { id, file, line } = item.skipped;
    const unique = ids.claim(id);
    if (unique === id) return [item];
    return [
      duplicateIdIssue(id, unique, file, line),
      { ...item, skipped: { ...item.skipped, id: unique }, issue: { ...item.issue, articleId: unique } },
    ];
  }
  const { article } = item;
  const unique = ids.claim(article.id);
  if (unique === article.id) return [item];
  return [
    duplicateIdIssue(article.id, unique, article.source.file, article.source.line),
    { kind: 'article', article: { ...article, id: unique } },
  ];
}

/**
 * Reads a corpus as a stream of items: articles (with sidecar metadata joined), inputs skipped
 * with their reason, and problems. An id seen before (an article's or a skipped input's, such as
 * the `line-N` of a bad JSON line) is renamed `id#2`, `id#3`, ... to one not taken, and reported,
 * so every row of every output names one input. Sidecar rows that match no article are reported
 * at the end.
 */
export async function* readCorpus(
  source: CorpusSource,
  options: Partial<ReadOptions> = {},
): AsyncGenerator<CorpusItem> {
  const opts: ReadOptions = { ...DEFAULT_READ_OPTIONS, ...options };
  const sidecar = source.metadata ? await readSidecar(source.metadata, source.metadataKey) : null;
  const use = newSidecarUse();
  const ignore = new Set<string>(source.metadata ? [resolve(source.metadata)] : []);
  const ids = new UniqueIds();
  if (sidecar) for (const issue of sidecar.issues) yield { kind: 'issue', issue };
  for await (const read of readInput(source, opts, ignore)) {
    for (const item of withUniqueId(read, ids)) {
      if (item.kind !== 'article') {
        yield item;
        continue;
      }
      let article = item.article;
      if (sidecar) {
        const joined = joinSidecar(article, sidecar, use);
        if (joined.issue) yield { kind: 'issue', issue: joined.issue };
        article = joined.article;
      }
      // A scraper that met a cookie or consent wall saved that page: it is listed, not analysed.
      const notArticle = notAnArticleReason(article.text);
      if (notArticle) {
        yield skippedItem(
          article.id,
          article.source.file,
          'input/not-an-article',
          notArticle,
          'fetch the page again past its consent notice, or remove it from the corpus',
          article.source.line,
        );
        continue;
      }
      yield { kind: 'article', article };
    }
  }
  if (sidecar) for (const issue of unmatchedSidecarIssues(sidecar, use.used)) yield { kind: 'issue', issue };
}
