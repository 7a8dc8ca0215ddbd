import type { ChoiceRow } from '../../compare/choices.ts';
import { type Discrepancy, LISTED_VALUES } from '../../compare/discrepancies.ts';
import type { Grouping } from '../../compare/grouping.ts';
import type { Comparison, GroupComparison } from '../../compare/index.ts';
import { DEFAULT_KEYNESS, type KeyTerm } from '../../compare/keyness.ts';
import type { ReusePair, ReuseResult } from '../../compare/reuse.ts';
import type { ArticleHead } from '../../compare/store.ts';
import { metadataValueOf } from '../../corpus/metadata.ts';
import type { GroupFigures } from '../../figures/groups.ts';
import { compareText } from '../../order.ts';
import { DEFAULT_DIGITS, displayNumber, displayPercent, formatNumber } from '../format.ts';
import { groupMeansSections, groupMeansTable } from '../groupTables.ts';
import { escapeMarkdownText, markdownCode, markdownTable, markdownTableLines } from '../markdown.ts';
import { trimmedEnd } from '../streamText.ts';

/**
 * `comparison.md` and the rows of `reuse.csv`, `discrepancies.csv`, `keyness.csv` and
 * `choices.csv`, from a Comparison. Pure: strings and rows in, nothing written.
 */

export type Row = (string | number | null)[];
export interface Table {
  readonly header: string[];
  readonly rows: Row[];
}

const place = (s: { line: number; column: number }) => `${s.line}:${s.column}`;
const num = (x: number) => Number(x.toFixed(4));

export const REUSE_HEADER: readonly string[] = [
  'article_a',
  'article_b',
  'kind',
  'similarity',
  'shared_share_a',
  'shared_share_b',
  'shingle_jaccard',
  'containment_a',
  'containment_b',
  'passages',
  'aligned_passages',
  'framing_only_a',
  'framing_only_b',
  'sources_only_a',
  'sources_only_b',
  'cluster',
];

export function reuseTable(comparison: Comparison): Table {
  return { header: [...REUSE_HEADER], rows: comparison.reuse.pairs.map(reuseRow) };
}

/** The row of `reuse.csv` for one pair. */
export function reuseRow(p: ReusePair): Row {
  return [
    p.a,
    p.b,
    p.kind,
    num(p.similarity),
    num(p.sharedShareA),
    num(p.sharedShareB),
    num(p.shingleJaccard),
    num(p.containmentA),
    num(p.containmentB),
    p.passages.length,
    p.passages
      .map((x) => `${p.a}@${place(x.a)} "${x.a.text}" = ${p.b}@${place(x.b)} "${x.b.text}"`)
      .join(' || '),
    p.framingDifferences
      .filter((d) => d.countA > d.countB)
      .map((d) => `${d.entry} ${d.countA}>${d.countB}`)
      .join('; '),
    p.framingDifferences
      .filter((d) => d.countB > d.countA)
      .map((d) => `${d.entry} ${d.countB}>${d.countA}`)
      .join('; '),
    p.sourceDifferences
      .filter((d) => d.countB === 0)
      .map((d) => d.source)
      .join('; '),
    p.sourceDifferences
      .filter((d) => d.countA === 0)
      .map((d) => d.source)
      .join('; '),
    p.cluster ?? '',
  ];
}

export const DISCREPANCY_HEADER: readonly string[] = [
  'group',
  'discrepancy',
  'field',
  'subject',
  'class',
  'value',
  'article',
  'line',
  'column',
  'start',
  'end',
  'as_written',
  'sentence',
  'detail',
];

/** One row per mention: every value of every discrepancy, with the sentence it came from. */
export function discrepancyTable(comparison: Comparison): Table {
  const rows: Row[] = [];
  comparison.discrepancies.forEach((d, k) => {
    rows.push(...discrepancyRows(d, k + 1));
  });
  return { header: [...DISCREPANCY_HEADER], rows };
}

/** The rows of the `number`-th discrepancy of a run (counted from 1). */
export function discrepancyRows(d: Discrepancy, number: number): Row[] {
  const rows: Row[] = [];
  for (const v of d.values)
    for (const m of v.mentions)
      rows.push([
        d.group,
        number,
        d.field,
        d.subject,
        d.class,
        v.value,
        m.article,
        m.span.line,
        m.span.column,
        m.span.start,
        m.span.end,
        m.text,
        m.sentence.text,
        d.detail,
      ]);
  return rows;
}

export const KEYNESS_HEADER: readonly string[] = [
  'scope',
  'target',
  'reference',
  'rank',
  'term',
  'count_target',
  'count_reference',
  'per_1000_target',
  'per_1000_reference',
  'g2',
  'log_ratio',
  'p_value',
  'p_adjusted_bh',
];

/** A p-value to 4 significant digits: rounding to 4 decimals would make most of them 0. */
const pCell = (p: number) => p.toPrecision(4);

export function keynessTable(comparison: Comparison): Table {
  return { header: [...KEYNESS_HEADER], rows: comparison.keyness.map(keynessRow) };
}

export function keynessRow(k: KeyTerm): Row {
  return [
    k.scope,
    k.target,
    k.reference,
    k.rank,
    k.term,
    k.countTarget,
    k.countReference,
    num((1000 * k.countTarget) / k.totalTarget),
    num((1000 * k.countReference) / k.totalReference),
    num(k.g2),
    num(k.logRatio),
    pCell(k.pValue),
    pCell(k.pAdjusted),
  ];
}

export const CHOICES_HEADER: readonly string[] = ['group', 'set', 'article', 'term', 'count'];

export function choicesTable(comparison: Comparison): Table {
  return { header: [...CHOICES_HEADER], rows: comparison.choices.map(choiceRow) };
}

export function choiceRow(c: ChoiceRow): Row {
  return [c.group, c.set, c.article, c.term, c.count];
}

/** Each discrepancy with every value and the sentence it came from, as Markdown list lines. */
function discrepancyLines(discrepancies: Comparison['discrepancies']): string[] {
  if (discrepancies.length === 0) return ['No discrepancy found.'];
  const out: string[] = [];
  for (const d of discrepancies) {
    out.push(
      `- **${d.class}** (${d.field}, ${escapeMarkdownText(d.subject)}): ${escapeMarkdownText(d.detail)}`,
    );
    // A long row lists its first values; discrepancies.csv has every mention.
    for (const v of d.values.slice(0, LISTED_VALUES))
      for (const m of v.mentions)
        out.push(
          `  - ${escapeMarkdownText(m.article)} ${place(m.span)} "${escapeMarkdownText(m.text)}": ${escapeMarkdownText(m.sentence.text)}`,
        );
    if (d.values.length > LISTED_VALUES)
      out.push(`  - ... ${d.values.length - LISTED_VALUES} more values: see discrepancies.csv`);
  }
  return out;
}

/** The "facts that disagree" section of `report.md`: every group's discrepancies. */
export function discrepancySection(comparison: Pick<Comparison, 'discrepancies'>): string {
  const groups = [...new Set(comparison.discrepancies.map((d) => d.group))];
  if (groups.length === 0) return 'No discrepancy found between articles of the same group.';
  const out: string[] = [];
  const byGroup = groupBy(comparison.discrepancies, (d) => d.group);
  for (const g of groups) {
    out.push(`Group ${escapeMarkdownText(g)}:`, '', ...discrepancyLines(byGroup.get(g) ?? []), '');
  }
  return out.join('\n').trimEnd();
}

/** Items by key, in their original order. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export interface ComparisonMarkdownOptions {
  /** Article figures to show side by side (e.g. framing indexes, citation shares). */
  readonly figureColumns?: readonly string[];
  /** Metadata columns to show (default: outlet when present). */
  readonly metadataColumns?: readonly string[];
  /** Key terms listed per article. */
  readonly keyTerms?: number;
  /** Significant digits of the numbers shown (`--digits`). */
  readonly digits?: number;
}

/**
 * What comparison.md is written from: the comparison's corpus-wide parts, each article's id and
 * head (read one at a time), and the findings of each group in the grouping's order, which a
 * long run computes as they are read (see compareStore).
 */
export interface ComparisonView {
  readonly grouping: Grouping;
  readonly reuse: ReuseResult;
  id(i: number): string;
  head(i: number): ArticleHead;
  /** Whether any article has an outlet (comparison.md then shows that column). */
  readonly hasOutlet: boolean;
  /** One entry per group of the grouping, in its order. */
  readonly groups: Iterable<GroupComparison>;
  readonly outletKeyness: readonly KeyTerm[];
  /** The figures per value of `--by` that comparison.md opens with, or null: no `--by` column. */
  readonly groupFigures?: { readonly by: string; readonly groups: readonly GroupFigures[] } | null;
}

export function comparisonMarkdown(comparison: Comparison, options: ComparisonMarkdownOptions = {}): string {
  return `${[...trimmedEnd(comparisonMarkdownParts(comparisonView(comparison), options))].join('\n')}\n`;
}

/**
 * A materialised comparison as a view: each group's findings are looked up by its id, as
 * comparison.md always did (groups that share an id share their findings).
 */
export function comparisonView(comparison: Comparison): ComparisonView {
  const { summaries, grouping } = comparison;
  return {
    grouping,
    reuse: comparison.reuse,
    id: (i) => (summaries[i] as ArticleHead).id,
    head: (i) => summaries[i] as ArticleHead,
    hasOutlet: summaries.some((s) => s.metadata['outlet']),
    groups: groupsById(grouping, comparison),
    outletKeyness: comparison.keyness.filter((k) => k.scope === 'outlet'),
  };
}

/** Each group of the grouping with the findings that name its id (from whichever group they came). */
export function groupsById(
  grouping: Grouping,
  found: Pick<Comparison, 'discrepancies' | 'choices' | 'keyness'>,
): GroupComparison[] {
  // Indexed once: filtering the corpus-wide lists per group would be quadratic in the corpus.
  const choicesOf = groupBy(found.choices, (c) => c.group);
  const discrepanciesOf = groupBy(found.discrepancies, (d) => d.group);
  const keynessOf = groupBy(
    found.keyness.filter((k) => k.scope === 'article'),
    (k) => k.reference,
  );
  return grouping.groups.map((group) => ({
    group,
    choices: choicesOf.get(group.id) ?? [],
    discrepancies: discrepanciesOf.get(group.id) ?? [],
    keyness: keynessOf.get(group.id) ?? [],
  }));
}

/**
 * The parts of comparison.md, to be joined by '\n' and trimmed at the end (then one line end):
 * one group at a time, each member's row read as it is printed.
 */
export function* comparisonMarkdownParts(
  view: ComparisonView,
  options: ComparisonMarkdownOptions = {},
): Generator<string> {
  const { grouping, reuse } = view;
  const how =
    grouping.method === 'column'
      ? `by the metadata column ${markdownCode(grouping.column ?? '')}`
      : grouping.method === 'all'
        ? 'all articles as one group'
        : `by text clusters (TF-IDF cosine, average link, threshold ${formatNumber(grouping.threshold ?? 0)})`;
  yield '# Comparison';
  yield '';
  yield `Articles are grouped ${how}: ${grouping.groups.length} group(s). Reuse was checked on ${reuse.candidatesChecked} candidate pair(s)` +
    (reuse.duplicates > 0
      ? `, between distinct texts; ${reuse.duplicates} article(s) are exact duplicates of an earlier one.`
      : '.');
  yield '';
  // The column the figures are grouped by (`--by`, default outlet) names each article's source.
  const by = view.groupFigures?.by;
  const metadataColumns = options.metadataColumns ?? (by ? [by] : view.hasOutlet ? ['outlet'] : []);
  const figureColumns = options.figureColumns ?? [];
  const keyTerms = options.keyTerms ?? 8;
  const digits = options.digits ?? DEFAULT_DIGITS;
  const shown = (x: number) => displayNumber(x, digits);
  if (view.groupFigures && view.groupFigures.groups.length > 0)
    yield* groupMeansParts(view.groupFigures.by, view.groupFigures.groups, figureColumns, digits);
  /** Groups of one article: listed at the end, with nothing to compare within them. */
  const alone: { group: string; member: number }[] = [];
  const groupOfArticle = new Map<string, string>();
  for (const g of grouping.groups) for (const m of g.members) groupOfArticle.set(view.id(m), g.id);
  const pairsOf = groupBy(
    reuse.pairs.filter((p) => groupOfArticle.get(p.a) === groupOfArticle.get(p.b)),
    (p) => groupOfArticle.get(p.a) ?? '',
  );
  groupOfArticle.clear();
  for (const { group, choices, discrepancies, keyness } of view.groups) {
    const count = group.members.length;
    if (count === 1) {
      alone.push({ group: group.id, member: group.members[0] as number });
      continue;
    }
    const ids = new Set(group.members.map((m) => view.id(m)));
    yield `## Group ${escapeMarkdownText(group.id)} (${count} article${count === 1 ? '' : 's'})`;
    yield '';
    if (group.cohesion !== null) {
      yield `Mean pairwise cosine: ${shown(group.cohesion)}.`;
      yield '';
    }
    const sets = [...new Set(choices.map((c) => c.set))].sort();
    const choiceOf = groupBy(choices, (c) => `${c.article}\u0000${c.set}`);
    const header = ['article', ...metadataColumns, 'words', ...figureColumns, ...sets];
    const rows = (function* () {
      for (const m of group.members) {
        const s = view.head(m);
        yield [
          s.id,
          ...metadataColumns.map((c) => metadataValueOf(s.metadata, c) ?? ''),
          s.wordCount,
          ...figureColumns.map((f) => s.figures[f] ?? null),
          ...sets.map((set) =>
            (choiceOf.get(`${s.id}\u0000${set}`) ?? []).map((c) => `${c.term} (${c.count})`).join(', '),
          ),
        ];
      }
    })();
    const numeric = new Set<number>([
      1 + metadataColumns.length,
      ...figureColumns.map((_, i) => 2 + metadataColumns.length + i),
    ]);
    yield* markdownTableLines(header, rows, numeric, digits);
    yield '';

    const inGroup = (pairsOf.get(group.id) ?? []).filter((p) => ids.has(p.a) && ids.has(p.b));
    const pairs = inGroup.filter((p) => p.kind !== 'duplicate');
    // One line per text with copies: identical texts have no passages worth printing.
    const copiesOf = groupBy(
      inGroup.filter((p) => p.kind === 'duplicate'),
      (p) => p.a,
    );
    yield '### Reuse';
    yield '';
    if (pairs.length === 0 && copiesOf.size === 0) {
      yield 'No pair of articles in this group is a copy or a rewrite of the other.';
      yield '';
    }
    for (const [original, copies] of [...copiesOf.entries()].sort((x, y) => compareText(x[0], y[0]))) {
      yield `**${escapeMarkdownText(original)}: identical text** in ${copies.length} other article${copies.length === 1 ? '' : 's'}: ${copies
        .map((p) => escapeMarkdownText(p.b))
        .sort(compareText)
        .join(', ')}.`;
      yield '';
    }
    for (const p of pairs) {
      yield `**${escapeMarkdownText(p.a)} and ${escapeMarkdownText(p.b)}: ${p.kind}** (similarity ${shown(p.similarity)}; ` +
        `aligned sentences hold ${displayPercent(p.sharedShareA)} of ${escapeMarkdownText(p.a)} and ${displayPercent(p.sharedShareB)} of ${escapeMarkdownText(p.b)}; ` +
        `5-word shingle Jaccard ${shown(p.shingleJaccard)}).`;
      yield '';
      yield markdownTable(
        [`${p.a} (line:col)`, `${p.a} text`, `${p.b} (line:col)`, `${p.b} text`, 'sentences', 'similarity'],
        p.passages.map((x) => [place(x.a), x.a.text, place(x.b), x.b.text, x.sentences, x.similarity]),
        new Set([4, 5]),
        digits,
      );
      yield '';
      if (p.framingDifferences.length > 0) {
        yield markdownTable(
          ['framing entry', 'category', p.a, p.b, 'example'],
          p.framingDifferences.map((d) => [d.entry, d.category, d.countA, d.countB, d.example]),
          new Set([2, 3]),
          digits,
        );
        yield '';
      }
      if (p.sourceDifferences.length > 0) {
        yield markdownTable(
          ['source', 'type', p.a, p.b],
          p.sourceDifferences.map((d) => [d.source, d.sourceType, d.countA, d.countB]),
          new Set([2, 3]),
          digits,
        );
        yield '';
      }
    }

    yield '### Facts that disagree';
    yield '';
    yield* discrepancyLines(discrepancies);
    yield '';

    const key = keyness.filter((k) => ids.has(k.target));
    yield '### Distinctive words';
    yield '';
    yield KEYNESS_RULE;
    yield '';
    if (key.length === 0) {
      yield 'No word passes it in this group.';
      yield '';
    } else {
      const keyOf = groupBy(
        key.filter((k) => k.rank <= keyTerms),
        (k) => k.target,
      );
      yield* markdownTableLines(
        ['article', KEY_TERMS_COLUMN],
        group.members.map((m) => {
          const id = view.id(m);
          return [id, (keyOf.get(id) ?? []).map((k) => keyTermText(k, digits)).join('; ')];
        }),
      );
      yield '';
    }
  }
  const outlets = view.outletKeyness;
  if (outlets.length > 0) {
    yield '## Distinctive words per outlet (against the rest of the corpus)';
    yield '';
    yield KEYNESS_RULE.replace(
      'an article uses more than the rest of its group',
      'an outlet uses more than the rest of the corpus',
    ).replace('in the article', 'in the outlet');
    yield '';
    const names = [...new Set(outlets.map((k) => k.target))].sort();
    yield markdownTable(
      ['outlet', KEY_TERMS_COLUMN],
      names.map((o) => [
        o,
        outlets
          .filter((k) => k.target === o && k.rank <= keyTerms)
          .map((k) => keyTermText(k, digits))
          .join('; '),
      ]),
    );
    yield '';
  }
  if (alone.length > 0) yield* aloneParts(view, alone, metadataColumns);
}

/** What a distinctive word is, said above each list of them. */
const KEYNESS_RULE = `Words an article uses more than the rest of its group: at least ${DEFAULT_KEYNESS.minCount} times in the article, with a log-likelihood G2 whose p-value, adjusted over every word tested (Benjamini-Hochberg), is below ${DEFAULT_KEYNESS.alpha}.`;

/** How a key term is shown; the column says what its numbers are. */
const KEY_TERMS_COLUMN = 'key terms (count, G2, Benjamini-Hochberg adjusted p)';

function keyTermText(k: KeyTerm, digits: number): string {
  return `${k.term} (${k.countTarget}, ${displayNumber(k.g2, digits)}, ${displayNumber(k.pAdjusted, digits)})`;
}

/** The tables comparison.md opens with: the mean of each side-by-side figure per value of `--by`. */
function* groupMeansParts(
  by: string,
  groups: readonly GroupFigures[],
  figures: readonly string[],
  digits: number,
): Generator<string> {
  yield `## Per ${escapeMarkdownText(by)}`;
  yield '';
  yield `The mean over the articles of each ${escapeMarkdownText(by)}, with its bootstrap 95% interval in brackets where it has several articles; "(n = k)": only k of its articles have a value (a share needs an attribution). \`groups_long.csv\` holds every statistic, \`groups.csv\` every figure.`;
  yield '';
  for (const section of groupMeansSections(figures)) {
    const table = groupMeansTable(groups, by, section.figures, digits);
    yield `### ${section.title}`;
    yield '';
    yield* markdownTableLines(table.header, table.rows, new Set([...table.header.keys()].slice(1)), digits);
    yield '';
  }
}

/** The groups of one article each: listed, since nothing within them is compared. */
function* aloneParts(
  view: ComparisonView,
  alone: readonly { group: string; member: number }[],
  metadataColumns: readonly string[],
): Generator<string> {
  yield `## Articles alone in their group (${alone.length})`;
  yield '';
  yield 'These groups have one article each, so nothing is compared within them; their figures are in `articles.csv`.';
  yield '';
  yield* markdownTableLines(
    ['group', 'article', ...metadataColumns, 'words'],
    alone.map(({ group, member }) => {
      const s = view.head(member);
      return [group, s.id, ...metadataColumns.map((c) => metadataValueOf(s.metadata, c) ?? ''), s.wordCount];
    }),
    new Set([2 + metadataColumns.length]),
  );
  yield '';
}
