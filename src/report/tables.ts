import { figureKeyOf } from '../figures/framing.ts';
import { formatPlace } from '../text/positions.ts';
import type { ArticleResult, Issue } from '../types.ts';
import type { Cell } from './format.ts';
import { type RunOverview, figureColumns } from './runData.ts';

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** The columns of `articles.csv` that depend on the corpus: metadata, choice sets, figures. */
export interface ArticleColumns {
  readonly header: readonly string[];
  readonly metadata: readonly string[];
  /** The choice set of each `choice_` column, in order (a set may have two: see `choiceColumns`). */
  readonly sets: readonly string[];
  readonly figures: readonly string[];
}

/**
 * The `choice_` columns of the choice sets, in snake_case as every other column
 * (`choice_covid_name`, the set's id as figure names are made). A set whose id is not already
 * snake_case also keeps the column named with the id as written (`choice_covid-name`), which
 * earlier versions wrote and docs/outputs.md lists as deprecated: columns are added, never renamed.
 */
export function choiceColumns(sets: readonly string[]): { column: string; set: string }[] {
  const out: { column: string; set: string }[] = [];
  const taken = new Set<string>();
  for (const set of sets)
    for (const column of [`choice_${figureKeyOf(set)}`, `choice_${set}`])
      if (!taken.has(column)) {
        taken.add(column);
        out.push({ column, set });
      }
  return out;
}

/**
 * `articles.csv`: one row per input article, analysed or skipped (with the reason), so the
 * counts of a run always add up. Its columns (metadata, choice sets, figures) are known only once
 * every article is read, from what the run gathered as they came; the rows are then read back
 * one record at a time.
 */
export function articleColumns(run: RunOverview): ArticleColumns {
  const metadata = run.corpus.metadata.filter((c) => c !== 'id');
  const figures = figureColumns(run.corpus.figures, run.metrics);
  const choices = choiceColumns([...run.corpus.choiceSets].sort());
  const header = [
    'id',
    'status',
    'skip_reason',
    ...metadata,
    'title_found',
    'byline_found',
    'date_found',
    'furniture',
    'story_group',
    'title_from',
    'byline_from',
    'date_from',
    'date_in_text',
    ...choices.map((c) => c.column),
    ...figures,
  ];
  return { header, metadata, sets: choices.map((c) => c.set), figures };
}

/**
 * Every row of `articles.csv`: the analysed articles in input order, then the skipped inputs.
 * `storyGroupOf` gives the comparison group of the n-th analysed article (comparison.md's).
 */
export function* articleRows(
  run: RunOverview,
  columns: ArticleColumns,
  storyGroupOf: (n: number) => string,
): Generator<Cell[]> {
  const { metadata, sets, figures } = columns;
  let n = 0;
  for (const r of run.records)
    yield [
      r.id,
      'analysed',
      '',
      ...metadata.map((c) => r.metadata[c] ?? ''),
      r.title ?? '',
      r.byline ?? '',
      r.dateFound ?? '',
      r.furnitureKinds,
      storyGroupOf(n++),
      r.titleFrom,
      r.bylineFrom,
      r.dateFrom,
      r.dateInText ?? '',
      ...sets.map((set) => r.choices.find(([s]) => s === set)?.[1] ?? ''),
      ...figures.map((f) => r.figures[f] ?? null),
    ];
  for (const k of run.skipped) {
    yield [
      k.id,
      'skipped',
      `${k.code}: ${k.reason}`,
      ...metadata.map(() => ''),
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      ...sets.map(() => ''),
      ...figures.map(() => null),
    ];
  }
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

/** `issues.csv`: every problem of the run, with its place and what to do. */
export const ISSUES_HEADER: readonly string[] = [
  'severity',
  'code',
  'file',
  'line',
  'column',
  'article',
  'message',
  'hint',
];

export function issuesTable(issues: readonly Issue[]): Table {
  return { header: ISSUES_HEADER, rows: issues.map(issueRow) };
}

export function issueRow(i: Issue): Cell[] {
  return [
    i.severity,
    i.code,
    i.file ?? '',
    i.line ?? null,
    i.column ?? null,
    i.articleId ?? '',
    i.message,
    i.hint ?? '',
  ];
}
