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
import { stableJson } from './manifest.ts';
import type { RunData, RunOverview } from './runData.ts';

/**
 * `results.json` and `results.ndjson`: what the CSV files hold (articles with metadata and
 * figures, structure, quotations, matches, attributions, skipped inputs, problems), as JSON with
 * snake_case keys sorted, so the bytes depend on the content only. Numbers keep full precision
 * (the CSV files round to 4 decimals); a figure that is not a number is null.
 */

const spanJson = (s: TextSpan) => ({
  start: s.start,
  end: s.end,
  line: s.line,
  column: s.column,
  text: s.text,
});

const partJson = (p: StructurePart) => ({ kind: p.kind, ...spanJson(p) });

const furnitureJson = (f: Furniture) => ({ kind: f.kind, reason: f.reason, ...spanJson(f) });

const quotationJson = (q: Quotation) => ({
  ...spanJson(q),
  content: spanJson(q.content),
  mark: q.mark,
  closed: q.closed,
  depth: q.depth,
});

const matchJson = (m: Match) => ({
  ...spanJson(m),
  pack: m.pack,
  entry_id: m.entryId,
  category: m.category,
  pattern: m.pattern,
  weight: m.weight,
  sentence: m.sentence,
  first_token: m.firstToken,
  end_token: m.endToken,
  voice: m.voice,
  negated: m.negated,
});

const attributionJson = (a: Attribution) => ({
  index: a.index,
  kind: a.kind,
  cue: a.cue ? { ...spanJson(a.cue), lemma: a.cue.lemma, loaded: a.cue.loaded } : null,
  source: a.source ? spanJson(a.source) : null,
  speaker: a.speaker,
  resolution: a.resolution,
  source_type: a.sourceType,
  state_label_disclosed: a.stateLabelDisclosed,
  content: a.content ? spanJson(a.content) : null,
  sentence: a.sentence,
});

const figureValue = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/** One analysed article as plain JSON-ready data. */
export function articleJson(r: ArticleResult): Record<string, unknown> {
  const s = r.structure;
  return {
    id: r.article.id,
    status: 'analysed',
    metadata: { ...r.article.metadata },
    source: {
      file: r.article.source.file,
      format: r.article.source.format,
      line: r.article.source.line ?? null,
    },
    title_found: s.title?.text ?? null,
    byline_found: s.byline?.text ?? null,
    date_found: r.dateFound,
    token_count: r.tokenCount,
    word_count: r.wordCount,
    sentence_count: r.sentenceCount,
    figures: Object.fromEntries(Object.entries(r.figures).map(([k, v]) => [k, figureValue(v)])),
    structure: {
      title: s.title ? partJson(s.title) : null,
      byline: s.byline ? partJson(s.byline) : null,
      dateline: s.dateline ? partJson(s.dateline) : null,
      lead: s.lead ? partJson(s.lead) : null,
      headings: s.headings.map(partJson),
      body: s.body.map(partJson),
      references: s.references.map(partJson),
      furniture: s.furniture.map(furnitureJson),
    },
    quotations: r.quotations.map(quotationJson),
    matches: r.matches.map(matchJson),
    attributions: r.attributions.map(attributionJson),
    issues: r.issues.map((i) => ({ ...i })),
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

/**
 * `results.json` written piece by piece: its keys are sorted and `articles` sorts first, so the
 * articles can be written as they come and the run-level keys after them. The pieces joined are
 * exactly `stableJson` of the whole document.
 */
export class ResultsJsonWriter {
  private articles = 0;

  /** The text to append for the next article. */
  article(r: ArticleResult): string {
    const body = stableJson(articleJson(r))
      .trimEnd()
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
    return `${this.articles++ === 0 ? '{\n  "articles": [\n' : ',\n'}${body}`;
  }

  /** The text that ends the document, once every article is written. */
  end(run: RunJsonInput): string {
    const rest = stableJson(runJson(run)).slice('{\n'.length);
    return `${this.articles === 0 ? '{\n  "articles": []' : '\n  ]'},\n${rest}`;
  }
}

/** `results.json`: the whole run in one document. */
export function resultsJson(data: RunData): string {
  const writer = new ResultsJsonWriter();
  const parts = data.results.map((r) => writer.article(r));
  return parts.join('') + writer.end(data);
}

/** Compact JSON with sorted keys (one line), from the same sorting as `stableJson`. */
function compactStableJson(value: unknown): string {
  return JSON.stringify(JSON.parse(stableJson(value)));
}

/** The line of `results.ndjson` for one analysed article. */
export function resultLine(r: ArticleResult): string {
  return `${compactStableJson(articleJson(r))}\n`;
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
