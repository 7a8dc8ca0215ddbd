import { type CorpusSource, type ReadOptions, readCorpus } from './corpus/index.ts';
import { readDocument } from './text/document.ts';
import type { Article, ArticleResult, Document, Issue, Metadata, SkippedInput } from './types.ts';

/** Options of an analyzer, read once and frozen. */
export interface AnalyzerOptions {
  /** Extra lexicon pack files to load beside (or instead of) the built-in packs. */
  readonly lexicons: readonly string[];
  /** Load the built-in packs in `lexicons/`. */
  readonly builtinLexicons: boolean;
}

export const DEFAULT_ANALYZER_OPTIONS: AnalyzerOptions = Object.freeze({
  lexicons: [],
  builtinLexicons: true,
});

/** What `analyzeCorpus` yields: an analysed article, or an input that was skipped, or a problem. */
export type CorpusResult =
  | { readonly kind: 'result'; readonly result: ArticleResult }
  | { readonly kind: 'skipped'; readonly skipped: SkippedInput; readonly issue: Issue }
  | { readonly kind: 'issue'; readonly issue: Issue };

export interface Analyzer {
  readonly options: AnalyzerOptions;
  /** Analyses one article (pure: the same article gives the same result). */
  analyzeArticle(article: Article): ArticleResult;
  /** Analyses a text given directly, e.g. from a notebook cell. */
  analyzeText(text: string, metadata?: Metadata & { id?: string }): ArticleResult;
  /** The document of an article, for callers that query tokens and sentences themselves. */
  readDocument(article: Article): Document;
}

function expectString(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw new TypeError(
      `${name}: expecting a string, instead found ${value === null ? 'null' : typeof value}`,
    );
  }
}

function checkOptions(options: Partial<AnalyzerOptions>): AnalyzerOptions {
  if (options === null || typeof options !== 'object')
    throw new TypeError(
      `createAnalyzer: expecting an options object, instead found ${options === null ? 'null' : typeof options}`,
    );
  const known = new Set(Object.keys(DEFAULT_ANALYZER_OPTIONS));
  for (const k of Object.keys(options)) {
    if (!known.has(k))
      throw new TypeError(`createAnalyzer: unknown option "${k}"; expected one of ${[...known].join(', ')}`);
  }
  const merged = { ...DEFAULT_ANALYZER_OPTIONS, ...options };
  if (!Array.isArray(merged.lexicons) || merged.lexicons.some((p) => typeof p !== 'string'))
    throw new TypeError(
      `createAnalyzer: expecting "lexicons" to be an array of file paths, instead found ${JSON.stringify(merged.lexicons)}`,
    );
  if (typeof merged.builtinLexicons !== 'boolean')
    throw new TypeError(
      `createAnalyzer: expecting "builtinLexicons" to be a boolean, instead found ${typeof merged.builtinLexicons}`,
    );
  return Object.freeze({ ...merged, lexicons: Object.freeze([...merged.lexicons]) });
}

/** The first date the page states in its date line, else the first date entity of the title or lead. */
function dateFoundIn(doc: Document): string | null {
  const { dateline, title, lead } = doc.structure;
  if (dateline) return dateline.text.replace(/^[•·|\-–—\s]+/, '');
  for (const part of [title, lead]) {
    if (!part) continue;
    const e = doc.entities.find((x) => x.type === 'DATE' && x.start >= part.start && x.end <= part.end);
    if (e) return e.text;
  }
  return null;
}

/**
 * Creates the one analyzer of a run: loads wink-nlp and compiles the lexicons once, then analyses
 * any number of articles. The CLI, the tests and notebooks all go through this object.
 */
export function createAnalyzer(options: Partial<AnalyzerOptions> = {}): Analyzer {
  const opts = checkOptions(options);
  let counter = 0;

  const analyzeArticle = (article: Article): ArticleResult => {
    if (article === null || typeof article !== 'object')
      throw new TypeError(
        `analyzeArticle: expecting an Article object, instead found ${article === null ? 'null' : typeof article}`,
      );
    expectString('analyzeArticle: article.id', article.id);
    expectString('analyzeArticle: article.text', article.text);
    const doc = readDocument(article);
    const issues: Issue[] = [];
    if (doc.wordCount > 0 && !/[.!?。]/.test(doc.text)) {
      issues.push({
        severity: 'warning',
        code: 'text/no-sentence-end',
        message: 'the text has no sentence-ending punctuation; it was read as one sentence per line',
        file: article.source.file,
        articleId: article.id,
        hint: 'check that the text was extracted whole',
      });
    }
    const figures: Record<string, number | null> = {
      token_count: doc.tokens.count,
      word_count: doc.wordCount,
      sentence_count: doc.sentences.length,
      furniture_count: doc.structure.furniture.length,
    };
    return {
      article,
      structure: doc.structure,
      tokenCount: doc.tokens.count,
      wordCount: doc.wordCount,
      sentenceCount: doc.sentences.length,
      dateFound: dateFoundIn(doc),
      quotations: [],
      matches: [],
      attributions: [],
      figures,
      issues,
    };
  };

  return Object.freeze({
    options: opts,
    analyzeArticle,
    readDocument,
    analyzeText(text: string, metadata: Metadata & { id?: string } = {}) {
      expectString('analyzeText: text', text);
      counter++;
      const id = metadata.id ?? `text-${counter}`;
      return analyzeArticle({ id, text, metadata, source: { file: '<text>', format: 'txt' } });
    },
  });
}

/**
 * Reads and analyses a corpus as an async iterator, one item per article in input order, plus
 * skipped inputs and problems, so that nothing is lost between the reader and the reports.
 */
export async function* analyzeCorpus(
  source: CorpusSource | string,
  options: Partial<AnalyzerOptions> & { read?: Partial<ReadOptions>; analyzer?: Analyzer } = {},
): AsyncGenerator<CorpusResult> {
  const { read, analyzer: given, ...analyzerOptions } = options;
  const analyzer = given ?? createAnalyzer(analyzerOptions);
  const src = typeof source === 'string' ? { input: source } : source;
  for await (const item of readCorpus(src, read)) {
    if (item.kind === 'article') {
      const result = analyzer.analyzeArticle(item.article);
      yield { kind: 'result', result };
    } else yield item;
  }
}
