import { formatPlace } from '../text/positions.ts';
import type { ArticleResult, Issue } from '../types.ts';
import type { Cell } from './format.ts';
import { type RunOverview, figureColumns, metadataColumns } from './runData.ts';

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/**
 * `articles.csv`: one row per input article, analysed or skipped (with the reason), so the
 * counts of a run always add up. Its columns (metadata, choice sets, figures) are known only once
 * every article is read, so it is built at the end from the compact records.
 */
export function articlesTable(run: RunOverview): Table {
  const meta = metadataColumns(run.records).filter((c) => c !== 'id');
  const figures = figureColumns(run.records, run.metrics);
  const sets = [...new Set(run.records.flatMap((r) => r.choices.map(([set]) => set)))].sort();
  const header = [
    'id',
    'status',
    'skip_reason',
    ...meta,
    'title_found',
    'byline_found',
    'date_found',
    'furniture',
    ...sets.map((s) => `choice_${s}`),
    ...figures,
  ];
  const rows: Cell[][] = run.records.map((r) => [
    r.id,
    'analysed',
    '',
    ...meta.map((c) => r.metadata[c] ?? ''),
    r.title ?? '',
    r.byline ?? '',
    r.dateFound ?? '',
    r.furnitureKinds,
    ...sets.map((set) => r.choices.find(([s]) => s === set)?.[1] ?? ''),
    ...figures.map((f) => r.figures[f] ?? null),
  ]);
  for (const k of run.skipped) {
    rows.push([
      k.id,
      'skipped',
      `${k.code}: ${k.reason}`,
      ...meta.map(() => ''),
      '',
      '',
      '',
      '',
      ...sets.map(() => ''),
      ...figures.map(() => null),
    ]);
  }
  return { header, rows };
}

export const STRUCTURE_HEADER: readonly string[] = [
  'article',
  'part',
  'furniture_kind',
  'reason',
  'start',
  'end',
  'line_column',
  'text',
];

/** The rows of `structure.csv` for one article: every part of the page, furniture included, by place. */
export function structureRows(r: ArticleResult): Cell[][] {
  const s = r.structure;
  const parts = [
    ...(s.title ? [s.title] : []),
    ...(s.byline ? [s.byline] : []),
    ...(s.dateline ? [s.dateline] : []),
    ...(s.lead ? [s.lead] : []),
    ...s.headings,
    ...s.body,
    ...s.references,
  ].map((p) => ({
    start: p.start,
    row: [r.article.id, p.kind, '', '', p.start, p.end, formatPlace(p), p.text] as Cell[],
  }));
  const furniture = s.furniture.map((f) => ({
    start: f.start,
    row: [r.article.id, 'furniture', f.kind, f.reason, f.start, f.end, formatPlace(f), f.text] as Cell[],
  }));
  return [...parts, ...furniture].sort((a, b) => a.start - b.start).map((p) => p.row);
}

/** `structure.csv`: every part of every page, furniture included, with its place and reason. */
export function structureTable(results: readonly ArticleResult[]): Table {
  return { header: [...STRUCTURE_HEADER], rows: results.flatMap(structureRows) };
}

/** `issues.csv`: every problem of the run, with its place and what to do. */
export function issuesTable(issues: readonly Issue[]): Table {
  const header = ['severity', 'code', 'file', 'line', 'column', 'article', 'message', 'hint'];
  const rows = issues.map((i) => [
    i.severity,
    i.code,
    i.file ?? '',
    i.line ?? null,
    i.column ?? null,
    i.articleId ?? '',
    i.message,
    i.hint ?? '',
  ]);
  return { header, rows };
}
