import { createHash } from 'node:crypto';
import type { ArticleResult, Metadata } from '../types.ts';
import { escapeMarkdownText } from './markdown.ts';

/**
 * What the corpus-level outputs (articles.csv, report.md, charts, groups, LaTeX tables, the
 * manifest) need of one analysed article, once its own rows have been written: a few numbers and
 * short strings, never its text, structure, matches or attributions. A run keeps one of these per
 * article, so its memory grows by a few hundred bytes per article, not by the article.
 */
export interface ArticleRecord {
  readonly id: string;
  readonly file: string;
  readonly line: number | undefined;
  /** sha256 and length of the text, for the manifest (which lets a reader check the inputs). */
  readonly textSha256: string;
  readonly textChars: number;
  readonly metadata: Metadata;
  readonly title: string | null;
  readonly byline: string | null;
  readonly dateFound: string | null;
  /** Where title, byline and date came from: `metadata:<column>`, `text`, or '' when none was found. */
  readonly titleFrom: string;
  readonly bylineFrom: string;
  readonly dateFrom: string;
  /** The calendar date the text states, whatever the metadata gives. */
  readonly dateInText: string | null;
  /** Furniture kinds with counts, as articles.csv prints them ("navigation x2; repeated-headline"). */
  readonly furnitureKinds: string;
  readonly furnitureCount: number;
  /** The article's lines of report.md's furniture section, or null when it has no furniture. */
  readonly furnitureLines: string | null;
  readonly tokenCount: number;
  readonly wordCount: number;
  readonly sentenceCount: number;
  readonly hits: number;
  readonly authorialHits: number;
  /** Top-level categories of the article's hits (the charts' columns), sorted. */
  readonly topCategories: readonly string[];
  /** The term chosen in each set of competing terms, first choice of a set only, as [set, term]. */
  readonly choices: readonly (readonly [string, string])[];
  readonly figures: Readonly<Record<string, number | null>>;
}

/** "navigation x2; repeated-headline" */
export function summarizeKinds(kinds: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => (n > 1 ? `${k} x${n}` : k)).join('; ');
}

function furnitureLinesOf(r: ArticleResult): string | null {
  if (r.structure.furniture.length === 0) return null;
  return r.structure.furniture
    .map((f) => {
      const text = f.text.length > 90 ? `${f.text.slice(0, 87)}...` : f.text;
      return `- line ${f.line}, ${f.kind}: "${escapeMarkdownText(text)}" (${f.reason})`;
    })
    .join('\n');
}

/**
 * The record of one result. `figures` may be given to share one object with the comparison
 * summary, which holds the same figures.
 */
export function articleRecord(
  r: ArticleResult,
  figures: Readonly<Record<string, number | null>> = r.figures,
): ArticleRecord {
  const s = r.structure;
  const choices: [string, string][] = [];
  for (const c of r.choices) if (!choices.some(([set]) => set === c.set)) choices.push([c.set, c.term]);
  let authorialHits = 0;
  const tops = new Set<string>();
  for (const m of r.matches) {
    if (m.voice === 'authorial') authorialHits++;
    tops.add(m.category.split('.')[0] ?? m.category);
  }
  return {
    id: r.article.id,
    file: r.article.source.file,
    line: r.article.source.line,
    textSha256: createHash('sha256').update(r.article.text).digest('hex'),
    textChars: r.article.text.length,
    metadata: r.article.metadata,
    title: r.found?.title?.value ?? s.title?.text ?? null,
    byline: r.found?.byline?.value ?? s.byline?.text ?? null,
    dateFound: r.dateFound,
    titleFrom: r.found?.title?.from ?? (s.title ? 'text' : ''),
    bylineFrom: r.found?.byline?.from ?? (s.byline ? 'text' : ''),
    dateFrom: r.found?.date?.from ?? '',
    dateInText: r.found?.dateInText ?? null,
    furnitureKinds: summarizeKinds(s.furniture.map((f) => f.kind)),
    furnitureCount: s.furniture.length,
    furnitureLines: furnitureLinesOf(r),
    tokenCount: r.tokenCount,
    wordCount: r.wordCount,
    sentenceCount: r.sentenceCount,
    hits: r.matches.length,
    authorialHits,
    topCategories: [...tops].sort(),
    choices,
    figures,
  };
}
