import type { Attribution, Document, MetricDefinition, Quotation, SourceType } from '../types.ts';

/**
 * Citation figures of one article from its attributions and quotations: how much it cites, in
 * which form, whom, and how openly it labels state media. Shares are fractions in [0, 1] and are
 * null when their denominator is 0. "Reported attributions" are the kinds that report speech or
 * cite a source in the running text: direct, indirect, mixed, according-to and parenthetical;
 * reference-list entries and links are counted apart.
 */

export const SOURCE_TYPES: readonly SourceType[] = [
  'state-media',
  'official',
  'expert',
  'business',
  'civil-society',
  'public-figure',
  'citizen',
  'social-media',
  'wire',
  'news-outlet',
  'document',
  'vague',
  'other',
  'unknown',
];

const REPORTED = new Set<Attribution['kind']>([
  'direct',
  'indirect',
  'mixed',
  'according-to',
  'parenthetical',
]);

const typeKey = (t: SourceType) => `share_source_${t.replace(/-/g, '_')}`;

export const CITATION_METRICS: readonly MetricDefinition[] = [
  {
    name: 'n_attributions',
    description: 'Reported attributions: direct, indirect, mixed, according-to and parenthetical.',
    formula: 'count of attributions whose kind is direct, indirect, mixed, according-to or parenthetical',
  },
  {
    name: 'share_direct',
    description:
      'Share of reported attributions that quote the source verbatim (content inside quotation marks).',
    formula: 'direct / n_attributions',
  },
  {
    name: 'share_indirect',
    description: 'Share of reported attributions that paraphrase, with or without a partial quotation.',
    formula: '(indirect + mixed + according-to) / n_attributions',
  },
  {
    name: 'share_quoted_text',
    description: 'Share of the scored text that lies inside quotation marks (outermost quotations).',
    formula: 'characters inside outermost quotation marks in scored text / characters of scored tokens',
  },
  {
    name: 'n_named_sources',
    description: 'Distinct speakers the reported attributions resolve to (by name or by a resolved pronoun).',
    formula: 'count of distinct speaker names with resolution named or pronoun',
  },
  ...SOURCE_TYPES.map((t) => ({
    name: typeKey(t),
    description: `Share of reported attributions whose source type is ${t}.`,
    formula: `attributions with source type ${t} / n_attributions`,
  })),
  {
    name: 'share_vague',
    description: 'Share of reported attributions to an unnamed, vague source ("analysts", "most scholars").',
    formula: 'attributions with resolution vague and source type vague / n_attributions',
  },
  {
    name: 'share_state_media',
    description: 'Share of reported attributions to state media (Xinhua, TASS, RT, ...).',
    formula: 'attributions with source type state-media / n_attributions',
  },
  {
    name: 'state_media_disclosure_rate',
    description:
      'Share of state-media attributions where the text labels the outlet as state media (there or at an earlier mention).',
    formula: 'state-media attributions with stateLabelDisclosed / state-media attributions (null when none)',
  },
  {
    name: 'n_parenthetical',
    description: 'Parenthetical references such as "(Agency, 2026)".',
    formula: 'count of attributions of kind parenthetical',
  },
  {
    name: 'n_reference_entries',
    description: 'Entries of a references or sources list at the end of the article.',
    formula: 'count of attributions of kind reference',
  },
  {
    name: 'n_links',
    description: 'Links (URLs) in the article text outside page furniture.',
    formula: 'count of attributions of kind link',
  },
  {
    name: 'share_loaded_cue',
    description:
      'Share of cue-led attributions whose cue is a loaded verb (claimed, admitted, insisted, ...).',
    formula: 'attributions with a cue from report-verb.loaded / attributions with a cue',
  },
];

const share = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function citationFigures(
  doc: Document,
  attributions: readonly Attribution[],
  quotations: readonly Quotation[],
): Record<string, number | null> {
  const reported = attributions.filter((a) => REPORTED.has(a.kind));
  const n = reported.length;
  const count = (pred: (a: Attribution) => boolean) => reported.filter(pred).length;
  const figures: Record<string, number | null> = {
    n_attributions: n,
    share_direct: share(
      count((a) => a.kind === 'direct'),
      n,
    ),
    share_indirect: share(
      count((a) => a.kind === 'indirect' || a.kind === 'mixed' || a.kind === 'according-to'),
      n,
    ),
    share_quoted_text: quotedTextShare(doc, quotations),
    n_named_sources: new Set(
      reported
        .filter((a) => a.speaker && (a.resolution === 'named' || a.resolution === 'pronoun'))
        .map((a) => a.speaker),
    ).size,
  };
  for (const t of SOURCE_TYPES)
    figures[typeKey(t)] = share(
      count((a) => a.sourceType === t),
      n,
    );
  const stateMedia = reported.filter((a) => a.sourceType === 'state-media');
  figures.share_vague = share(
    count((a) => a.resolution === 'vague' && a.sourceType === 'vague'),
    n,
  );
  figures.share_state_media = share(stateMedia.length, n);
  figures.state_media_disclosure_rate = share(
    stateMedia.filter((a) => a.stateLabelDisclosed === true).length,
    stateMedia.length,
  );
  figures.n_parenthetical = attributions.filter((a) => a.kind === 'parenthetical').length;
  figures.n_reference_entries = attributions.filter((a) => a.kind === 'reference').length;
  figures.n_links = attributions.filter((a) => a.kind === 'link').length;
  const cued = attributions.filter((a) => a.cue !== null);
  figures.share_loaded_cue = share(cued.filter((a) => a.cue?.loaded).length, cued.length);
  return figures;
}

/**
 * Characters inside outermost quotation marks, over characters of scored tokens; both counted on
 * scored tokens only so that furniture never enters either side.
 */
function quotedTextShare(doc: Document, quotations: readonly Quotation[]): number | null {
  const t = doc.tokens;
  const outer = quotations.filter((q) => q.depth === 0);
  let total = 0;
  let inside = 0;
  let q = 0;
  for (let i = 0; i < t.count; i++) {
    if (!t.scored[i]) continue;
    const s = t.start[i] as number;
    const len = (t.end[i] as number) - s;
    total += len;
    while (q < outer.length && (outer[q] as Quotation).content.end <= s) q++;
    const quote = outer[q];
    if (quote && quote.content.start <= s && s < quote.content.end) inside += len;
  }
  return share(inside, total);
}
