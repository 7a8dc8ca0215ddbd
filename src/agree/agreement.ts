import type { Cell } from '../report/format.ts';
import { escapeMarkdownText, markdownCode, markdownTable } from '../report/markdown.ts';
import type { Table } from '../report/tables.ts';
import type { Issue } from '../types.ts';
import type { CodedSheet, FramescopeSheet } from './coded.ts';
import { cohensKappa } from './cohen.ts';
import { type AlphaLevel, krippendorffAlpha } from './krippendorff.ts';

/**
 * Agreement between framescope and human coders, per category. At the `presence` level every
 * count is dichotomised (more than 0 = present) and alpha is nominal; at the `count` level the
 * counts are compared as they are with interval alpha. Cohen's kappa is always computed on
 * presence, since kappa treats every distinct count as an unrelated category.
 */

export type AgreementLevel = 'presence' | 'count';

export const FRAMESCOPE_RATER = 'framescope';

export interface AgreementRow {
  readonly category: string;
  /** `framescope vs <coder>`, `framescope + coders` or `among coders`. */
  readonly comparison: string;
  readonly raters: readonly string[];
  readonly level: AgreementLevel;
  readonly alphaMetric: AlphaLevel;
  readonly alpha: number | null;
  readonly kappa: number | null;
  readonly units: number;
  readonly pairableUnits: number;
  readonly pairableValues: number;
  readonly observedDisagreement: number;
  readonly expectedDisagreement: number;
  readonly kappaPairs: number | null;
  readonly observedAgreement: number | null;
  readonly expectedAgreement: number | null;
  readonly framescopeColumn: string;
}

export interface AgreementInput {
  readonly coded: CodedSheet;
  readonly framescope: FramescopeSheet;
  /** category -> articles.csv column (null when none was found). */
  readonly columns: ReadonlyMap<string, string | null>;
  readonly level: AgreementLevel;
  /** For the problems listed: the name of the articles.csv read. */
  readonly framescopeFile: string;
}

const presence = (v: number | null) => (v === null ? null : v > 0 ? 1 : 0);

function readCount(cell: string | undefined): number | null | undefined {
  const s = (cell ?? '').trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The framescope value of every coded article for one column, with the problems met. */
function framescopeValues(input: AgreementInput, column: string, issues: Issue[]): (number | null)[] {
  return input.coded.articles.map((id) => {
    const row = input.framescope.rows.get(id);
    if (row === undefined) return null;
    const value = readCount(row[column]);
    if (value === undefined) {
      issues.push({
        severity: 'error',
        code: 'agree/bad-framescope-value',
        message: `"${row[column]}" in column "${column}" is not a count; read as missing`,
        file: input.framescopeFile,
        articleId: id,
      });
      return null;
    }
    return value;
  });
}

function compare(
  category: string,
  comparison: string,
  raters: readonly string[],
  columns: readonly (readonly (number | null)[])[],
  level: AgreementLevel,
  framescopeColumn: string,
): AgreementRow {
  const scaled = columns.map((c) => (level === 'presence' ? c.map(presence) : c));
  const units = scaled[0]?.map((_, u) => scaled.map((c) => c[u] ?? null)) ?? [];
  const alphaMetric: AlphaLevel = level === 'presence' ? 'nominal' : 'interval';
  const alpha = krippendorffAlpha(units, alphaMetric);
  const kappa =
    columns.length === 2 ? cohensKappa(columns[0]!.map(presence), columns[1]!.map(presence)) : null;
  return {
    category,
    comparison,
    raters,
    level,
    alphaMetric,
    alpha: alpha.alpha,
    kappa: kappa?.kappa ?? null,
    units: alpha.units,
    pairableUnits: alpha.pairableUnits,
    pairableValues: alpha.pairableValues,
    observedDisagreement: alpha.observedDisagreement,
    expectedDisagreement: alpha.expectedDisagreement,
    kappaPairs: kappa?.pairs ?? null,
    observedAgreement: kappa?.observedAgreement ?? null,
    expectedAgreement: kappa?.expectedAgreement ?? null,
    framescopeColumn,
  };
}

/** Every comparison of every category, in the coded sheet's column order. */
export function agreementRows(input: AgreementInput): { rows: AgreementRow[]; issues: Issue[] } {
  const { coded, framescope, level } = input;
  const issues: Issue[] = [];
  for (const id of coded.articles) {
    if (framescope.rows.has(id)) continue;
    issues.push({
      severity: 'error',
      code: framescope.skipped.has(id) ? 'agree/article-skipped' : 'agree/article-not-found',
      message: framescope.skipped.has(id)
        ? `article "${id}" was skipped by the framescope run; framescope's values are missing`
        : `article "${id}" is not in ${input.framescopeFile}; framescope's values are missing`,
      file: input.framescopeFile,
      articleId: id,
      hint: 'check that the coded sheet uses the ids of articles.csv',
    });
  }
  const rows: AgreementRow[] = [];
  for (const category of coded.categories) {
    const byArticle = coded.values.get(category)!;
    const coderColumns = coded.coders.map((coder) =>
      coded.articles.map((a) => byArticle.get(a)?.get(coder) ?? null),
    );
    const column = input.columns.get(category) ?? null;
    if (column === null) {
      issues.push({
        severity: 'error',
        code: 'agree/no-framescope-column',
        message: `no column for category "${category}" in ${input.framescopeFile}; only the coders were compared`,
        file: input.framescopeFile,
        hint: `name it with --map "${category}=<column of articles.csv>"`,
      });
    } else {
      const ours = framescopeValues(input, column, issues);
      coded.coders.forEach((coder, i) => {
        rows.push(
          compare(
            category,
            `${FRAMESCOPE_RATER} vs ${coder}`,
            [FRAMESCOPE_RATER, coder],
            [ours, coderColumns[i]!],
            level,
            column,
          ),
        );
      });
      if (coded.coders.length > 1)
        rows.push(
          compare(
            category,
            `${FRAMESCOPE_RATER} + coders`,
            [FRAMESCOPE_RATER, ...coded.coders],
            [ours, ...coderColumns],
            level,
            column,
          ),
        );
    }
    if (coded.coders.length > 1)
      rows.push(compare(category, 'among coders', coded.coders, coderColumns, level, column ?? ''));
  }
  return { rows, issues };
}

export const AGREEMENT_HEADER = [
  'category',
  'comparison',
  'raters',
  'n_raters',
  'level',
  'alpha_metric',
  'alpha',
  'kappa',
  'units',
  'pairable_units',
  'pairable_values',
  'observed_disagreement',
  'expected_disagreement',
  'kappa_pairs',
  'observed_agreement',
  'expected_agreement',
  'framescope_column',
] as const;

export function agreementTable(rows: readonly AgreementRow[]): Table {
  return {
    header: AGREEMENT_HEADER,
    rows: rows.map(
      (r) =>
        [
          r.category,
          r.comparison,
          r.raters.join('; '),
          r.raters.length,
          r.level,
          r.alphaMetric,
          r.alpha,
          r.kappa,
          r.units,
          r.pairableUnits,
          r.pairableValues,
          r.observedDisagreement,
          r.expectedDisagreement,
          r.kappaPairs,
          r.observedAgreement,
          r.expectedAgreement,
          r.framescopeColumn,
        ] as Cell[],
    ),
  };
}

const fixed3 = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3).replace(/^-0\.000$/, '0.000'));

/** `agreement.md`: the table a methods section cites, how it was computed, and what went wrong. */
export function agreementMarkdown(
  rows: readonly AgreementRow[],
  issues: readonly Issue[],
  context: { readonly codedFile: string; readonly resultsDir: string; readonly level: AgreementLevel },
): string {
  const how =
    context.level === 'presence'
      ? 'Every value was dichotomised to presence (a count above 0 is 1, 0 is 0); alpha is nominal.'
      : 'Counts were compared as they are; alpha uses the interval metric.';
  const lines = [
    '# Agreement with human coders',
    '',
    `Coded sheet: ${markdownCode(context.codedFile)}; framescope results: ${markdownCode(context.resultsDir)}.`,
    '',
    `${how} Cohen's kappa is computed on presence, between two raters only; articles a rater left`,
    "empty are left out of that rater's pairs. Krippendorff (2004) asks for alpha >= 0.800, and accepts",
    '0.667 <= alpha < 0.800 for tentative conclusions only. `n/a`: undefined (no variation, or no pairs).',
    '',
  ];
  if (rows.length === 0) lines.push('No category could be compared.');
  else
    lines.push(
      markdownTable(
        ['category', 'comparison', 'alpha', 'kappa', 'units', 'raters', 'pairable values', 'D_o', 'D_e'],
        rows.map((r) => [
          r.category,
          r.comparison,
          fixed3(r.alpha),
          fixed3(r.kappa),
          r.units,
          r.raters.length,
          r.pairableValues,
          fixed3(r.observedDisagreement),
          fixed3(r.expectedDisagreement),
        ]),
        new Set([2, 3, 4, 5, 6, 7, 8]),
      ),
    );
  if (issues.length > 0) {
    lines.push('', '## Problems', '');
    for (const i of issues) {
      const place = [i.file, i.line].filter((x) => x !== undefined).join(':');
      lines.push(`- ${i.code} (${escapeMarkdownText(place)}): ${escapeMarkdownText(i.message)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
