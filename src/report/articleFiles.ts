import type { ArticleResult } from '../types.ts';
import { csvHeaderLine, csvRows } from './csv.ts';
import { articleHtml } from './htmlView.ts';
import { SCORES_LONG_HEADER, scoresLongRows } from './longForm.ts';
import type { OutputOptions } from './outputOptions.ts';
import {
  resultLine,
  resultsJsonArticle,
  resultsJsonEnd,
  resultsJsonSeparator,
  skippedLine,
} from './resultsJson.ts';
import type { RunOverview } from './runData.ts';
import { MATCHES_HEADER, matchRows } from './sections/framing.ts';
import { ATTRIBUTION_HEADER, attributionRowsOf } from './sections/sources.ts';
import { STRUCTURE_HEADER, structureRows } from './tables.ts';

/**
 * The writers of the files that have a part per analysed article. Each part is a pure function
 * of the article, so that the worker thread that analysed it renders it (run/renderArticle.ts);
 * what depends on other articles (the order of the sorted files, the separators of results.json,
 * the page names) is left to the run, which sees the articles in input order.
 */

/** Where an article's part goes. */
export type ArticlePartPlace =
  /** appended in input order */
  | 'input-order'
  /** sorted by article id (code units; articles with one id keep their input order) */
  | 'id-order'
  /** a page of its own, `<file>/<article id>.html`, named uniquely in input order */
  | 'page';

export interface ArticleFileWriter {
  /** The file (for `page`, the folder of the pages). */
  readonly file: string;
  readonly place: ArticlePartPlace;
  /** Whether a run with these options writes the file. */
  readonly when: (options: OutputOptions) => boolean;
  /** Text before the first article's part (a CSV header). */
  readonly head: (options: OutputOptions) => string;
  /** Text before the `k`-th part (from 0), for a file whose parts are separated. */
  readonly separator?: (k: number) => string;
  /** The article's part: pure, whoever renders it. */
  readonly part: (r: ArticleResult, options: OutputOptions) => string;
  /** Text after the last part, once the run is over (`parts` of them were written). */
  readonly tail: (run: RunOverview, parts: number) => string;
}

const always = () => true;
const none = () => '';
const csvHead = (header: readonly string[]) => (o: OutputOptions) => csvHeaderLine(header, o);

/**
 * The article files, keyed: a key names the article's part wherever it travels (from a worker,
 * in run/textBuffer.ts), so that adding a file is one entry here.
 */
export const ARTICLE_FILE_WRITERS = {
  matches: {
    file: 'matches.csv',
    place: 'input-order',
    when: always,
    head: csvHead(MATCHES_HEADER),
    part: (r, o) => csvRows(MATCHES_HEADER, matchRows(r), o),
    tail: none,
  },
  structure: {
    file: 'structure.csv',
    place: 'input-order',
    when: always,
    head: csvHead(STRUCTURE_HEADER),
    part: (r, o) => csvRows(STRUCTURE_HEADER, structureRows(r), o),
    tail: none,
  },
  attributions: {
    file: 'attributions.csv',
    place: 'id-order',
    when: always,
    head: csvHead(ATTRIBUTION_HEADER),
    part: (r, o) => csvRows(ATTRIBUTION_HEADER, attributionRowsOf(r), o),
    tail: none,
  },
  scores: {
    file: 'scores_long.csv',
    place: 'id-order',
    when: always,
    head: csvHead(SCORES_LONG_HEADER),
    part: (r, o) => csvRows(SCORES_LONG_HEADER, scoresLongRows(r.article.id, r.figures), o),
    tail: none,
  },
  results: {
    file: 'results.ndjson',
    place: 'input-order',
    when: always,
    head: none,
    part: resultLine,
    // The skipped inputs follow the articles, one line each.
    tail: (run) => Array.from(run.skipped, skippedLine).join(''),
  },
  json: {
    file: 'results.json',
    place: 'input-order',
    when: (o) => o.json,
    head: none,
    separator: resultsJsonSeparator,
    part: resultsJsonArticle,
    tail: resultsJsonEnd,
  },
  html: {
    file: 'html',
    place: 'page',
    when: (o) => o.html,
    head: none,
    part: (r, o) => articleHtml(r, r.article.text, o.digits),
    tail: none,
  },
} as const satisfies Record<string, ArticleFileWriter>;

export type ArticleFileKey = keyof typeof ARTICLE_FILE_WRITERS;

export const ARTICLE_FILE_KEYS = Object.keys(ARTICLE_FILE_WRITERS) as ArticleFileKey[];

/** An article's part of each file, null for a file the run does not write. */
export type ArticleParts<T = string> = { readonly [K in ArticleFileKey]: T | null };

/** Renders an article's part of every file a run with these options writes. */
export function articleParts(r: ArticleResult, options: OutputOptions): ArticleParts {
  const parts = {} as Record<ArticleFileKey, string | null>;
  for (const key of ARTICLE_FILE_KEYS) {
    const writer: ArticleFileWriter = ARTICLE_FILE_WRITERS[key];
    parts[key] = writer.when(options) ? writer.part(r, options) : null;
  }
  return parts;
}
