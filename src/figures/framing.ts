import type { CompiledEntry, CompiledLexicon } from '../lexicon/compile.ts';
import type { Document, Match, MetricDefinition, TermChoice } from '../types.ts';
import {
  INDEXES,
  INDEX_METRICS,
  type IndexDefinition,
  type IndexParts,
  hitValue,
  indexFigures,
  indexPartsOf,
} from './indexes.ts';

/**
 * Framing figures of one article from its lexicon matches. Every rate is per 1,000 scored words
 * (`doc.wordCount`) and is null when the article has no scored words. Only `framing` packs count
 * here; `choices` packs are summarised by `termChoices`.
 *
 * Per category C (each top-level category and each full category path of the lexicon):
 *   count_C           hits of C (and of its sub-categories, for a top-level category)
 *   rate_C            count_C / words × 1000
 *   count_authorial_C hits of C in the author's own voice (not quoted, not attributed)
 *   rate_authorial_C  count_authorial_C / words × 1000
 *   weighted_C        Σ weight of the hits of C / words × 1000
 * Composite indexes: the registry of indexes.ts, fed by the categories the packs declare.
 * Negated hits count like others; `matches.csv` keeps the flag for readers who want them apart.
 */

/** `state-media.prc.slogan` -> `state_media_prc_slogan`. */
export function figureKeyOf(category: string): string {
  return category.replace(/[.\-\s]+/g, '_').toLowerCase();
}

/** The categories scored: each top-level category and each full path of the framing entries, sorted. */
export function framingCategories(lexicon: CompiledLexicon): string[] {
  const set = new Set<string>();
  for (const e of lexicon.entries) {
    if (e.kind !== 'framing') continue;
    set.add(e.entry.category);
    set.add(e.entry.category.split('.')[0] as string);
  }
  return [...set].sort();
}

/** Definitions of every framing figure for this lexicon, in the order `framingFigures` gives them. */
export function framingMetrics(lexicon: CompiledLexicon): MetricDefinition[] {
  const out: MetricDefinition[] = [];
  for (const c of framingCategories(lexicon)) {
    const k = figureKeyOf(c);
    const what = c.includes('.') ? `category ${c}` : `category ${c} and its sub-categories`;
    out.push(
      { name: `count_${k}`, description: `Hits of ${what}.`, formula: `number of hits of ${c}` },
      {
        name: `rate_${k}`,
        description: `Hits of ${what} per 1,000 scored words.`,
        formula: `count_${k} / scored words × 1000`,
      },
      {
        name: `count_authorial_${k}`,
        description: `Hits of ${what} in the authorial voice (not quoted, not attributed).`,
        formula: `number of authorial hits of ${c}`,
      },
      {
        name: `rate_authorial_${k}`,
        description: `Authorial hits of ${what} per 1,000 scored words.`,
        formula: `count_authorial_${k} / scored words × 1000`,
      },
      {
        name: `weighted_${k}`,
        description: `Weighted hits of ${what} per 1,000 scored words.`,
        formula: `Σ weight(hits of ${c}) / scored words × 1000`,
      },
    );
  }
  return [...out, ...INDEX_METRICS];
}

/** What a category of a pack contributes to: the slots it counts in and the composite indexes it feeds. */
interface CategoryRole {
  /** Slots in `FramingPlan.categories`: the top-level category, then the full path when it differs. */
  readonly slots: readonly number[];
  readonly indexes: IndexParts;
}

/** Everything about a lexicon that the per-article figures need, worked out once per lexicon. */
interface FramingPlan {
  /** Entries by pack, then by entry id (a later duplicate wins, as a map built in order would). */
  readonly entries: ReadonlyMap<string, ReadonlyMap<string, CompiledEntry>>;
  readonly categories: readonly string[];
  /** Figure names per category, in output order: count, rate, count_authorial, rate_authorial, weighted. */
  readonly names: readonly (readonly [string, string, string, string, string])[];
  /** Roles by pack, then category. */
  readonly roles: Map<string, Map<string, CategoryRole>>;
  /** Choice sets of the choices packs, sorted, each with its terms in pack order. */
  readonly choiceSets: readonly (readonly [string, readonly string[]])[];
}

const plans = new WeakMap<CompiledLexicon, FramingPlan>();

function planOf(lexicon: CompiledLexicon): FramingPlan {
  let plan = plans.get(lexicon);
  if (plan) return plan;
  const entries = new Map<string, Map<string, CompiledEntry>>();
  for (const e of lexicon.entries) {
    let byId = entries.get(e.pack.pack);
    if (!byId) {
      byId = new Map();
      entries.set(e.pack.pack, byId);
    }
    byId.set(e.entry.id, e);
  }
  const categories = framingCategories(lexicon);
  const names = categories.map((c) => {
    const k = figureKeyOf(c);
    return [
      `count_${k}`,
      `rate_${k}`,
      `count_authorial_${k}`,
      `rate_authorial_${k}`,
      `weighted_${k}`,
    ] as const;
  });
  const terms = new Map<string, string[]>();
  for (const e of lexicon.entries) {
    if (e.kind !== 'choices' || !e.entry.choice || !e.entry.term) continue;
    const list = terms.get(e.entry.choice) ?? [];
    if (!list.includes(e.entry.term)) list.push(e.entry.term);
    terms.set(e.entry.choice, list);
  }
  const choiceSets = [...terms.keys()].sort().map((set) => [set, terms.get(set) as string[]] as const);
  plan = { entries, categories, names, roles: new Map(), choiceSets };
  plans.set(lexicon, plan);
  return plan;
}

function roleOf(plan: FramingPlan, entry: CompiledEntry, category: string): CategoryRole {
  let ofPack = plan.roles.get(entry.pack.pack);
  if (ofPack === undefined) {
    ofPack = new Map();
    plan.roles.set(entry.pack.pack, ofPack);
  }
  let role = ofPack.get(category);
  if (role) return role;
  const top = category.split('.')[0] as string;
  const keys = top === category ? [top] : [top, category];
  const slots: number[] = [];
  // A category outside the lexicon's list is counted nowhere, as its figures are never printed.
  for (const k of keys) {
    const slot = plan.categories.indexOf(k);
    if (slot >= 0) slots.push(slot);
  }
  role = { slots, indexes: indexPartsOf(entry.pack, category) };
  ofPack.set(category, role);
  return role;
}

/** The framing figures of one article (see the module comment for every formula). */
export function framingFigures(
  doc: Document,
  matches: readonly Match[],
  lexicon: CompiledLexicon,
): Record<string, number | null> {
  const words = doc.wordCount;
  const per1000 = (x: number): number | null => (words > 0 ? (x / words) * 1000 : null);
  const plan = planOf(lexicon);
  const n = plan.categories.length;
  const count = new Float64Array(n);
  const authorial = new Float64Array(n);
  const weighted = new Float64Array(n);
  /** Per index, the sums of its two parts (a rate has one). */
  const sums = new Float64Array(2 * INDEXES.length);
  for (const m of matches) {
    const entry = plan.entries.get(m.pack)?.get(m.entryId);
    if (entry?.kind !== 'framing') continue;
    const role = roleOf(plan, entry, m.category);
    const own = m.voice === 'authorial';
    for (const k of role.slots) {
      count[k] = (count[k] as number) + 1;
      weighted[k] = (weighted[k] as number) + m.weight;
      if (own) authorial[k] = (authorial[k] as number) + 1;
    }
    for (const [index, part] of role.indexes)
      sums[2 * index + part] =
        (sums[2 * index + part] as number) + hitValue(INDEXES[index] as IndexDefinition, m);
  }
  const figures: Record<string, number | null> = {};
  for (let c = 0; c < n; c++) {
    const [countName, rateName, authorialName, authorialRateName, weightedName] = plan.names[c] as readonly [
      string,
      string,
      string,
      string,
      string,
    ];
    const hits = count[c] as number;
    const own = authorial[c] as number;
    figures[countName] = hits;
    figures[rateName] = per1000(hits);
    figures[authorialName] = own;
    figures[authorialRateName] = per1000(own);
    figures[weightedName] = per1000(weighted[c] as number);
  }
  return Object.assign(figures, indexFigures(sums, words));
}

export type { TermChoice } from '../types.ts';

/** Which term of each choice set (choices packs) an article used, one row per set, sorted by set. */
export function termChoices(matches: readonly Match[], lexicon: CompiledLexicon): TermChoice[] {
  const plan = planOf(lexicon);
  const counts = new Map<string, Record<string, number>>();
  const own = new Map<string, Record<string, number>>();
  for (const [set, list] of plan.choiceSets) {
    counts.set(set, Object.fromEntries(list.map((t) => [t, 0])));
    own.set(set, Object.fromEntries(list.map((t) => [t, 0])));
  }
  for (const m of matches) {
    const e = plan.entries.get(m.pack)?.get(m.entryId);
    if (!e || e.kind !== 'choices' || !e.entry.choice || !e.entry.term) continue;
    const all = counts.get(e.entry.choice) as Record<string, number>;
    all[e.entry.term] = (all[e.entry.term] ?? 0) + 1;
    if (m.voice === 'authorial') {
      const mine = own.get(e.entry.choice) as Record<string, number>;
      mine[e.entry.term] = (mine[e.entry.term] ?? 0) + 1;
    }
  }
  return plan.choiceSets.map(([set]) => {
    const mine = own.get(set) as Record<string, number>;
    const best = Math.max(0, ...Object.values(mine));
    const leaders = Object.keys(mine).filter((t) => mine[t] === best);
    const term = best === 0 ? '' : leaders.length > 1 ? 'mixed' : (leaders[0] as string);
    return { set, term, counts: counts.get(set) as Record<string, number>, authorialCounts: mine };
  });
}
