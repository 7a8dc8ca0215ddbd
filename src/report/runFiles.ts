import type { Discrepancy } from '../compare/discrepancies.ts';
import type { ReuseResult } from '../compare/reuse.ts';
import { type GroupFigures, groupFiguresTable } from '../figures/groups.ts';
import { INDEXES } from '../figures/indexes.ts';
import { type Chart, runCharts } from './charts.ts';
import { csvHeaderLine, csvRows, toCsv } from './csv.ts';
import type { Cell } from './format.ts';
import { glossarySection } from './glossary.ts';
import { groupMeansSections, groupMeansTable } from './groupTables.ts';
import { paperTableLines, toLatex } from './latexTables.ts';
import { GROUPS_LONG_HEADER, groupsLongRows } from './longForm.ts';
import { STANDARD_LIMITATIONS, methodsSection } from './methods.ts';
import { type OutputOptions, REPORT_DETAIL_LIMIT } from './outputOptions.ts';
import { reportMarkdownParts } from './reportMarkdown.ts';
import type { ArticleRecords, CorpusColumns, RunOverview } from './runData.ts';
import { REUSE_HEADER, discrepancySection, reuseRow } from './sections/comparison.ts';
import { framingSectionParts } from './sections/framing.ts';
import { sourcesSectionParts } from './sections/sources.ts';
import { joinedLines } from './streamText.ts';
import { ISSUES_HEADER, type Table, articleColumns, articleRows, issueRow } from './tables.ts';

/**
 * The writers of a run's corpus-level files: each is a small function from what the run computed
 * (`RunFindings`) to the file it writes, called in the order of `RUN_FILE_WRITERS` by the run
 * layer (run/runFiles.ts) once every article is in and the comparison and statistics are done.
 * A writer computes nothing the others need; a new output file is one more entry in the list.
 */

/** What the run computed, for its corpus-level files. */
export interface RunFindings {
  readonly run: RunOverview;
  /** Reuse pairs of the comparison. */
  readonly reuse: ReuseResult;
  /** Every group's facts that disagree, in the comparison's order. */
  readonly discrepancies: readonly Discrepancy[];
  /** The metadata column the group figures and charts are per (`--by`), or null: none. */
  readonly by: string | null;
  /** Figures per value of `by`, with bootstrap intervals. */
  readonly groups: readonly GroupFigures[];
  /** The figures shown side by side in the comparison tables that this run has. */
  readonly sideBySide: readonly string[];
  /** The comparison group (story) of the n-th analysed article, as comparison.md groups them. */
  readonly storyGroupOf: (n: number) => string;
  /** CSV cells neutralised as possible formulas so far (all CSV files are written before report.md). */
  readonly neutralisedCells?: () => number;
}

/** The citation figures shown beside the indexes in the comparison tables. */
const CITATION_SIDE_BY_SIDE = [
  'n_attributions',
  'share_direct',
  'share_vague',
  'share_state_media',
  'state_media_disclosure_rate',
];

/**
 * The figures shown side by side in the comparison tables (comparison.md, tables/comparison.tex):
 * the indexes the registry shows side by side, then a few citation figures, those the run has.
 */
export function sideBySideOf(corpus: CorpusColumns): string[] {
  return [...INDEXES.filter((i) => i.sideBySide).map((i) => i.name), ...CITATION_SIDE_BY_SIDE].filter((f) =>
    corpus.figures.has(f),
  );
}

/** A file as a writer gives it: its name and its text, whole or in parts to be appended in order. */
export interface OutputFile {
  readonly file: string;
  readonly text: string | Iterable<string>;
}

/** Writes the files of one kind (none when the run has nothing of that kind). */
export type RunFileWriter = (findings: RunFindings, options: OutputOptions) => Iterable<OutputFile>;

/** Rows of a CSV file made one at a time, as its text in parts: the header, then each row. */
function* csvText(header: readonly string[], rows: Iterable<readonly Cell[]>, o: OutputOptions) {
  yield csvHeaderLine(header, o);
  for (const row of rows) yield csvRows(header, [row], o);
}

/** `articles.csv`: one row per input, analysed or skipped. */
export const articlesCsv: RunFileWriter = function* ({ run, storyGroupOf }, o) {
  const columns = articleColumns(run);
  yield { file: 'articles.csv', text: csvText(columns.header, articleRows(run, columns, storyGroupOf), o) };
};

/** `issues.csv`: every problem of the run, in the order it was found. */
export const issuesCsv: RunFileWriter = function* ({ run }, o) {
  const rows = (function* () {
    for (const issue of run.issues) yield issueRow(issue);
  })();
  yield { file: 'issues.csv', text: csvText(ISSUES_HEADER, rows, o) };
};

/** `reuse.csv`: every pair of articles where one copies or rewrites the other. */
export const reuseCsv: RunFileWriter = function* ({ reuse }, o) {
  yield { file: 'reuse.csv', text: csvText(REUSE_HEADER, reuse.pairs.map(reuseRow), o) };
};

/** `groups.csv`: each figure's mean and bootstrap interval per value of `--by`. */
export const groupsCsv: RunFileWriter = function* ({ by, groups }, o) {
  if (by === null) return;
  const table = groupFiguresTable(groups, by);
  yield { file: 'groups.csv', text: toCsv(table.header, table.rows, o) };
};

/** The charts of the run (see charts.ts), each an SVG file that report.md links to. */
function chartsOf(f: RunFindings): Chart[] {
  return runCharts(f.run.records, f.run.corpus, f.by, f.groups);
}

export const chartFiles: RunFileWriter = function* (f) {
  for (const chart of chartsOf(f)) yield { file: chart.file, text: chart.svg };
};

/** The figures of the LaTeX tables: `--latex-columns` (those the run has), else the side-by-side figures. */
function latexFigures(f: RunFindings, o: OutputOptions): readonly string[] {
  return o.latexColumns === null ? f.sideBySide : o.latexColumns.filter((c) => f.run.corpus.figures.has(c));
}

/** The lines of a LaTeX file, each with its line end. */
function* texText(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}

/** `tables/comparison.tex`: the figures of every article, a longtable past a page of rows. */
export const comparisonTex: RunFileWriter = function* (f, o) {
  if (!o.latex) return;
  const figures = latexFigures(f, o);
  // Each article is named with its --by value (its outlet), as in comparison.md.
  const by = f.by !== null && f.run.corpus.metadata.includes(f.by) ? [f.by] : [];
  const header = ['article', ...by, ...figures];
  const records = f.run.records;
  // Read once to measure the columns and once per part of a table too wide for the page.
  const rows: Iterable<Cell[]> = {
    *[Symbol.iterator]() {
      for (const r of records)
        yield [r.id, ...by.map((c) => r.metadata[c] ?? ''), ...figures.map((c) => r.figures[c] ?? null)];
    },
  };
  const keys = 1 + by.length;
  yield {
    file: 'tables/comparison.tex',
    text: texText(
      paperTableLines(header, rows, {
        caption: 'Framing and citation figures per article (see the methods section of report.md)',
        label: 'tab:comparison',
        numericColumns: header.map((_, i) => i).filter((i) => i >= keys),
        keyColumns: keys,
        digits: o.digits,
      }),
    ),
  };
};

/**
 * `tables/groups.tex`: the tables comparison.md opens with, the mean of each figure per value of
 * `--by` with its bootstrap interval (the indexes, then the citation figures; or the
 * `--latex-columns` in one table).
 */
export const groupsTex: RunFileWriter = function* (f, o) {
  const { by, groups } = f;
  if (!o.latex || by === null) return;
  const sections =
    o.latexColumns === null
      ? groupMeansSections(f.sideBySide)
      : [{ title: 'Figures', figures: latexFigures(f, o) }];
  const tables = sections.map((section, k) => {
    const g = groupMeansTable(groups, by, section.figures, o.digits);
    return toLatex(g.header, g.rows, {
      caption: `${section.title}: mean per ${by} with its bootstrap 95% interval`,
      label: k === 0 ? 'tab:groups' : `tab:groups-${section.title.toLowerCase()}`,
      numericColumns: g.header.map((_, i) => i).filter((i) => i > 0),
      keyColumns: 2,
      digits: o.digits,
    });
  });
  yield { file: 'tables/groups.tex', text: tables.join('\n') };
};

/** `groups_long.csv`: every figure's mean and median per value of `--by`, with intervals, in long form. */
export const groupsLongCsv: RunFileWriter = function* ({ by, groups }, o) {
  if (by === null) return;
  yield { file: 'groups_long.csv', text: csvText(GROUPS_LONG_HEADER, groupsLongRows(groups), o) };
};

/** `report.md`: what was read, the articles, then a section per stage and the methods. */
export const reportMd: RunFileWriter = function* (f, o) {
  const { run } = f;
  const charts = chartsOf(f);
  const sections = [
    {
      title: 'Framing',
      body: () => framingSectionParts(run.records, run.details, 8, REPORT_DETAIL_LIMIT, o.digits),
    },
    {
      title: 'Sources',
      body: () => sourcesSectionParts(run.records, run.details, REPORT_DETAIL_LIMIT, o.digits),
    },
    { title: 'Facts that disagree', body: discrepancySection(f) },
    {
      title: 'Charts',
      body:
        charts.length === 0
          ? 'No chart: no lexicon hit.'
          : charts.map((c) => `![${c.title}](${c.file})`).join('\n\n'),
    },
    {
      title: 'Methods',
      body: methodsSection({
        packs: run.packs.map((p) => ({
          name: p.pack,
          kind: p.kind,
          version: p.version,
          sha256: p.sha256,
          entries: p.entries,
        })),
        metrics: run.metrics.filter((m) => run.corpus.figures.has(m.name)),
        settings: run.settings,
        toolVersion: run.toolVersion,
        limitations: STANDARD_LIMITATIONS,
        ...(f.neutralisedCells ? { neutralisedCells: f.neutralisedCells() } : {}),
      }),
    },
    { title: 'Glossary', body: glossarySection() },
  ];
  yield { file: 'report.md', text: joinedLines(reportMarkdownParts(run, sections)) };
};

/** The corpus-level files, in the order they are written (comparison.md and its tables aside). */
export const RUN_FILE_WRITERS: readonly RunFileWriter[] = [
  articlesCsv,
  issuesCsv,
  reuseCsv,
  groupsCsv,
  groupsLongCsv,
  chartFiles,
  comparisonTex,
  groupsTex,
  reportMd,
];
