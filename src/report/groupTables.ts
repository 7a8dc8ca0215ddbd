import type { FigureStats, GroupFigures } from '../figures/groups.ts';
import { INDEXES } from '../figures/indexes.ts';
import { displayNumber } from './format.ts';
import type { Table } from './tables.ts';

/**
 * The tables a comparison opens with: per value of `--by` (the outlet), the mean of each figure
 * with its bootstrap 95% interval. comparison.md and tables/groups.tex show the same tables;
 * groups_long.csv holds their numbers.
 */

/**
 * A group's figure as a table cell: the mean, then its interval, then how many articles have a
 * value when fewer than the group's articles do (a share needs an attribution), one per line
 * (Markdown shows them on one line, LaTeX stacks them).
 */
export function meanCell(stats: FigureStats | undefined, articles: number, digits: number): string {
  if (!stats || stats.mean === null) return '';
  const lines = [displayNumber(stats.mean, digits)];
  if (stats.meanLow !== null && stats.meanHigh !== null)
    lines.push(`[${displayNumber(stats.meanLow, digits)}, ${displayNumber(stats.meanHigh, digits)}]`);
  if (stats.n < articles) lines.push(`(n = ${stats.n})`);
  return lines.join('\n');
}

/** One row per group: its value, its articles, and `meanCell` of each figure. */
export function groupMeansTable(
  groups: readonly GroupFigures[],
  by: string,
  figures: readonly string[],
  digits: number,
): Table {
  return {
    header: [by, 'articles', ...figures],
    rows: groups.map((g) => [
      g.value,
      g.articles,
      ...figures.map((f) => meanCell(g.figures[f], g.articles, digits)),
    ]),
  };
}

/** A titled table of figure means per group. */
export interface GroupMeansSection {
  readonly title: string;
  readonly figures: readonly string[];
}

/**
 * The figures of the opening tables, in two: the composite indexes of the registry, then the
 * citation figures (the other side-by-side figures); a table with no figure is left out.
 */
export function groupMeansSections(sideBySide: readonly string[]): GroupMeansSection[] {
  const indexes = new Set(INDEXES.map((i) => i.name));
  return [
    { title: 'Indexes', figures: sideBySide.filter((f) => indexes.has(f)) },
    { title: 'Citation', figures: sideBySide.filter((f) => !indexes.has(f)) },
  ].filter((s) => s.figures.length > 0);
}
