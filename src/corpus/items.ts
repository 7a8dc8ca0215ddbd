import type { Article, Issue, SkippedInput } from '../types.ts';

/** What a corpus reader yields: an article to analyse, an input it had to skip, or a problem to list. */
export type CorpusItem =
  | { readonly kind: 'article'; readonly article: Article }
  | { readonly kind: 'skipped'; readonly skipped: SkippedInput; readonly issue: Issue }
  | { readonly kind: 'issue'; readonly issue: Issue };

/** A corpus item that is not an article: it passes through the analysis as it is. */
export type NotAnArticle = Exclude<CorpusItem, { readonly kind: 'article' }>;
export type SkippedItem = Extract<CorpusItem, { readonly kind: 'skipped' }>;

export function skippedItem(
  id: string,
  file: string,
  code: string,
  reason: string,
  hint: string,
  line?: number,
): SkippedItem {
  const where = line === undefined ? {} : { line };
  return {
    kind: 'skipped',
    skipped: { id, file, code, reason, ...where },
    issue: { severity: 'error', code, message: reason, file, articleId: id, hint, ...where },
  };
}

/** The warning for an input that was not valid UTF-8 and was read as Windows-1252 instead. */
export function notUtf8Item(
  file: string,
  place: {
    readonly articleId?: string;
    readonly subject?: string;
    readonly hint?: string;
    /** The first line that is not UTF-8, where the reader knows it. */
    readonly line?: number;
  } = {},
): CorpusItem {
  const {
    articleId,
    line,
    subject = 'the file',
    hint = 'check a few characters in the output, or convert the file to UTF-8',
  } = place;
  return {
    kind: 'issue',
    issue: {
      severity: 'warning',
      code: 'input/not-utf8',
      message: `${subject} is not valid UTF-8; it was decoded as Windows-1252 (Latin-1)`,
      file,
      ...(line === undefined ? {} : { line }),
      ...(articleId === undefined ? {} : { articleId }),
      hint,
    },
  };
}
