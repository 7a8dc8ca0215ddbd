/**
 * The domain types of framescope. No logic lives here: every stage reads and returns these
 * plain, readonly objects, so that a notebook can inspect any of them and a report can trace
 * every number back to the sentence it came from.
 */

/** Metadata columns of an article: outlet, date, url, group and any user column, as strings. */
export type Metadata = Readonly<Record<string, string>>;

/** Where an article came from, so that every issue and row can name its file and line. */
export interface SourceRef {
  readonly file: string;
  /** 1-based line (CSV record or JSONL line) where the article starts, when the input has lines. */
  readonly line?: number;
  readonly format: 'txt' | 'md' | 'html' | 'csv' | 'jsonl' | 'stdin';
}

/** One segment of the map from article text offsets back to the original (HTML) source offsets. */
export interface OffsetSegment {
  readonly textStart: number;
  readonly sourceStart: number;
  readonly length: number;
}

/** What the markup of an HTML page says a stretch of its text is (a <nav>, an <h1>, a <figcaption>). */
export interface LayoutHint {
  readonly start: number;
  readonly end: number;
  readonly role: 'title' | 'navigation' | 'caption' | 'footer';
  /** The element that gave the hint, for the reason printed with furniture. */
  readonly element: string;
}

export interface Article {
  readonly id: string;
  /** The text that every span points into (HTML already reduced to text, BOM removed). */
  readonly text: string;
  readonly metadata: Metadata;
  readonly source: SourceRef;
  /** For HTML input: text offset -> source offset segments. Absent when text is the source. */
  readonly sourceMap?: readonly OffsetSegment[];
  /** For HTML input: the parts of the text that the markup names (title, navigation, captions). */
  readonly layout?: readonly LayoutHint[];
}

/** A stretch of an article's text: UTF-16 offsets [start, end) plus the 1-based line and column of start. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/** A span together with the text it points to (always `article.text.slice(start, end)`). */
export interface TextSpan extends Span {
  readonly text: string;
}

/**
 * Tokens of one article as flat parallel arrays (the wink-nlp way: read once, query cheaply).
 * `start[i]`/`end[i]` are exact offsets into the article text: `text.slice(start[i], end[i]) === value[i]`.
 */
export interface TokenTable {
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly value: readonly string[];
  /** Lower-cased normal form from wink (`its.normal`). */
  readonly normal: readonly string[];
  readonly lemma: readonly string[];
  /** Porter stem (natural) of the normal form. */
  readonly stem: readonly string[];
  /** Universal POS tag from wink (`NOUN`, `VERB`, `PUNCT`, ...). */
  readonly pos: readonly string[];
  /** wink token type: `word`, `number`, `punctuation`, `emoji`, `currency`, ... */
  readonly type: readonly string[];
  /** Index of the sentence each token belongs to. */
  readonly sentence: Int32Array;
  /** 1 when the token lies in scored text (not furniture), else 0. */
  readonly scored: Uint8Array;
}

export interface Sentence {
  readonly index: number;
  readonly span: Span;
  /** First token index and one past the last token index. */
  readonly firstToken: number;
  readonly endToken: number;
  /** False when the sentence lies in furniture (excluded from scoring). */
  readonly scored: boolean;
}

export type EntityType = 'DATE' | 'MONEY' | 'PERCENT' | 'CARDINAL' | 'ORDINAL' | 'DURATION' | 'TIME' | string;

/** An entity found by wink-nlp (dates, money, numbers, ...). */
export interface Entity extends TextSpan {
  readonly type: EntityType;
  readonly firstToken: number;
  readonly endToken: number;
  readonly sentence: number;
}

export type StructureKind =
  | 'title'
  | 'byline'
  | 'dateline'
  | 'lead'
  | 'heading'
  | 'body'
  | 'references'
  /** A question of a Q&A transcript (the interviewer's, the outlet's voice). */
  | 'question'
  /** An answer of a Q&A transcript (the interviewee's voice). */
  | 'answer';

export type FurnitureKind =
  | 'navigation'
  | 'repeated-headline'
  | 'reprint-notice'
  | 'topics'
  | 'language-link'
  | 'caption'
  | 'author-bio'
  | 'disclaimer'
  | 'promo'
  | 'sign-off'
  | 'other';

export interface StructurePart extends TextSpan {
  readonly kind: StructureKind;
  /** For a Q&A line: the speaker label as written ("Q", "A", "Lavrov"). */
  readonly label?: string;
}

/** Text that is on the page but not part of the article; excluded from scoring, always listed. */
export interface Furniture extends TextSpan {
  readonly kind: FurnitureKind;
  /** Why it was classed as furniture, in words a reader can check. */
  readonly reason: string;
}

export interface ArticleStructure {
  readonly title: StructurePart | null;
  readonly byline: StructurePart | null;
  readonly dateline: StructurePart | null;
  readonly lead: StructurePart | null;
  readonly headings: readonly StructurePart[];
  readonly body: readonly StructurePart[];
  /** A references or sources list at the end (heading and entries): cited, not scored as prose. */
  readonly references: readonly StructurePart[];
  readonly furniture: readonly Furniture[];
}

/** The quotation marks found in an article (filled by the quotation stage). */
export interface Quotation extends TextSpan {
  /** The text between the marks. */
  readonly content: TextSpan;
  readonly mark: 'double' | 'curly-double' | 'single' | 'curly-single' | 'guillemet' | 'other';
  /** False when the closing mark was never found and the quote was closed at a paragraph end. */
  readonly closed: boolean;
  /** Nesting depth: 0 for an outer quote. */
  readonly depth: number;
}

/** An article read by the NLP layer: the article plus everything later stages query. */
export interface Document {
  readonly article: Article;
  readonly text: string;
  /** Offsets where each line starts (for line:column). */
  readonly lineStarts: Int32Array;
  readonly tokens: TokenTable;
  readonly sentences: readonly Sentence[];
  readonly entities: readonly Entity[];
  readonly structure: ArticleStructure;
  /** Word tokens (type word/number) in scored text: the denominator of every rate. */
  readonly wordCount: number;
}

export type Voice = 'authorial' | 'quoted' | 'attributed';

/** One lexicon hit. */
export interface Match extends TextSpan {
  readonly pack: string;
  readonly entryId: string;
  /** Category path, e.g. `state-media.prc.slogan`. */
  readonly category: string;
  /** The pattern of the entry that matched, as written in the pack. */
  readonly pattern: string;
  readonly weight: number;
  readonly sentence: number;
  readonly firstToken: number;
  readonly endToken: number;
  readonly voice: Voice;
  readonly negated: boolean;
}

export type SourceType =
  | 'state-media'
  | 'official'
  | 'expert'
  | 'business'
  | 'civil-society'
  | 'public-figure'
  | 'citizen'
  | 'social-media'
  | 'wire'
  | 'news-outlet'
  | 'document'
  | 'vague'
  | 'other'
  | 'unknown';

export type AttributionKind =
  | 'direct'
  | 'indirect'
  | 'mixed'
  | 'according-to'
  | 'parenthetical'
  | 'reference'
  | 'link';

/**
 * Through which channel a source spoke, apart from what kind of source it is (an official may
 * speak on social media): a platform's post (with the platform when the text names it), a
 * statement, a press conference, an interview, a document, or through a news agency.
 */
export interface AttributionChannel {
  readonly kind: 'social-media' | 'statement' | 'press-conference' | 'interview' | 'document' | 'news-agency';
  readonly platform: string | null;
}

export interface Attribution {
  /** Position of this attribution within its article (0-based, in text order). */
  readonly index: number;
  readonly kind: AttributionKind;
  readonly cue: (TextSpan & { readonly lemma: string; readonly loaded: boolean }) | null;
  readonly source: TextSpan | null;
  /** The named speaker the source resolves to, or null. */
  readonly speaker: string | null;
  readonly resolution: 'named' | 'pronoun' | 'vague' | 'unresolved';
  readonly sourceType: SourceType;
  /** For state-media sources: whether the text labels the outlet as state media; else null. */
  readonly stateLabelDisclosed: boolean | null;
  /** Through which channel the source spoke, when the text says; null otherwise. */
  readonly channel?: AttributionChannel | null;
  /** Other names the article gives the speaker ("Trump", "Mr. Trump" for "Donald Trump"), sorted. */
  readonly aliases?: readonly string[];
  readonly content: TextSpan | null;
  /** Present (true) when the content was longer than framescope keeps and was cut (a run-on text). */
  readonly contentCut?: boolean;
  readonly sentence: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem with the data or the run, told apart by `code`, with the place it was found. */
export interface Issue {
  readonly severity: Severity;
  /** e.g. `input/empty-file`, `csv/missing-column`, `lexicon/duplicate-pattern`. */
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly articleId?: string;
  /** What the user can do about it. */
  readonly hint?: string;
}

/** A named figure of an article, with the formula a report prints. */
export interface MetricDefinition {
  readonly name: string;
  readonly description: string;
  readonly formula: string;
}

/** Which of a set of competing terms (a `choices` pack) an article used. */
export interface TermChoice {
  /** The choice set, e.g. `ukraine-war`. */
  readonly set: string;
  /** The term the article used most in its own voice; `mixed` on a tie; empty when none was used. */
  readonly term: string;
  /** Hits per term of the set, all voices (every term of the set is listed, in pack order). */
  readonly counts: Readonly<Record<string, number>>;
  /** Hits per term in the authorial voice. */
  readonly authorialCounts: Readonly<Record<string, number>>;
}

/** Everything framescope found in one article. */
/** A value of an article used in the reports and where it came from. */
export interface FoundValue {
  readonly value: string;
  /** `metadata:<column>` (given by the corpus, used as given) or `text` (read off the page). */
  readonly from: string;
}

export interface FoundFields {
  readonly title: FoundValue | null;
  readonly byline: FoundValue | null;
  readonly date: FoundValue | null;
  /** The calendar date the text states (date line, title or lead), relative dates resolved against a given date. */
  readonly dateInText: string | null;
}

export interface ArticleResult {
  readonly article: Article;
  readonly structure: ArticleStructure;
  readonly tokenCount: number;
  readonly wordCount: number;
  readonly sentenceCount: number;
  /** The date found for the article: as given by its metadata, else the calendar date its text states. */
  readonly dateFound: string | null;
  /**
   * Title, byline and date as used in the reports, each with where it came from
   * (`metadata:<column>` when the corpus gives it, `text` when read off the page).
   */
  readonly found?: FoundFields;
  readonly quotations: readonly Quotation[];
  readonly matches: readonly Match[];
  readonly attributions: readonly Attribution[];
  /** The term chosen from each set of competing terms. */
  readonly choices: readonly TermChoice[];
  /** Per-article figures, keyed by metric name (see the metric definitions). */
  readonly figures: Readonly<Record<string, number | null>>;
  readonly issues: readonly Issue[];
}

/** An article that could not be analysed, and why. */
export interface SkippedInput {
  readonly id: string;
  readonly file: string;
  readonly line?: number;
  readonly reason: string;
  readonly code: string;
}
