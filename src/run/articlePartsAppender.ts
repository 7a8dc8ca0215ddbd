import { compareText } from '../order.ts';
import {
  ARTICLE_FILE_KEYS,
  ARTICLE_FILE_WRITERS,
  type ArticleFileKey,
  type ArticleFileWriter,
  type ArticleParts,
} from '../report/articleFiles.ts';
import { HtmlPageNames } from '../report/htmlPages.ts';
import type { OutputFiles, OutputText } from '../report/outputFiles.ts';
import type { OutputOptions } from '../report/outputOptions.ts';
import type { RunOverview } from '../report/runData.ts';
import { SortedChunks } from './sortedChunks.ts';

/** What the appender keeps of one article file the run writes. */
interface OpenFile {
  readonly key: ArticleFileKey;
  readonly writer: ArticleFileWriter;
  /** Parts written so far. */
  parts: number;
  /** The parts of a file in id order, kept until the run is over. */
  readonly sorted: SortedChunks | null;
  readonly pages: HtmlPageNames | null;
}

/**
 * Puts each analysed article's parts (report/articleFiles.ts) into the run's files as the articles
 * arrive in input order: appended, kept for sorting by id at the end, or written as a page of their
 * own. The parts may have been rendered anywhere (a worker thread sends them as bytes).
 */
export class ArticlePartsAppender {
  private readonly open: OpenFile[] = [];

  constructor(
    private readonly files: OutputFiles,
    private readonly options: OutputOptions,
  ) {
    for (const key of ARTICLE_FILE_KEYS) {
      const writer: ArticleFileWriter = ARTICLE_FILE_WRITERS[key];
      if (!writer.when(options)) continue;
      this.open.push({
        key,
        writer,
        parts: 0,
        sorted:
          writer.place === 'id-order' ? new SortedChunks(files.scratch(writer.file), compareText) : null,
        pages: writer.place === 'page' ? new HtmlPageNames(writer.file) : null,
      });
      // A file in input order starts at once, so that it exists even without an article.
      if (writer.place === 'input-order') files.append(writer.file, writer.head(options));
    }
  }

  /** One article's parts, in input order. */
  add(id: string, parts: ArticleParts<OutputText>): void {
    for (const key of ARTICLE_FILE_KEYS) {
      const expected = this.open.some((f) => f.key === key);
      if ((parts[key] !== null) !== expected)
        throw new Error(
          `ArticlePartsAppender: article ${id} was rendered ${parts[key] === null ? 'without' : 'with'} its part of ${ARTICLE_FILE_WRITERS[key].file}, which this run ${expected ? 'writes' : 'does not write'}`,
        );
    }
    for (const f of this.open) {
      const part = parts[f.key] as OutputText;
      if (f.sorted) f.sorted.add(id, part);
      else if (f.pages) this.files.write(f.pages.next(id), part);
      else {
        if (f.writer.separator) this.files.append(f.writer.file, f.writer.separator(f.parts));
        this.files.append(f.writer.file, part);
      }
      f.parts++;
    }
  }

  /** Writes what follows the last article: the sorted parts, and each file's end. */
  finish(run: RunOverview): void {
    for (const f of this.open) {
      if (f.sorted) {
        this.files.append(f.writer.file, f.writer.head(this.options));
        for (const chunk of f.sorted.inOrder()) this.files.append(f.writer.file, chunk);
      }
      const tail = f.writer.tail(run, f.parts);
      if (tail !== '') this.files.append(f.writer.file, tail);
    }
  }
}
