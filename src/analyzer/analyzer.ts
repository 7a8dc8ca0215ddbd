import { MAX_CONTENT_CHARS, sourceLexiconOf } from '../attribution/index.ts';
import { eventKindsOf } from '../compare/eventKinds.ts';
import { type ArticleSummary, summarizeForComparison, termChoiceCounts } from '../compare/summary.ts';
import { type CorpusSource, type ReadOptions, readCorpus } from '../corpus/index.ts';
import { type NotAnArticle, skippedItem } from '../corpus/items.ts';
import { givenValue } from '../corpus/metadata.ts';
import { CITATION_METRICS, citationFigures } from '../figures/citations.ts';
import { framingFigures, framingMetrics, termChoices } from '../figures/framing.ts';
import { indexDeclarationIssues } from '../figures/indexes.ts';
import { displayPackPath, sortIssues } from '../lexicon/index.ts';
import { type PackInfo, type PreparedLexicons, compileSelection } from '../lexicon/prepare.ts';
import { calendarDateIn, parseGivenDate } from '../text/calendarDate.ts';
import { entitiesWithin, readDocument } from '../text/document.ts';
import type {
  Article,
  ArticleResult,
  Attribution,
  Document,
  FoundFields,
  FoundValue,
  Issue,
  Metadata,
  MetricDefinition,
} from '../types.ts';
import { readArticle } from './readArticle.ts';

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
export type CorpusResult = ({ readonly kind: 'result' } & Analysed) | NotAnArticle;

export type { PackInfo, PreparedLexicons };

/** An article's result and the compact summary that corpus-level comparisons need. */
export interface Analysed {
  readonly result: ArticleResult;
  readonly summary: ArticleSummary;
}

export interface Analyzer {
  readonly options: AnalyzerOptions;
  /** The packs loaded, with versions and content hashes. */
  readonly packs: readonly PackInfo[];
  /** Problems found in the lexicon packs (bad syntax, unknown fields, duplicates, ...). */
  readonly lexiconIssues: readonly Issue[];
  /** Definitions of every figure the analyzer computes, for the methods section. */
  readonly metrics: readonly MetricDefinition[];
  /** Analyses one article and keeps the compact summary that corpus comparisons need. */
  analyze(article: Article): Analysed;
  /** Analyses one article (pure: the same article gives the same result). */
  analyzeArticle(article: Article): ArticleResult;
  /** Analyses a text given directly, e.g. from a notebook cell. */
  analyzeText(text: string, metadata?: Metadata & { id?: string }): ArticleResult;
  /** The document of an article, for callers that query tokens and sentences themselves. */
  readDocument(article: Article): Document;
  /** Its lexicons as prepared, to create more analyzers without preparing them again. */
  readonly prepared: PreparedLexicons;
}

function expectString(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw new TypeError(
      `${name}: expecting a string, instead found ${value === null ? 'null' : typeof value}`,
    );
  }
}

function samePackOptions(
  a: Pick<AnalyzerOptions, 'lexicons' | 'builtinLexicons'>,
  b: Pick<AnalyzerOptions, 'lexicons' | 'builtinLexicons'>,
): boolean {
  return (
    a.builtinLexicons === b.builtinLexicons &&
    a.lexicons.length === b.lexicons.length &&
    a.lexicons.every((file, i) => file === b.lexicons[i])
  );
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

const BASE_METRICS: readonly MetricDefinition[] = [
  {
    name: 'token_count',
    description: 'tokens read by wink-nlp, furniture included',
    formula: 'number of tokens',
  },
  {
    name: 'word_count',
    description:
      'word and number tokens in scored text (furniture, byline, date line and references excluded)',
    formula: 'number of scored word/number tokens; the denominator of every rate',
  },
  { name: 'sentence_count', description: 'sentences, furniture included', formula: 'number of sentences' },
  {
    name: 'furniture_count',
    description: 'lines classed as page furniture',
    formula: 'number of furniture lines',
  },
];

/**
 * The calendar date the page states: its date line, else the first date of the title or lead
 * (the first date entity there), resolved against the date the metadata gives when a date is
 * partial or relative ("Monday"); "1968", "next year" or "eight weeks ago" are no date.
 */
function dateInText(doc: Document, reference: Date | null): string | null {
  const { dateline, title, lead } = doc.structure;
  if (dateline) {
    const d = calendarDateIn(dateline.text, reference);
    if (d) return d;
  }
  for (const part of [title, lead]) {
    if (!part) continue;
    for (const e of entitiesWithin(doc, part.start, part.end)) {
      if (e.type !== 'DATE') continue;
      const d = calendarDateIn(e.text, reference);
      if (d) return d;
    }
  }
  return null;
}

/** Title, byline and date: what the metadata gives wins over what the page seems to say. */
function foundFields(doc: Document, metadata: Metadata): FoundFields {
  const given = (field: 'title' | 'byline' | 'date'): FoundValue | null => {
    const g = givenValue(metadata, field);
    return g ? { value: g.value, from: `metadata:${g.column}` } : null;
  };
  const fromText = (part: { text: string } | null): FoundValue | null =>
    part ? { value: part.text, from: 'text' } : null;
  const givenDate = given('date');
  const inText = dateInText(doc, givenDate ? parseGivenDate(givenDate.value) : null);
  return {
    title: given('title') ?? fromText(doc.structure.title),
    byline: given('byline') ?? fromText(doc.structure.byline),
    date: givenDate ?? (inText ? { value: inText, from: 'text' } : null),
    dateInText: inText,
  };
}

/** Loads, checks and compiles the lexicons an analyzer with these options uses. */
export function prepareLexicons(options: Partial<AnalyzerOptions> = {}): PreparedLexicons {
  const { lexicons, builtinLexicons } = checkOptions(options);
  return compileSelection({ lexicons, builtinLexicons });
}

/**
 * Creates the one analyzer of a run: loads wink-nlp and compiles the lexicons once, then analyses
 * any number of articles. The CLI, the tests and notebooks all go through this object. `prepared`
 * is the lexicons as another analyzer with the same options prepared them (`analyzer.prepared`,
 * or `prepareLexicons`), which saves preparing them again in each worker thread of a run.
 */
export function createAnalyzer(
  options: Partial<AnalyzerOptions> = {},
  prepared?: PreparedLexicons,
): Analyzer {
  const opts = checkOptions(options);
  let counter = 0;
  if (prepared !== undefined && !samePackOptions(prepared.options, opts))
    throw new TypeError(
      `createAnalyzer: expecting lexicons prepared for ${JSON.stringify({ lexicons: opts.lexicons, builtinLexicons: opts.builtinLexicons })}, instead found lexicons prepared for ${JSON.stringify(prepared.options)}`,
    );
  const lexicons = prepared ?? prepareLexicons(opts);
  const { lexicon, packs: packInfo, stagePacks } = lexicons;
  // Which index a pack's categories feed is checked against the registry of indexes here, above
  // the lexicon engine that reads the declarations.
  const packs = [...new Set(lexicon.entries.map((e) => e.pack))];
  const lexiconIssues = sortIssues([
    ...lexicons.lexiconIssues,
    ...indexDeclarationIssues(packs).map((i) => (i.file ? { ...i, file: displayPackPath(i.file) } : i)),
  ]);
  const sources = sourceLexiconOf(stagePacks);
  const eventKinds = eventKindsOf(stagePacks.eventKinds);
  const metrics: MetricDefinition[] = [...BASE_METRICS, ...framingMetrics(lexicon), ...CITATION_METRICS];

  const analyze = (article: Article): { result: ArticleResult; summary: ArticleSummary } => {
    if (article === null || typeof article !== 'object')
      throw new TypeError(
        `analyzeArticle: expecting an Article object, instead found ${article === null ? 'null' : typeof article}`,
      );
    expectString('analyzeArticle: article.id', article.id);
    expectString('analyzeArticle: article.text', article.text);
    if (
      article.source === null ||
      typeof article.source !== 'object' ||
      typeof article.source.file !== 'string'
    )
      throw new TypeError(
        `analyzeArticle: expecting article.source to be { file, format }, instead found ${JSON.stringify(article.source) ?? 'undefined'}`,
      );
    if (article.metadata === null || typeof article.metadata !== 'object')
      throw new TypeError(
        `analyzeArticle: expecting article.metadata to be an object of strings, instead found ${article.metadata === null ? 'null' : typeof article.metadata}`,
      );
    const { doc, quotations, attributions, matches } = readArticle(article, lexicon, sources);
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
    const found = foundFields(doc, article.metadata);
    const unclosed = quotations.filter((q) => !q.closed);
    for (const q of unclosed) {
      issues.push({
        severity: 'info',
        code: 'text/unclosed-quote',
        message:
          'a quotation mark opened here is never closed; the quote was closed at the end of its paragraph',
        file: article.source.file,
        line: q.line,
        column: q.column,
        articleId: article.id,
        hint: 'check the quote in the HTML view; counts of quoted text may be off for this paragraph',
      });
    }
    const cut = attributions.filter((a) => a.contentCut);
    if (cut.length > 0)
      issues.push({
        severity: 'warning',
        code: 'attribution/content-cut',
        message: `${cut.length} attribution${cut.length === 1 ? "'s" : "s'"} content ran past ${MAX_CONTENT_CHARS} characters and was cut there (attributions.csv and results.ndjson hold the part next to the cue)`,
        file: article.source.file,
        line: (cut[0] as Attribution).content?.line as number,
        articleId: article.id,
        hint: 'a text without sentence ends reads as one run-on sentence: check that the text was extracted whole',
      });
    const choices = termChoices(matches, lexicon);
    const figures: Record<string, number | null> = {
      token_count: doc.tokens.count,
      word_count: doc.wordCount,
      sentence_count: doc.sentences.length,
      furniture_count: doc.structure.furniture.length,
      ...framingFigures(doc, matches, lexicon),
      ...citationFigures(doc, attributions, quotations),
    };
    const result: ArticleResult = {
      article,
      structure: doc.structure,
      tokenCount: doc.tokens.count,
      wordCount: doc.wordCount,
      sentenceCount: doc.sentences.length,
      dateFound: found.date?.value ?? null,
      found,
      quotations,
      matches,
      attributions,
      choices,
      figures,
      issues,
    };
    const summary = summarizeForComparison(doc, matches, attributions, figures, {
      eventKinds,
      termChoices: termChoiceCounts(choices),
    });
    return { result, summary };
  };
  const analyzeArticle = (article: Article): ArticleResult => analyze(article).result;

  return Object.freeze({
    options: opts,
    packs: packInfo,
    lexiconIssues,
    metrics,
    analyze,
    analyzeArticle,
    readDocument,
    prepared: lexicons,
    analyzeText(text: string, metadata: Metadata & { id?: string } = {}) {
      expectString('analyzeText: text', text);
      if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
        throw new TypeError(
          `analyzeText: expecting metadata to be an object of strings, instead found ${metadata === null ? 'null' : Array.isArray(metadata) ? 'an array' : typeof metadata}`,
        );
      counter++;
      const id = metadata.id ?? `text-${counter}`;
      return analyzeArticle({ id, text, metadata, source: { file: '<text>', format: 'txt' } });
    },
  });
}

/** The skipped item for an article whose analysis threw: a bug to report, never a lost article. */
export function analysisFailed(article: Article, error: unknown): CorpusResult {
  const item = skippedItem(
    article.id,
    article.source.file,
    'analysis/failed',
    `the analysis failed: ${(error as Error)?.message ?? String(error)}`,
    'please report this with the article: it is a framescope bug',
    article.source.line,
  );
  return item;
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
    if (item.kind !== 'article') {
      yield item;
      continue;
    }
    let analysed: ReturnType<Analyzer['analyze']>;
    try {
      analysed = analyzer.analyze(item.article);
    } catch (e) {
      // One article that breaks the analysis is reported and skipped; the corpus goes on.
      yield analysisFailed(item.article, e);
      continue;
    }
    yield { kind: 'result', ...analysed };
  }
}

let defaultAnalyzer: Analyzer | null = null;

/**
 * Analyses one text with the built-in lexicons, for a notebook cell or a quick check. The analyzer
 * behind it is created on the first call and reused; create your own with `createAnalyzer` to
 * choose lexicons.
 */
export function analyzeText(text: string, metadata: Metadata & { id?: string } = {}): ArticleResult {
  defaultAnalyzer ??= createAnalyzer();
  return defaultAnalyzer.analyzeText(text, metadata);
}
