import Papa from 'papaparse';
import { figureKeyOf } from '../figures/framing.ts';
import type { Issue } from '../types.ts';

/**
 * Reading the two sides of an agreement check: a CSV that people coded (an `article` or `id`
 * column, an optional `coder` column, one column per category) and the `articles.csv` of a
 * framescope run. Pure: both take the file's text and its name for the problems they list.
 */

/** category -> article -> coder -> value (null where the cell was empty or unreadable). */
export type CodedValues = Map<string, Map<string, Map<string, number | null>>>;

export interface CodedSheet {
  readonly categories: readonly string[];
  /** Coder names in first-seen order; `coder` when the sheet has no coder column. */
  readonly coders: readonly string[];
  /** Article ids in first-seen order. */
  readonly articles: readonly string[];
  readonly values: CodedValues;
  readonly issues: readonly Issue[];
}

/** Thrown when a file cannot be used at all (no id column, no category); the CLI exits 2. */
export class CodedFileError extends Error {}

const ID_COLUMNS = ['article', 'id'];
const TRUE_WORDS = new Set(['true', 'yes', 'y', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n']);

/** A cell as a number: counts and 0/1 as written, yes/no and true/false as 1/0, empty as missing. */
export function readCodedValue(cell: string | undefined): number | null | undefined {
  const s = (cell ?? '').trim().toLowerCase();
  if (s === '') return null;
  if (TRUE_WORDS.has(s)) return 1;
  if (FALSE_WORDS.has(s)) return 0;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function parseCsv(text: string, file: string): { header: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h: string) => h.trim(),
  });
  const header = (parsed.meta.fields ?? []).filter((h) => h !== '');
  if (header.length === 0) throw new CodedFileError(`${file}: expected a header row, found none`);
  return { header, rows: parsed.data };
}

export function readCodedSheet(text: string, file: string): CodedSheet {
  const { header, rows } = parseCsv(text, file);
  const idColumn = ID_COLUMNS.find((c) => header.includes(c));
  if (idColumn === undefined)
    throw new CodedFileError(
      `${file}: expected an "article" or "id" column, found ${header.map((h) => `"${h}"`).join(', ')}`,
    );
  const hasCoder = header.includes('coder');
  const categories = header.filter((h) => h !== idColumn && h !== 'coder');
  if (categories.length === 0)
    throw new CodedFileError(`${file}: expected one column per category beside "${idColumn}", found none`);

  const issues: Issue[] = [];
  const values: CodedValues = new Map(categories.map((c) => [c, new Map()]));
  const coders: string[] = [];
  const articles: string[] = [];
  const seenPairs = new Set<string>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const article = (row[idColumn] ?? '').trim();
    const coder = hasCoder ? (row['coder'] ?? '').trim() : 'coder';
    if (article === '' || coder === '') {
      issues.push({
        severity: 'error',
        code: 'agree/missing-key',
        message: `row without ${article === '' ? `an ${idColumn}` : 'a coder'}; it was left out`,
        file,
        line,
      });
      return;
    }
    const pair = `${article}\u0000${coder}`;
    if (seenPairs.has(pair)) {
      issues.push({
        severity: 'error',
        code: 'agree/duplicate-row',
        message: `${coder} coded article "${article}" twice; the first row was kept`,
        file,
        line,
        articleId: article,
      });
      return;
    }
    seenPairs.add(pair);
    if (!coders.includes(coder)) coders.push(coder);
    if (!articles.includes(article)) articles.push(article);
    for (const category of categories) {
      const value = readCodedValue(row[category]);
      if (value === undefined)
        issues.push({
          severity: 'error',
          code: 'agree/bad-value',
          message: `"${row[category]}" in column "${category}" is not a count, 0/1 or yes/no; read as missing`,
          file,
          line,
          articleId: article,
        });
      const byArticle = values.get(category)!;
      if (!byArticle.has(article)) byArticle.set(article, new Map());
      byArticle.get(article)!.set(coder, value ?? null);
    }
  });
  return { categories, coders, articles, values, issues };
}

export interface FramescopeSheet {
  readonly header: readonly string[];
  /** id -> column -> cell, analysed articles only. */
  readonly rows: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Ids of the articles the run skipped. */
  readonly skipped: ReadonlySet<string>;
}

/** articles.csv guards text cells that start like a formula with a quote; ids are compared without it. */
const unguard = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

export function readFramescopeArticles(text: string, file: string): FramescopeSheet {
  const { header, rows } = parseCsv(text, file);
  if (!header.includes('id'))
    throw new CodedFileError(`${file}: expected the "id" column of a framescope articles.csv, found none`);
  const analysed = new Map<string, Record<string, string>>();
  const skipped = new Set<string>();
  for (const row of rows) {
    const id = unguard((row['id'] ?? '').trim());
    if (row['status'] === 'skipped') skipped.add(id);
    else if (!analysed.has(id)) analysed.set(id, row);
  }
  return { header, rows: analysed, skipped };
}

/**
 * The articles.csv column that holds framescope's value for a category: the one given with
 * `--map`, else `count_<category>` as written, else the framing figure's own name (`count_` and the
 * category with dots, dashes and spaces as `_`, lower-cased: `state-media.prc` -> `count_state_media_prc`).
 */
export function framescopeColumnFor(
  category: string,
  header: readonly string[],
  map: ReadonlyMap<string, string>,
): string | null {
  const given = map.get(category);
  if (given !== undefined) return header.includes(given) ? given : null;
  for (const candidate of [`count_${category}`, `count_${figureKeyOf(category)}`])
    if (header.includes(candidate)) return candidate;
  return null;
}
