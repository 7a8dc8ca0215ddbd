import Papa from 'papaparse';
import { CsvFeed, innerLineBreaks } from '../corpus/csvFeed.ts';
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

interface ParsedCsv {
  readonly header: string[];
  /** Each record with the line it starts on (blank lines counted). */
  readonly rows: { readonly row: Record<string, string>; readonly line: number }[];
  /** CSV syntax errors (an unclosed quote, a wrong number of fields), with their line. */
  readonly issues: Issue[];
}

function parseCsv(text: string, file: string): ParsedCsv {
  const lines = new CsvFeed();
  lines.noteText(text);
  const rows: { row: Record<string, string>; line: number }[] = [];
  const issues: Issue[] = [];
  let fields: string[] = [];
  Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h: string) => h.trim(),
    step(result) {
      fields = result.meta.fields ?? fields;
      const unclosed = result.errors.some((e) => e.code === 'MissingQuotes');
      // The cursor counts the byte-order mark removed above.
      const cursor = result.meta.cursor + (text.charCodeAt(0) === 0xfeff ? 1 : 0);
      const line = lines.recordLine(cursor, innerLineBreaks(result.data), !unclosed);
      for (const e of result.errors)
        issues.push({
          severity: 'error',
          code: 'agree/parse-error',
          message: `${e.message}${unclosed ? '; the rows after it were read into that cell' : ''}`,
          file,
          line,
          hint: 'close the quote, or quote a cell that holds a comma',
        });
      rows.push({ row: result.data, line });
    },
  });
  const header = fields.filter((h) => h !== '');
  if (header.length === 0) throw new CodedFileError(`${file}: expected a header row, found none`);
  return { header, rows, issues };
}

export function readCodedSheet(text: string, file: string): CodedSheet {
  const { header, rows, issues: syntax } = parseCsv(text, file);
  const idColumn = ID_COLUMNS.find((c) => header.includes(c));
  if (idColumn === undefined)
    throw new CodedFileError(
      `${file}: expected an "article" or "id" column, found ${header.map((h) => `"${h}"`).join(', ')}`,
    );
  const hasCoder = header.includes('coder');
  const categories = header.filter((h) => h !== idColumn && h !== 'coder');
  if (categories.length === 0)
    throw new CodedFileError(`${file}: expected one column per category beside "${idColumn}", found none`);

  const issues: Issue[] = [...syntax];
  const values: CodedValues = new Map(categories.map((c) => [c, new Map()]));
  // Sets beside the ordered lists: 60,000 rows must not mean 60,000 scans of a list.
  const coders = new Set<string>();
  const articles = new Set<string>();
  const seenPairs = new Set<string>();
  for (const { row, line } of rows) {
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
      continue;
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
      continue;
    }
    seenPairs.add(pair);
    coders.add(coder);
    articles.add(article);
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
  }
  return { categories, coders: [...coders], articles: [...articles], values, issues };
}

export interface FramescopeSheet {
  readonly header: readonly string[];
  /** id -> column -> cell, analysed articles only. */
  readonly rows: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Ids of the articles the run skipped. */
  readonly skipped: ReadonlySet<string>;
  /** CSV syntax errors (a hand-edited articles.csv). */
  readonly issues: readonly Issue[];
}

/** articles.csv guards text cells that start like a formula with a quote; ids are compared without it. */
const unguard = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

export function readFramescopeArticles(text: string, file: string): FramescopeSheet {
  const { header, rows, issues } = parseCsv(text, file);
  if (!header.includes('id'))
    throw new CodedFileError(`${file}: expected the "id" column of a framescope articles.csv, found none`);
  const analysed = new Map<string, Record<string, string>>();
  const skipped = new Set<string>();
  for (const { row } of rows) {
    const id = unguard((row['id'] ?? '').trim());
    if (row['status'] === 'skipped') skipped.add(id);
    else if (!analysed.has(id)) analysed.set(id, row);
  }
  return { header, rows: analysed, skipped, issues };
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
