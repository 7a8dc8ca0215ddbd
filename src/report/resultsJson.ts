import type {
  ArticleResult,
  Attribution,
  Furniture,
  Match,
  Quotation,
  SkippedInput,
  StructurePart,
  TextSpan,
} from '../types.ts';
import { sortKeys, stableJson } from './manifest.ts';
import type { RunData, RunOverview } from './runData.ts';

/**
 * `results.json` and `results.ndjson`: what the CSV files hold (articles with metadata and
 * figures, structure, quotations, matches, attributions, skipped inputs, problems), as JSON with
 * snake_case keys sorted, so the bytes depend on the content only. Numbers keep full precision
 * (the CSV files round to 4 decimals); a figure that is not a number is null.
 */

// Every object below is built with its keys in sorted order, and the keys that come from the data
// (metadata, figures, issues) are sorted as they are copied, so an article is written as it is
// built, with no sorting pass over it. test/render.test.ts holds the output to a full sort.

const spanJson = (s: TextSpan) => ({
  column: s.column,
  end: s.end,
  line: s.line,
  start: s.start,
  text: s.text,
});

const partJson = (p: StructurePart) => ({
  column: p.column,
  end: p.end,
  kind: p.kind,
  line: p.line,
  start: p.start,
  text: p.text,
});

const furnitureJson = (f: Furniture) => ({
  column: f.column,
  end: f.end,
  kind: f.kind,
  line: f.line,
  reason: f.reason,
  start: f.start,
  text: f.text,
});

const quotationJson = (q: Quotation) => ({
  closed: q.closed,
  column: q.column,
  content: spanJson(q.content),
  depth: q.depth,
  end: q.end,
  line: q.line,
  mark: q.mark,
  start: q.start,
  text: q.text,
});

const matchJson = (m: Match) => ({
  category: m.category,
  column: m.column,
  end: m.end,
  end_token: m.endToken,
  entry_id: m.entryId,
  first_token: m.firstToken,
  line: m.line,
  negated: m.negated,
  pack: m.pack,
  pattern: m.pattern,
  sentence: m.sentence,
  start: m.start,
  text: m.text,
  voice: m.voice,
  weight: m.weight,
});

const attributionJson = (a: Attribution) => ({
  channel: a.channel ? { kind: a.channel.kind, platform: a.channel.platform } : null,
  content: a.content ? spanJson(a.content) : null,
  cue: a.cue
    ? {
        column: a.cue.column,
        end: a.cue.end,
        lemma: a.cue.lemma,
        line: a.cue.line,
        loaded: a.cue.loaded,
        start: a.cue.start,
        text: a.cue.text,
      }
    : null,
  index: a.index,
  kind: a.kind,
  resolution: a.resolution,
  sentence: a.sentence,
  source: a.source ? spanJson(a.source) : null,
  source_type: a.sourceType,
  speaker: a.speaker,
  speaker_aliases: a.aliases ?? [],
  state_label_disclosed: a.stateLabelDisclosed,
});

const figureValue = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/** One analysed article as plain JSON-ready data, every object's keys in sorted order. */
export function articleJson(r: ArticleResult): Record<string, unknown> {
  const s = r.structure;
  return {
    attributions: r.attributions.map(attributionJson),
    byline_found: r.found?.byline?.value ?? s.byline?.text ?? null,
    byline_from: r.found?.byline?.from ?? (s.byline ? 'text' : null),
    date_found: r.dateFound,
    date_from: r.found?.date?.from ?? null,
    date_in_text: r.found?.dateInText ?? null,
    figures: Object.fromEntries(
      Object.keys(r.figures)
        .sort()
        .map((k) => [k, figureValue(r.figures[k])]),
    ),
    id: r.article.id,
    issues: r.issues.map((i) => sortKeys({ ...i })),
    matches: r.matches.map(matchJson),
    metadata: sortKeys({ ...r.article.metadata }),
    quotations: r.quotations.map(quotationJson),
    sentence_count: r.sentenceCount,
    source: {
      file: r.article.source.file,
      format: r.article.source.format,
      line: r.article.source.line ?? null,
    },
    status: 'analysed',
    structure: {
      body: s.body.map(partJson),
      byline: s.byline ? partJson(s.byline) : null,
      dateline: s.dateline ? partJson(s.dateline) : null,
      furniture: s.furniture.map(furnitureJson),
      headings: s.headings.map(partJson),
      lead: s.lead ? partJson(s.lead) : null,
      references: s.references.map(partJson),
      title: s.title ? partJson(s.title) : null,
    },
    title_found: r.found?.title?.value ?? s.title?.text ?? null,
    title_from: r.found?.title?.from ?? (s.title ? 'text' : null),
    token_count: r.tokenCount,
    word_count: r.wordCount,
  };
}

/** What `results.json` says of a run besides its articles. */
type RunJsonInput = Pick<
  RunOverview,
  'toolVersion' | 'settings' | 'packs' | 'metrics' | 'skipped' | 'issues'
>;

/** The run-level part of `results.json`: everything but its articles. */
function runJson(run: RunJsonInput): Record<string, unknown> {
  return {
    tool: 'framescope',
    tool_version: run.toolVersion,
    settings: run.settings,
    // The pack's file path is left out: it differs between machines, the content hash does not.
    packs: run.packs.map((p) => ({
      pack: p.pack,
      kind: p.kind,
      version: p.version,
      sha256: p.sha256,
      entries: p.entries,
      licence: p.licence,
      citation: p.citation,
    })),
    metrics: run.metrics.map((m) => ({ name: m.name, description: m.description, formula: m.formula })),
    skipped: run.skipped.map((k) => ({ ...k, status: 'skipped' })),
    issues: Array.from(run.issues, (i) => ({ ...i })),
  };
}

/** One article of `results.json`, from its JSON (keys sorted), indented as the document nests it. */
function indentedArticle(sorted: unknown): string {
  // Newlines inside JSON strings are escaped, so every newline here starts a line of the layout.
  return `    ${JSON.stringify(sorted, null, 2).replaceAll('\n', '\n    ')}`;
}

/**
 * The JSON of the last article asked for: results.ndjson and results.json render the same article
 * one after the other, and building its JSON once saves a third of their time.
 */
let last: { readonly r: ArticleResult; readonly json: Record<string, unknown> } | null = null;
function articleJsonOnce(r: ArticleResult): Record<string, unknown> {
  if (last?.r !== r) last = { r, json: articleJson(r) };
  return last.json;
}

/** One article of `results.json`, indented as the document nests it, without a separator. */
export function resultsJsonArticle(r: ArticleResult): string {
  return indentedArticle(articleJsonOnce(r));
}

/**
 * `results.json` is written piece by piece: its keys are sorted and `articles` sorts first, so the
 * articles are written as they come and the run-level keys after them. The pieces joined are
 * exactly `stableJson` of the whole document. This is the text before the `k`-th article (from 0).
 */
export function resultsJsonSeparator(k: number): string {
  return k === 0 ? '{\n  "articles": [\n' : ',\n';
}

/** The text that ends `results.json`, once its `articles` articles are written. */
export function resultsJsonEnd(run: RunJsonInput, articles: number): string {
  const rest = stableJson(runJson(run)).slice('{\n'.length);
  return `${articles === 0 ? '{\n  "articles": []' : '\n  ]'},\n${rest}`;
}

/** `results.json`: the whole run in one document. */
export function resultsJson(data: RunData): string {
  const parts = data.results.map((r, k) => resultsJsonSeparator(k) + resultsJsonArticle(r));
  return parts.join('') + resultsJsonEnd(data, data.results.length);
}

/**
 * Compact JSON with sorted keys (one line): what `stableJson` gives, read back and written
 * without its layout, since the layout is all that tells them apart.
 */
function compactStableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** The line of `results.ndjson` for one analysed article. */
export function resultLine(r: ArticleResult): string {
  return `${JSON.stringify(articleJsonOnce(r))}\n`;
}

/** The line of `results.ndjson` for one skipped input (they follow the articles). */
export function skippedLine(k: SkippedInput): string {
  return `${compactStableJson({ ...k, status: 'skipped' })}\n`;
}

/**
 * `results.ndjson`: one analysed article per line, then one line per skipped input (with
 * `status: "skipped"`), so a reader can stream a large run.
 */
export function resultsNdjson(data: RunData): string {
  return data.results.map(resultLine).join('') + data.skipped.map(skippedLine).join('');
}
