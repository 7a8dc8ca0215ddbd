import { formatPlace } from '../text/positions.ts';
import type { Cell } from './format.ts';
import { type RunData, figureColumns, metadataColumns } from './runData.ts';

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/**
 * `articles.csv`: one row per input article, analysed or skipped (with the reason), so the
 * counts of a run always add up.
 */
export function articlesTable(data: RunData): Table {
  const meta = metadataColumns(data).filter((c) => c !== 'id');
  const figures = figureColumns(data);
  const sets = [...new Set(data.results.flatMap((r) => r.choices.map((c) => c.set)))].sort();
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
  const rows: Cell[][] = data.results.map((r) => {
    const s = r.structure;
    const furniture = s.furniture.map((f) => f.kind);
    return [
      r.article.id,
      'analysed',
      '',
      ...meta.map((c) => r.article.metadata[c] ?? ''),
      s.title?.text ?? '',
      s.byline?.text ?? '',
      r.dateFound ?? '',
      summarizeKinds(furniture),
      ...sets.map((set) => r.choices.find((c) => c.set === set)?.term ?? ''),
      ...figures.map((f) => r.figures[f] ?? null),
    ];
  });
  for (const k of data.skipped) {
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

/** "navigation x2; repeated-headline" */
function summarizeKinds(kinds: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => (n > 1 ? `${k} x${n}` : k)).join('; ');
}

/** `structure.csv`: every part of every page, furniture included, with its place and reason. */
export function structureTable(data: RunData): Table {
  const header = ['article', 'part', 'furniture_kind', 'reason', 'start', 'end', 'line_column', 'text'];
  const rows: Cell[][] = [];
  for (const r of data.results) {
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
    for (const p of [...parts, ...furniture].sort((a, b) => a.start - b.start)) rows.push(p.row);
  }
  return { header, rows };
}

/** `issues.csv`: every problem of the run, with its place and what to do. */
export function issuesTable(data: RunData): Table {
  const header = ['severity', 'code', 'file', 'line', 'column', 'article', 'message', 'hint'];
  const rows = data.issues.map((i) => [
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
