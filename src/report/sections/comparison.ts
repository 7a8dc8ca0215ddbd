import type { Comparison } from '../../compare/index.ts';
import type { ArticleSummary } from '../../compare/summary.ts';
import { compareText } from '../../order.ts';
import { formatNumber } from '../format.ts';
import { escapeMarkdownText, markdownTable } from '../markdown.ts';

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

export function reuseTable(comparison: Comparison): Table {
  const header = [
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
  ];
  const rows = comparison.reuse.pairs.map((p) => [
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
  ]);
  return { header, rows };
}

/** One row per mention: every value of every discrepancy, with the sentence it came from. */
export function discrepancyTable(comparison: Comparison): Table {
  const header = [
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
  const rows: Row[] = [];
  comparison.discrepancies.forEach((d, k) => {
    for (const v of d.values)
      for (const m of v.mentions)
        rows.push([
          d.group,
          k + 1,
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
  });
  return { header, rows };
}

export function keynessTable(comparison: Comparison): Table {
  const header = [
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
  ];
  const rows = comparison.keyness.map((k) => [
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
  ]);
  return { header, rows };
}

export function choicesTable(comparison: Comparison): Table {
  return {
    header: ['group', 'set', 'article', 'term', 'count'],
    rows: comparison.choices.map((c) => [c.group, c.set, c.article, c.term, c.count]),
  };
}

/** Each discrepancy with every value and the sentence it came from, as Markdown list lines. */
function discrepancyLines(discrepancies: Comparison['discrepancies']): string[] {
  if (discrepancies.length === 0) return ['No discrepancy found.'];
  const out: string[] = [];
  for (const d of discrepancies) {
    out.push(
      `- **${d.class}** (${d.field}, ${escapeMarkdownText(d.subject)}): ${escapeMarkdownText(d.detail)}`,
    );
    for (const v of d.values)
      for (const m of v.mentions)
        out.push(
          `  - ${escapeMarkdownText(m.article)} ${place(m.span)} "${escapeMarkdownText(m.text)}": ${escapeMarkdownText(m.sentence.text)}`,
        );
  }
  return out;
}

/** The "facts that disagree" section of `report.md`: every group's discrepancies. */
export function discrepancySection(comparison: Comparison): string {
  const groups = [...new Set(comparison.discrepancies.map((d) => d.group))];
  if (groups.length === 0) return 'No discrepancy found between articles of the same group.';
  const out: string[] = [];
  const byGroup = groupBy(comparison.discrepancies, (d) => d.group);
  for (const g of groups) {
    out.push(`Group \`${g}\`:`, '', ...discrepancyLines(byGroup.get(g) ?? []), '');
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
}

export function comparisonMarkdown(comparison: Comparison, options: ComparisonMarkdownOptions = {}): string {
  const { summaries, grouping } = comparison;
  const out: string[] = ['# Comparison', ''];
  const how =
    grouping.method === 'column'
      ? `by the metadata column \`${grouping.column}\``
      : grouping.method === 'all'
        ? 'all articles as one group'
        : `by text clusters (TF-IDF cosine, average link, threshold ${formatNumber(grouping.threshold ?? 0)})`;
  out.push(
    `Articles are grouped ${how}: ${grouping.groups.length} group(s). Reuse was checked on ${comparison.reuse.candidatesChecked} candidate pair(s)` +
      (comparison.reuse.duplicates > 0
        ? `, between distinct texts; ${comparison.reuse.duplicates} article(s) are exact duplicates of an earlier one.`
        : '.'),
    '',
  );
  const metadataColumns =
    options.metadataColumns ?? (summaries.some((s) => s.metadata['outlet']) ? ['outlet'] : []);
  const figureColumns = options.figureColumns ?? [];
  const keyTerms = options.keyTerms ?? 8;
  // Indexed once: filtering the corpus-wide lists per group would be quadratic in the corpus.
  const choicesOf = groupBy(comparison.choices, (c) => c.group);
  const discrepanciesOf = groupBy(comparison.discrepancies, (d) => d.group);
  const keynessOf = groupBy(
    comparison.keyness.filter((k) => k.scope === 'article'),
    (k) => k.reference,
  );
  const groupOfArticle = new Map<string, string>();
  for (const g of grouping.groups)
    for (const m of g.members) groupOfArticle.set((summaries[m] as ArticleSummary).id, g.id);
  const pairsOf = groupBy(
    comparison.reuse.pairs.filter((p) => groupOfArticle.get(p.a) === groupOfArticle.get(p.b)),
    (p) => groupOfArticle.get(p.a) ?? '',
  );
  for (const group of grouping.groups) {
    const members = group.members.map((m) => summaries[m] as ArticleSummary);
    const ids = new Set(members.map((s) => s.id));
    out.push(
      `## Group ${escapeMarkdownText(group.id)} (${members.length} article${members.length === 1 ? '' : 's'})`,
      '',
    );
    if (group.cohesion !== null) out.push(`Mean pairwise cosine: ${formatNumber(group.cohesion)}.`, '');
    const choices = choicesOf.get(group.id) ?? [];
    const sets = [...new Set(choices.map((c) => c.set))].sort();
    const choiceOf = groupBy(choices, (c) => `${c.article}\u0000${c.set}`);
    const header = ['article', ...metadataColumns, 'words', ...figureColumns, ...sets];
    const rows = members.map((s) => [
      s.id,
      ...metadataColumns.map((c) => s.metadata[c] ?? ''),
      s.wordCount,
      ...figureColumns.map((f) => s.figures[f] ?? null),
      ...sets.map((set) =>
        (choiceOf.get(`${s.id}\u0000${set}`) ?? []).map((c) => `${c.term} (${c.count})`).join(', '),
      ),
    ]);
    const numeric = new Set<number>([
      1 + metadataColumns.length,
      ...figureColumns.map((_, i) => 2 + metadataColumns.length + i),
    ]);
    out.push(markdownTable(header, rows, numeric), '');

    const inGroup = (pairsOf.get(group.id) ?? []).filter((p) => ids.has(p.a) && ids.has(p.b));
    const pairs = inGroup.filter((p) => p.kind !== 'duplicate');
    // One line per text with copies: identical texts have no passages worth printing.
    const copiesOf = groupBy(
      inGroup.filter((p) => p.kind === 'duplicate'),
      (p) => p.a,
    );
    out.push('### Reuse', '');
    if (pairs.length === 0 && copiesOf.size === 0)
      out.push('No pair of articles in this group is a copy or a rewrite of the other.', '');
    for (const [original, copies] of [...copiesOf.entries()].sort((x, y) => compareText(x[0], y[0])))
      out.push(
        `**${escapeMarkdownText(original)}: identical text** in ${copies.length} other article${copies.length === 1 ? '' : 's'}: ${copies
          .map((p) => escapeMarkdownText(p.b))
          .sort(compareText)
          .join(', ')}.`,
        '',
      );
    for (const p of pairs) {
      out.push(
        `**${escapeMarkdownText(p.a)} and ${escapeMarkdownText(p.b)}: ${p.kind}** (similarity ${formatNumber(p.similarity)}; ` +
          `aligned sentences hold ${formatNumber(100 * p.sharedShareA)}% of ${escapeMarkdownText(p.a)} and ${formatNumber(100 * p.sharedShareB)}% of ${escapeMarkdownText(p.b)}; ` +
          `5-word shingle Jaccard ${formatNumber(p.shingleJaccard)}).`,
        '',
      );
      out.push(
        markdownTable(
          [`${p.a} (line:col)`, `${p.a} text`, `${p.b} (line:col)`, `${p.b} text`, 'sentences', 'similarity'],
          p.passages.map((x) => [place(x.a), x.a.text, place(x.b), x.b.text, x.sentences, num(x.similarity)]),
          new Set([4, 5]),
        ),
        '',
      );
      if (p.framingDifferences.length > 0)
        out.push(
          markdownTable(
            ['framing entry', 'category', p.a, p.b, 'example'],
            p.framingDifferences.map((d) => [d.entry, d.category, d.countA, d.countB, d.example]),
            new Set([2, 3]),
          ),
          '',
        );
      if (p.sourceDifferences.length > 0)
        out.push(
          markdownTable(
            ['source', 'type', p.a, p.b],
            p.sourceDifferences.map((d) => [d.source, d.sourceType, d.countA, d.countB]),
            new Set([2, 3]),
          ),
          '',
        );
    }

    out.push('### Facts that disagree', '');
    out.push(...discrepancyLines(discrepanciesOf.get(group.id) ?? []));
    out.push('');

    const key = (keynessOf.get(group.id) ?? []).filter((k) => ids.has(k.target));
    out.push('### Distinctive words', '');
    if (key.length === 0)
      out.push('No word is significantly over-used by one article against the rest of the group.', '');
    else
      out.push(
        markdownTable(
          ['article', 'key terms (count, G2, log ratio)'],
          members.map((s) => [
            s.id,
            key
              .filter((k) => k.target === s.id && k.rank <= keyTerms)
              .map(
                (k) =>
                  `${k.term} (${k.countTarget}, ${formatNumber(num(k.g2))}, ${formatNumber(num(k.logRatio))})`,
              )
              .join('; '),
          ]),
        ),
        '',
      );
  }
  const outlets = comparison.keyness.filter((k) => k.scope === 'outlet');
  if (outlets.length > 0) {
    out.push('## Distinctive words per outlet (against the rest of the corpus)', '');
    const names = [...new Set(outlets.map((k) => k.target))].sort();
    out.push(
      markdownTable(
        ['outlet', 'key terms (count, G2, log ratio)'],
        names.map((o) => [
          o,
          outlets
            .filter((k) => k.target === o && k.rank <= keyTerms)
            .map(
              (k) =>
                `${k.term} (${k.countTarget}, ${formatNumber(num(k.g2))}, ${formatNumber(num(k.logRatio))})`,
            )
            .join('; '),
        ]),
      ),
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
