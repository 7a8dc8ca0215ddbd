import { closest, lexiconIssue } from '../lexicon/issues.ts';
import type { Pack } from '../lexicon/types.ts';
import type { Issue, MetricDefinition, Voice } from '../types.ts';

/**
 * The composite indexes: one registry, read by the figures of each article (framing.ts), the
 * tables of report.md and comparison.md, the LaTeX tables, the methods section and the manifest.
 * Which categories feed an index is said by the packs (their `indexes` field, see
 * docs/lexicon-format.md), not by the categories' names; a new index is one entry here and one
 * line in the packs whose categories feed it (docs/architecture.md shows the diff). Entries are
 * only ever appended: their order is the order of the columns of articles.csv.
 */
export interface IndexDefinition {
  /** The figure's name, a column of articles.csv. */
  readonly name: string;
  /**
   * The id packs name in their `indexes` field. Several indexes may read one declaration
   * (`index_state_media` and `index_state_media_authorial` both read `state-media`).
   */
  readonly id: string;
  readonly description: string;
  /**
   * What a hit counts in each voice: 1 for the author's own words; a fraction for the words an
   * outlet chooses to carry in quotations and reported speech; 0 to leave a voice out.
   */
  readonly voices: VoiceWeights;
  /** What a hit adds (times its voice's weight): its entry's weight, or 1. */
  readonly weighting: 'weight' | 'count';
  /**
   * `rate`: the hits of the categories declared for `id`, per 1,000 scored words (null without
   * scored words). `share`: the hits of part `of` over those of `of` and `against` together (null
   * when both are 0); a category declared for both parts counts in `of`.
   */
  readonly combine:
    | { readonly kind: 'rate' }
    | { readonly kind: 'share'; readonly of: string; readonly against: string };
  /**
   * The definition's version, raised whenever what the figure measures changes; `changes` says
   * what each later version changed. The manifest and the methods section print both, so that two
   * runs can be told apart when a column kept its name (docs/outputs.md).
   */
  readonly version: number;
  readonly changes: readonly string[];
  /**
   * Shown in the side-by-side tables of comparison.md and tables/comparison.tex, which must fit a
   * page; every index is a column of articles.csv and of report.md's framing table.
   */
  readonly sideBySide: boolean;
}

/** How much a hit counts in each voice. */
export type VoiceWeights = Readonly<Record<Voice, number>>;

/** The author's own voice only: hits in quotations and reported speech count nothing. */
export const OWN_VOICE: VoiceWeights = Object.freeze({ authorial: 1, quoted: 0, attributed: 0 });

/**
 * The author's own voice, and at half weight the words the outlet chooses to carry in quotations
 * and reported speech. State outlets carry officials' formulae far more than others do (covid-
 * origins: leave-one-set-out ROC-AUC 0.746 own voice only, 0.824 with carried words at ½, 0.823
 * at 1; docs/validity.md). The ½ was set beforehand, not fitted.
 */
export const CARRIED_AT_HALF: VoiceWeights = Object.freeze({ authorial: 1, quoted: 0.5, attributed: 0.5 });

/** The state-media index of one register: the categories a pack declares for `state-media-<register>`. */
function registerIndex(register: string, who: string): IndexDefinition {
  return {
    name: `index_state_media_${register}`,
    id: `state-media-${register}`,
    description: `The state-media register of ${who} alone, counted as index_state_media counts it: the categories the packs declare for state-media-${register}.`,
    voices: CARRIED_AT_HALF,
    weighting: 'weight',
    combine: { kind: 'rate' },
    version: 1,
    changes: [],
    sideBySide: false,
  };
}

export const INDEXES: readonly IndexDefinition[] = [
  {
    name: 'index_state_media',
    id: 'state-media',
    description:
      'State-media register: weighted hits of the state-media categories in the authorial voice, and at half weight those the outlet carries in quotations and reported speech.',
    voices: CARRIED_AT_HALF,
    weighting: 'weight',
    combine: { kind: 'rate' },
    version: 2,
    sideBySide: true,
    changes: [
      'v2 (issue 14): hits in quotations and attributions count ½ (in version 1 they counted 0); version 1 is index_state_media_authorial',
    ],
  },
  {
    name: 'index_evaluative_intensity',
    id: 'evaluative-intensity',
    description:
      'Evaluative and intensifying wording in the authorial voice, each hit counted at its entry weight.',
    voices: OWN_VOICE,
    weighting: 'weight',
    combine: { kind: 'rate' },
    version: 2,
    sideBySide: true,
    changes: [
      "v2 (issue 14): each hit counts its entry's weight (the VADER-derived entries ¼); in version 1 every hit counted 1",
    ],
  },
  {
    name: 'index_hedging',
    id: 'hedging',
    description:
      'Share of hedges among the hedges and boosters of the authorial voice (1 = all hedging, 0 = all boosting).',
    voices: OWN_VOICE,
    weighting: 'count',
    combine: { kind: 'share', of: 'hedges', against: 'boosters' },
    version: 1,
    changes: [],
    sideBySide: true,
  },
  {
    name: 'index_state_media_authorial',
    id: 'state-media',
    description:
      "State-media register in the outlet's own words only: weighted hits of the state-media categories outside quotations and attributions (index_state_media version 1).",
    voices: OWN_VOICE,
    weighting: 'weight',
    combine: { kind: 'rate' },
    version: 1,
    changes: [],
    sideBySide: true,
  },
  registerIndex('prc', 'PRC state media'),
  registerIndex('ru', 'Russian state media'),
  registerIndex('ir', 'Iranian state media'),
];

const HALF = 0.5;
const VOICE_ORDER: readonly Voice[] = ['authorial', 'quoted', 'attributed'];

/** `1` -> '', `0.5` -> '½ × ', `0.25` -> '0.25 × '. */
const times = (w: number) => (w === 1 ? '' : w === HALF ? '½ × ' : `${w} × `);

/** The hits an index counts, in words: 'authorial hits', '(authorial hits + ½ × quoted hits + ...)'. */
function countedHits(voices: VoiceWeights): string {
  const counted = VOICE_ORDER.filter((v) => voices[v] > 0);
  if (counted.length === VOICE_ORDER.length && counted.every((v) => voices[v] === 1))
    return 'hits in any voice';
  const terms = counted.map((v) => `${times(voices[v])}${v} hits`);
  return terms.length === 1 ? (terms[0] as string) : `(${terms.join(' + ')})`;
}

/** The formula of an index as the methods section prints it, written from its declaration. */
export function formulaOf(index: IndexDefinition): string {
  const hits = countedHits(index.voices);
  const of = (key: string) =>
    `${index.weighting === 'weight' ? `Σ weight × ${hits}` : hits} of the categories declared for ${key}`;
  if (index.combine.kind === 'rate')
    return `${of(index.id)} / scored words × 1000; empty without scored words`;
  const a = of(`${index.id}.${index.combine.of}`);
  const b = of(`${index.id}.${index.combine.against}`);
  return `A / (A + B), A = ${a}, B = ${b}; empty when both are 0`;
}

/** The definitions of the indexes, for the methods section: the formula written from the declaration, and the version. */
export const INDEX_METRICS: readonly MetricDefinition[] = INDEXES.map((index) => ({
  name: index.name,
  description: `${index.description}${index.version > 1 ? ` Definition version ${index.version}; changes: ${index.changes.join('; ')}.` : ''}`,
  formula: formulaOf(index),
}));

/** The keys a pack may declare categories for: `id` of a rate index, `id.part` of a share. */
function declarableKeys(index: IndexDefinition): string[] {
  return index.combine.kind === 'rate'
    ? [index.id]
    : [`${index.id}.${index.combine.of}`, `${index.id}.${index.combine.against}`];
}

/** Per declarable key, the indexes that read it. */
const KEYS = new Map<string, number[]>();
INDEXES.forEach((index, n) => {
  for (const key of declarableKeys(index)) KEYS.set(key, [...(KEYS.get(key) ?? []), n]);
});

/** Where a category's hits go: for each index it feeds, its number and part (0: `of` or the rate, 1: `against`). */
export type IndexParts = readonly (readonly [index: number, part: 0 | 1])[];

/** The index parts a category of a pack feeds, from the pack's `indexes` field. */
export function indexPartsOf(pack: Pack, category: string): IndexParts {
  const parts = new Map<number, 0 | 1>();
  for (const [key, categories] of Object.entries(pack.indexes ?? {})) {
    const readers = KEYS.get(key);
    if (readers === undefined) continue;
    if (!categories.some((c) => category === c.text || category.startsWith(`${c.text}.`))) continue;
    for (const index of readers) {
      const definition = INDEXES[index] as IndexDefinition;
      const part =
        definition.combine.kind === 'share' && key.endsWith(`.${definition.combine.against}`) ? 1 : 0;
      // Declared for both parts of a share, a category counts in its first.
      parts.set(index, Math.min(part, parts.get(index) ?? 1) as 0 | 1);
    }
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

/** What one hit adds to an index: its voice's weight, times its entry's weight when the index weighs hits. */
export function hitValue(
  index: IndexDefinition,
  hit: { readonly voice: Voice; readonly weight: number },
): number {
  const inVoice = index.voices[hit.voice];
  return index.weighting === 'weight' ? inVoice * hit.weight : inVoice;
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
