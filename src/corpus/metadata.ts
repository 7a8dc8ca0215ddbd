import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Article, Issue, Metadata } from '../types.ts';
import { CsvFeed, innerLineBreaks } from './csvFeed.ts';
import { decodeBytes } from './decode.ts';

/** Columns a sidecar may use to name the article a row describes, in order of preference. */
const KEY_COLUMNS = ['file', 'filename', 'id', 'path'];

export interface Sidecar {
  readonly file: string;
  readonly keyColumn: string;
  readonly columns: readonly string[];
  /** key -> row and the line it was on */
  readonly rows: ReadonlyMap<
    string,
    { readonly values: Readonly<Record<string, string>>; readonly line: number }
  >;
  readonly issues: readonly Issue[];
}

/**
 * Reads a metadata sidecar CSV (small enough to hold): one row per article, joined on file name or
 * id. Problems name the line of the row, blank lines counted. A header written with spaces after
 * its commas (`file, outlet`) is read with its names and cells trimmed, and a warning says so.
 */
export async function readSidecar(path: string, keyColumn?: string): Promise<Sidecar> {
  const decoded = decodeBytes(await readFile(path));
  if (!decoded.ok) throw new Error(`metadata file ${path}: ${decoded.reason}`);
  const text = decoded.text;
  const lines = new CsvFeed();
  lines.noteText(text);
  const spaced: string[] = [];
  const records: { row: Record<string, string>; line: number }[] = [];
  const issues: Issue[] = [];
  let fields: string[] = [];
  Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h: string) => {
      if (h.trim() !== h) spaced.push(h.trim());
      return h.trim();
    },
    step(result) {
      fields = result.meta.fields ?? fields;
      const missing = result.errors.some((e) => e.code === 'MissingQuotes');
      const line = lines.recordLine(result.meta.cursor, innerLineBreaks(result.data), !missing);
      for (const e of result.errors)
        issues.push({
          severity: 'error',
          code: 'metadata/parse-error',
          message: e.message,
          file: path,
          line,
          hint: 'fix the CSV syntax of the metadata file',
        });
      records.push({ row: result.data, line });
    },
  });
  const columns = fields;
  const key = keyColumn ?? KEY_COLUMNS.find((c) => columns.includes(c));
  if (key === undefined || !columns.includes(key)) {
    throw new Error(
      `metadata file ${path}: expected a column naming the article (${keyColumn ?? KEY_COLUMNS.join(', ')}), found: ${columns.join(', ')}`,
    );
  }
  if (spaced.length > 0)
    issues.push({
      severity: 'warning',
      code: 'metadata/header-spaces',
      message: `the header has spaces around column names (${spaced.map((c) => `"${c}"`).join(', ')}); names and cells were read trimmed`,
      file: path,
      line: 1,
      hint: 'write the header and rows without spaces after the commas',
    });
  const cell =
    spaced.length > 0 ? (v: string | undefined) => (v ?? '').trim() : (v: string | undefined) => v ?? '';
  const rows = new Map<string, { values: Record<string, string>; line: number }>();
  for (const { row, line } of records) {
    const k = (row[key] ?? '').trim();
    if (k === '') {
      issues.push({
        severity: 'warning',
        code: 'metadata/empty-key',
        message: `row has no ${key}`,
        file: path,
        line,
      });
      continue;
    }
    if (rows.has(k)) {
      issues.push({
        severity: 'warning',
        code: 'metadata/duplicate-key',
        message: `${key} "${k}" appears again; the first row is used`,
        file: path,
        line,
        hint: 'keep one row per article',
      });
      continue;
    }
    const values: Record<string, string> = {};
    for (const c of columns) if (c !== key) values[c] = cell(row[c]);
    rows.set(k, { values, line });
  }
  return { file: path, keyColumn: key, columns, rows, issues };
}

/** Keys an article may be known by in a sidecar, exact ones (id, path) before its file name. */
function keysOf(article: Article): { readonly key: string; readonly byName: boolean }[] {
  const file = article.source.file;
  const base = file.split(/[\\/]/).pop() ?? file;
  const keys = [
    { key: article.id, byName: false },
    { key: file, byName: false },
    { key: base, byName: true },
  ];
  const dot = base.lastIndexOf('.');
  if (dot > 0) keys.push({ key: base.slice(0, dot), byName: true });
  return keys;
}

/** Which articles each sidecar row was joined to, to warn when a file name fits several. */
export interface SidecarUse {
  /** Keys of the rows used. */
  readonly used: Set<string>;
  /** Row key -> the first article it was joined to by file name alone, or null once warned. */
  readonly byName: Map<string, string | null>;
}

export const newSidecarUse = (): SidecarUse => ({ used: new Set(), byName: new Map() });

/**
 * Joins sidecar columns onto an article (sidecar values win over columns read with the text,
 * since the sidecar is the scholar's own coding). An id or a path (relative to the corpus folder,
 * as the id of a folder's article is) names one article; a bare file name may fit files of several
 * sub-folders: then each gets the row, and a warning names them.
 */
export function joinSidecar(
  article: Article,
  sidecar: Sidecar,
  use: SidecarUse,
): { readonly article: Article; readonly issue: Issue | null } {
  for (const { key, byName } of keysOf(article)) {
    const row = sidecar.rows.get(key);
    if (!row) continue;
    use.used.add(key);
    let issue: Issue | null = null;
    if (byName) {
      const first = use.byName.get(key);
      if (first === undefined) use.byName.set(key, article.id);
      else if (first !== null && first !== article.id) {
        use.byName.set(key, null);
        issue = {
          severity: 'warning',
          code: 'metadata/ambiguous-key',
          message: `${sidecar.keyColumn} "${key}" names several articles by their file name (${first} and ${article.id}); each was given the row's values`,
          file: sidecar.file,
          line: row.line,
          articleId: article.id,
          hint: `name each article by its path in the corpus folder (e.g. ${first}) or by its id`,
        };
      }
    }
    return { article: { ...article, metadata: { ...article.metadata, ...row.values } }, issue };
  }
  return { article, issue: null };
}

export function unmatchedSidecarIssues(sidecar: Sidecar, used: ReadonlySet<string>): Issue[] {
  const out: Issue[] = [];
  for (const [k, row] of sidecar.rows) {
    if (!used.has(k)) {
      out.push({
        severity: 'warning',
        code: 'metadata/unmatched-row',
        message: `${sidecar.keyColumn} "${k}" matches no article of the corpus`,
        file: sidecar.file,
        line: row.line,
        hint: 'check the spelling of the file name or id, or remove the row',
      });
    }
  }
  return out;
}

/**
 * A metadata value by column name, own columns only: metadata are plain objects, and a column
 * named by a user (`--by toString`, `--group-by __proto__`) must not find Object's properties.
 */
export function metadataValueOf(metadata: Metadata, column: string): string | undefined {
  if (!Object.hasOwn(metadata, column)) return undefined;
  const v = metadata[column];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Column names (lower-cased) under which a corpus gives an article's title, date and byline.
 * Metadata wins over guessing: a value given here is used as given and reported as such.
 */
export const GIVEN_COLUMNS: Readonly<Record<'title' | 'date' | 'byline', readonly string[]>> = {
  title: ['title', 'headline', 'head', 'heading', 'hed'],
  date: [
    'date',
    'published',
    'publication_date',
    'publication date',
    'pub_date',
    'pubdate',
    'published_at',
    'publish_date',
    'date_published',
    'datetime',
  ],
  byline: ['byline', 'author', 'authors', 'by', 'writer', 'writers', 'creator'],
};

/** A value the corpus gives for an article, with the column it came from. */
export interface GivenValue {
  readonly value: string;
  readonly column: string;
}

/**
 * The title, date or byline an article's metadata gives, from the first column (matched
 * case-insensitively, synonyms in GIVEN_COLUMNS order) that holds a non-empty value; else null.
 */
export function givenValue(
  metadata: Readonly<Record<string, string>>,
  field: keyof typeof GIVEN_COLUMNS,
): GivenValue | null {
  const byLower = new Map<string, string>();
  for (const column of Object.keys(metadata)) {
    const key = column.trim().toLowerCase();
    if (!byLower.has(key)) byLower.set(key, column);
  }
  for (const name of GIVEN_COLUMNS[field]) {
    const column = byLower.get(name);
    const value = column === undefined ? undefined : metadata[column]?.trim();
    if (column !== undefined && value) return { value, column };
  }
  return null;
}
