import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Article, Issue } from '../types.ts';
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

/** Reads a metadata sidecar CSV (small enough to hold): one row per article, joined on file name or id. */
export async function readSidecar(path: string, keyColumn?: string): Promise<Sidecar> {
  const decoded = decodeBytes(await readFile(path));
  if (!decoded.ok) throw new Error(`metadata file ${path}: ${decoded.reason}`);
  const parsed = Papa.parse<Record<string, string>>(decoded.text, { header: true, skipEmptyLines: 'greedy' });
  const columns = (parsed.meta.fields ?? []).map((c) => c.trim());
  const issues: Issue[] = parsed.errors.map((e) => ({
    severity: 'error',
    code: 'metadata/parse-error',
    message: e.message,
    file: path,
    line: (e.row ?? 0) + 2,
    hint: 'fix the CSV syntax of the metadata file',
  }));
  const key = keyColumn ?? KEY_COLUMNS.find((c) => columns.includes(c));
  if (key === undefined || !columns.includes(key)) {
    throw new Error(
      `metadata file ${path}: expected a column naming the article (${keyColumn ?? KEY_COLUMNS.join(', ')}), found: ${columns.join(', ')}`,
    );
  }
  const rows = new Map<string, { values: Record<string, string>; line: number }>();
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const k = (row[key] ?? '').trim();
    if (k === '') {
      issues.push({
        severity: 'warning',
        code: 'metadata/empty-key',
        message: `row has no ${key}`,
        file: path,
        line,
      });
      return;
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
      return;
    }
    const values: Record<string, string> = {};
    for (const c of columns) if (c !== key) values[c] = row[c] ?? '';
    rows.set(k, { values, line });
  });
  return { file: path, keyColumn: key, columns, rows, issues };
}

/** Keys an article may be known by in a sidecar: its id, its file name, its path. */
function keysOf(article: Article): string[] {
  const keys = [article.id];
  const file = article.source.file;
  const base = file.split(/[\\/]/).pop() ?? file;
  keys.push(base, file);
  const dot = base.lastIndexOf('.');
  if (dot > 0) keys.push(base.slice(0, dot));
  return keys;
}

/**
 * Joins sidecar columns onto an article (sidecar values win over columns read with the text,
 * since the sidecar is the scholar's own coding). Records which rows were used.
 */
export function joinSidecar(article: Article, sidecar: Sidecar, used: Set<string>): Article {
  for (const k of keysOf(article)) {
    const row = sidecar.rows.get(k);
    if (row) {
      used.add(k);
      return { ...article, metadata: { ...article.metadata, ...row.values } };
    }
  }
  return article;
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
