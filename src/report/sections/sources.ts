import { compareText } from '../../order.ts';
import type { ArticleResult, Attribution } from '../../types.ts';
import { articleRecord } from '../articleRecord.ts';
import { type Cell, DEFAULT_DIGITS } from '../format.ts';
import { escapeMarkdownText, markdownTableLines } from '../markdown.ts';
import type { ArticleRecords } from '../runData.ts';

/**
 * The rows of `attributions.csv` and the sources section of `report.md`, from article results.
 * Pure: rows and strings in, nothing written.
 */

export interface AttributionTable {
  readonly header: string[];
  readonly rows: Cell[][];
}

export const ATTRIBUTION_HEADER: readonly string[] = [
  'article',
  'index',
  'kind',
  'cue',
  'cue_lemma',
  'cue_loaded',
  'source_text',
  'speaker',
  'resolution',
  'source_type',
  'state_label_disclosed',
  'content_text',
  'content_start',
  'content_end',
  'start',
  'end',
  'place',
  'channel',
  'channel_platform',
  'speaker_aliases',
];

/** Where an attribution lies: from its first to its last part (cue, source or content). */
export function extentOf(a: Attribution): { start: number; end: number; line: number; column: number } {
  const parts = [a.cue, a.source, a.content].filter((p): p is NonNullable<typeof p> => p !== null);
  const first = parts.reduce(
    (m, p) => (p.start < m.start ? p : m),
    parts[0] as NonNullable<(typeof parts)[number]>,
  );
  const end = Math.max(...parts.map((p) => p.end));
  return { start: first.start, end, line: first.line, column: first.column };
}

/** The rows of `attributions.csv` for one article, in the order its attributions were found. */
export function attributionRowsOf(r: ArticleResult): Cell[][] {
  return r.attributions.map((a) => {
    const at = extentOf(a);
    return [
      r.article.id,
      a.index,
      a.kind,
      a.cue?.text ?? null,
      a.cue?.lemma ?? null,
      a.cue ? a.cue.loaded : null,
      a.source?.text ?? null,
      a.speaker,
      a.resolution,
      a.sourceType,
      a.stateLabelDisclosed,
      a.content?.text ?? null,
      a.content?.start ?? null,
      a.content?.end ?? null,
      at.start,
      at.end,
      `${at.line}:${at.column}`,
      a.channel?.kind ?? null,
      a.channel?.platform ?? null,
      a.aliases && a.aliases.length > 0 ? a.aliases.join('; ') : null,
    ];
  });
}

/**
 * `attributions.csv`: articles by id, by code unit (a stable sort, so articles with the same id
 * keep their input order), as a run writes them (report/articleFiles.ts, place `id-order`).
 */
export function attributionRows(results: readonly ArticleResult[]): AttributionTable {
  const sorted = [...results].sort((a, b) => compareText(a.article.id, b.article.id));
  return { header: [...ATTRIBUTION_HEADER], rows: sorted.flatMap(attributionRowsOf) };
}

/** Figures compared across articles in the section's table, in this order. */
const COMPARED: ReadonlyArray<readonly [string, string]> = [
  ['n_attributions', 'attributions'],
  ['share_direct', 'direct'],
  ['share_indirect', 'indirect'],
  ['share_quoted_text', 'quoted text'],
  ['n_named_sources', 'named sources'],
  ['share_source_official', 'official'],
  ['share_source_expert', 'expert'],
  ['share_source_state_media', 'state media'],
  ['state_media_disclosure_rate', 'state media labelled'],
  ['share_vague', 'vague'],
  ['n_parenthetical', 'parenthetical'],
  ['n_reference_entries', 'reference entries'],
  ['share_loaded_cue', 'loaded cues'],
];

/** Per speaker of one article: how often cited, in which kinds, with which cues. */
function speakerLines(r: ArticleResult): string[] {
  const bySpeaker = new Map<
    string,
    { type: string; kinds: Map<string, number>; cues: Set<string>; first: string }
  >();
  for (const a of r.attributions) {
    if (a.kind === 'link') continue;
    const who =
      a.speaker ??
      (a.resolution === 'vague'
        ? `${a.source?.text ?? 'unnamed'} (vague)`
        : `${a.source?.text ?? 'unknown'} (unresolved)`);
    const entry = bySpeaker.get(who) ?? {
      type: a.sourceType,
      kinds: new Map<string, number>(),
      cues: new Set<string>(),
      first: a.content ? `${a.content.line}:${a.content.column}` : '',
    };
    entry.kinds.set(a.kind, (entry.kinds.get(a.kind) ?? 0) + 1);
    if (a.cue) entry.cues.add(a.cue.lemma + (a.cue.loaded ? ' (loaded)' : ''));
    bySpeaker.set(who, entry);
  }
  return [...bySpeaker.entries()]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([who, e]) => {
      const kinds = [...e.kinds.entries()]
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      const cues = [...e.cues].sort().join(', ');
      return `- ${escapeMarkdownText(who)} (${e.type}): ${kinds}${cues ? `; cues: ${escapeMarkdownText(cues)}` : ''}${e.first ? `; first at ${e.first}` : ''}`;
    });
}

export function sourcesSection(
  results: readonly ArticleResult[],
  detailLimit = Number.POSITIVE_INFINITY,
): string {
  return sourcesSectionOf(
    results.map((r) => articleRecord(r)),
    results.slice(0, detailLimit),
    detailLimit,
  );
}

/** As `sourcesSection`, from the compact records of every article and the full results of the first ones. */
export function sourcesSectionOf(
  records: ArticleRecords,
  details: readonly ArticleResult[],
  detailLimit = Number.POSITIVE_INFINITY,
): string {
  return [...sourcesSectionParts(records, details, detailLimit)].join('\n').trimEnd();
}

/** The parts of the sources section (joined by '\n'), the records read as the table is written. */
export function* sourcesSectionParts(
  records: ArticleRecords,
  details: readonly ArticleResult[],
  detailLimit = Number.POSITIVE_INFINITY,
  digits = DEFAULT_DIGITS,
): Generator<string> {
  yield 'Who each article cites and how. Direct attributions quote the source verbatim; indirect ones paraphrase (mixed ones';
  yield 'carry a partial quotation); parenthetical ones cite "(Source, year)". Shares are fractions of the article\'s reported';
  yield 'attributions (see the methods section for each formula); every attribution is a row of `attributions.csv`.';
  yield '';
  const rows = (function* () {
    for (const r of records) yield [r.id, ...COMPARED.map(([key]) => r.figures[key] ?? null)];
  })();
  yield* markdownTableLines(
    ['article', ...COMPARED.map(([, label]) => label)],
    rows,
    new Set(COMPARED.map((_, i) => i + 1)),
    digits,
  );
  yield '';
  for (const r of details.slice(0, detailLimit)) {
    yield `### ${escapeMarkdownText(r.article.id)}`;
    yield '';
    const lines = speakerLines(r);
    yield* lines.length ? lines : ['No attributions found.'];
    yield '';
  }
  if (records.length > detailLimit) {
    yield `Details are shown for the first ${detailLimit} articles; \`attributions.csv\` lists every attribution.`;
    yield '';
  }
}
