import { toCsv } from './csv.ts';
import { type ReportSection, reportMarkdown } from './reportMarkdown.ts';
import type { RunData } from './runData.ts';
import { type Table, articlesTable, issuesTable, structureTable } from './tables.ts';

export interface OutputOptions {
  /** Neutralise spreadsheet formulas in CSV text cells (see csv.ts). */
  readonly safeCells: boolean;
}

const csvOf = (t: Table, o: OutputOptions) => toCsv(t.header, t.rows, { safeCells: o.safeCells });

/**
 * Every output file of a run, as name -> content, built from the run's data alone (pure), so a
 * writer can put them in place atomically and a test can compare them byte for byte.
 */
export function buildOutputs(
  data: RunData,
  options: OutputOptions,
  extra: {
    readonly sections?: readonly ReportSection[];
    readonly tables?: Readonly<Record<string, Table>>;
  } = {},
): Map<string, string> {
  const files = new Map<string, string>();
  files.set('articles.csv', csvOf(articlesTable(data), options));
  files.set('structure.csv', csvOf(structureTable(data), options));
  files.set('issues.csv', csvOf(issuesTable(data), options));
  for (const [name, table] of Object.entries(extra.tables ?? {})) files.set(name, csvOf(table, options));
  files.set('report.md', reportMarkdown(data, extra.sections ?? []));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
