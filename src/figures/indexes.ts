import { closest, lexiconIssue } from '../lexicon/issues.ts';
import type { Pack } from '../lexicon/types.ts';
import type { Issue, MetricDefinition, Voice } from '../types.ts';

/**
 * The composite indexes: one registry, read by the figures of each article (framing.ts), the
 * tables of report.md and comparison.md, the LaTeX tables and the methods section. Which
 * categories feed an index is said by the packs (their `indexes` field, see
 * docs/lexicon-format.md), not by the categories' names; a new index is one entry here and one
 * line in the packs whose categories feed it (docs/architecture.md shows the diff).
 */
export interface IndexDefinition {
  /** The figure's name, a column of articles.csv. */
  readonly name: string;
  /** The id packs name in their `indexes` field. */
  readonly id: string;
  readonly description: string;
  /** The formula as the methods section prints it. */
  readonly formula: string;
  /** Hits of which voice count: the author's own, or all. */
  readonly voice: Voice | 'all';
  /** What a hit adds: its entry's weight, or 1. */
  readonly weighting: 'weight' | 'count';
  /**
   * `rate`: the hits of the categories declared for `id`, per 1,000 scored words (null without
   * scored words). `share`: the hits of part `of` over those of `of` and `against` together (null
   * when both are 0); a category declared for both parts counts in `of`.
   */
  readonly combine:
    | { readonly kind: 'rate' }
    | { readonly kind: 'share'; readonly of: string; readonly against: string };
}

export const INDEXES: readonly IndexDefinition[] = [
  {
    name: 'index_state_media',
    id: 'state-media',
    description:
      'State-media register in the authorial voice: weighted hits of state-media.* outside quotes and attributions.',
    formula: 'Σ weight(authorial hits of state-media.*) / scored words × 1000',
    voice: 'authorial',
    weighting: 'weight',
    combine: { kind: 'rate' },
  },
  {
    name: 'index_evaluative_intensity',
    id: 'evaluative-intensity',
    description: 'Evaluative and intensifying wording in the authorial voice.',
    formula:
      'authorial hits of evaluative.*, report-verb.loaded and booster/intensifier categories / scored words × 1000',
    voice: 'authorial',
    weighting: 'count',
    combine: { kind: 'rate' },
  },
  {
    name: 'index_hedging',
    id: 'hedging',
    description:
      'Share of hedges among the hedges and boosters of the authorial voice (1 = all hedging, 0 = all boosting).',
    formula: 'authorial hedges / (authorial hedges + authorial boosters); empty when both are 0',
    voice: 'authorial',
    weighting: 'count',
    combine: { kind: 'share', of: 'hedges', against: 'boosters' },
  },
];

/** The definitions of the indexes, for the methods section. */
export const INDEX_METRICS: readonly MetricDefinition[] = INDEXES.map(({ name, description, formula }) => ({
  name,
  description,
  formula,
}));

/** The keys a pack may declare categories for: `id` of a rate index, `id.part` of a share. */
function declarableKeys(index: IndexDefinition): string[] {
  return index.combine.kind === 'rate'
    ? [index.id]
    : [`${index.id}.${index.combine.of}`, `${index.id}.${index.combine.against}`];
}

const KEYS = new Map(INDEXES.flatMap((index, n) => declarableKeys(index).map((key) => [key, n] as const)));

/** Where a category's hits go: for each index it feeds, its number and part (0: `of` or the rate, 1: `against`). */
export type IndexParts = readonly (readonly [index: number, part: 0 | 1])[];

/** The index parts a category of a pack feeds, from the pack's `indexes` field. */
export function indexPartsOf(pack: Pack, category: string): IndexParts {
  const parts = new Map<number, 0 | 1>();
  for (const [key, categories] of Object.entries(pack.indexes ?? {})) {
    const index = KEYS.get(key);
    if (index === undefined) continue;
    if (!categories.some((c) => category === c.text || category.startsWith(`${c.text}.`))) continue;
    const definition = INDEXES[index] as IndexDefinition;
    const part =
      definition.combine.kind === 'share' && key.endsWith(`.${definition.combine.against}`) ? 1 : 0;
    // Declared for both parts of a share, a category counts in its first.
    parts.set(index, Math.min(part, parts.get(index) ?? 1) as 0 | 1);
  }
  return [...parts].sort((a, b) => a[0] - b[0]);
}

/** Problems of the packs' `indexes` fields that only the registry can tell: unknown ids, packs that are not scored. */
export function indexDeclarationIssues(packs: readonly Pack[]): Issue[] {
  const issues: Issue[] = [];
  const known = [...KEYS.keys()];
  for (const pack of packs)
    for (const [key, categories] of Object.entries(pack.indexes ?? {})) {
      const line = categories[0]?.line ?? 1;
      if (!KEYS.has(key)) {
        const guess = closest(key, known);
        issues.push(
          lexiconIssue(
            'error',
            'lexicon/unknown-index',
            pack.file,
            line,
            `index \`${key}\` is not one framescope computes (${known.join(', ')})`,
            guess ? `did you mean \`${guess}\`?` : 'declare categories for one of the indexes listed',
          ),
        );
      } else if (pack.kind !== 'framing')
        issues.push(
          lexiconIssue(
            'warning',
            'lexicon/unscored-index',
            pack.file,
            line,
            `index \`${key}\` is declared in a pack of kind ${pack.kind}, whose hits no index counts`,
            'declare indexes in framing packs only',
          ),
        );
    }
  return issues;
}

/** The index figures of one article from the sums of its hits per index and part. */
export function indexFigures(sums: Float64Array, words: number): Record<string, number | null> {
  const figures: Record<string, number | null> = {};
  INDEXES.forEach((index, n) => {
    const a = sums[2 * n] as number;
    const b = sums[2 * n + 1] as number;
    figures[index.name] =
      index.combine.kind === 'rate'
        ? words > 0
          ? (a / words) * 1000
          : null
        : a + b > 0
          ? a / (a + b)
          : null;
  });
  return figures;
}
