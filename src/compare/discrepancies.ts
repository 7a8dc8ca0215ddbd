import { createRequire } from 'node:module';
import { firstNameGender } from '../attribution/personCues.ts';
import { givenValue } from '../corpus/metadata.ts';
import { compareText } from '../order.ts';
import { parseGivenDate } from '../text/calendarDate.ts';
import type { Metadata, Span, TextSpan } from '../types.ts';
import { builtinFactWords } from './factWords.ts';
import type { AmountFact, DateFact, EventKindFact, Fact, NameFact } from './facts.ts';
import type { Group } from './grouping.ts';
import type { SummaryStore } from './store.ts';
import type { ArticleSummary } from './summary.ts';

/**
 * Facts that disagree within a group: values that refer to the same thing are lined up (the date
 * of the main event; amounts of the same unit, year and context; spellings of one name; how the
 * exchange with one person is described) and each difference is classified:
 * - `conflict`: the values cannot both be right (Feb 4 vs Feb 6);
 * - `precision`: they agree once the more precise is rounded to the other's last digit;
 * - `spelling-variant`: two spellings of one name (same sound, small edit distance);
 * - `alternative-description`: different words for the same exchange (phone call vs video call).
 */

const require = createRequire(import.meta.url);
const DoubleMetaphone = require('natural/lib/natural/phonetics/double_metaphone.js') as new () => {
  process(word: string): [string, string];
};
const metaphone = new DoubleMetaphone();

export type DiscrepancyClass = 'conflict' | 'precision' | 'spelling-variant' | 'alternative-description';
export type DiscrepancyField = 'event-date' | 'amount' | 'name' | 'event-kind';

export interface DiscrepancyMention {
  readonly article: string;
  /** The value as written. */
  readonly text: string;
  readonly span: Span;
  readonly sentence: TextSpan;
}

export interface DiscrepancyValue {
  /** The value in a normal form: `02-04`, `USD 228105000000`, `putin`, `video-call`. */
  readonly value: string;
  readonly mentions: readonly DiscrepancyMention[];
}

export interface Discrepancy {
  readonly group: string;
  readonly field: DiscrepancyField;
  /** What the values refer to: "date of the main event", "USD trade … in 2025", "Putin". */
  readonly subject: string;
  readonly class: DiscrepancyClass;
  readonly detail: string;
  readonly values: readonly DiscrepancyValue[];
}

/** Amounts line up when their context lemmas overlap at least this much (Jaccard). */
export const AMOUNT_CONTEXT_JACCARD = 0.15;
/**
 * Two different amounts are one quantity reported differently only within this ratio: "$3.50"
 * and "$541 million", or "5%" and "83%", are different quantities whatever their words. On BBC
 * News and BASIL, the pairs read as one fact reported two ways differed by at most 1.2x (one
 * of 25 by 1.5x: two parties' claims about one sum); most pairs beyond 1.25x were two quantities.
 */
export const AMOUNT_MAX_RATIO = 1.25;
/** A discrepancy row of comparison.md lists this many values; discrepancies.csv has them all. */
export const LISTED_VALUES = 6;
/** Approximate amounts ("about 90 minutes") agree with values within this relative distance. */
export const APPROXIMATE_TOLERANCE = 0.1;
/** Name spellings are variants within this Levenshtein distance, and at most this share of the longer. */
export const NAME_MAX_EDITS = 2;
export const NAME_MAX_EDIT_SHARE = 0.4;

interface Located<F extends Fact> {
  readonly article: string;
  readonly fact: F;
}

const mention = ({ article, fact }: Located<Fact>): DiscrepancyMention => ({
  article,
  text: fact.text,
  span: fact.span,
  sentence: fact.sentence,
});

const MONTH_NAMES = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The facts of a group's members, in member order: all that discrepancies read of them, with the
 * day each was published (YYYY-MM-DD, from its date column) where known.
 */
export type MemberFacts = readonly {
  readonly id: string;
  readonly facts: readonly Fact[];
  readonly day?: string | null;
}[];

/** The calendar day a date column gives (`2020-05-14`, `5/14/2020`, `May 14, 2020`), else null. */
export function publicationDay(metadata: Metadata): string | null {
  const given = givenValue(metadata, 'date');
  const date = given ? parseGivenDate(given.value) : null;
  return date ? date.toISOString().slice(0, 10) : null;
}

/**
 * Whether two articles of a group report different moments, by article id: a group found by
 * clustering texts gathers articles of one topic over weeks, so two of its articles published on
 * different days give the figures of different days (yesterday's count of cases, last week's box
 * office). In a group of one event (a metadata column) they report one event whatever the day.
 */
function differentDays(group: Group, members: MemberFacts): (a: string, b: string) => boolean {
  if (group.method === 'column') return () => false;
  const dayOf = new Map(members.map((m) => [m.id, m.day ?? null]));
  return (a, b) => {
    const [da, db] = [dayOf.get(a) ?? null, dayOf.get(b) ?? null];
    return da !== null && db !== null && da !== db;
  };
}

function factsOf<K extends Fact['kind']>(
  members: MemberFacts,
  kind: K,
): Located<Extract<Fact, { kind: K }>>[] {
  const out: Located<Extract<Fact, { kind: K }>>[] = [];
  for (const s of members) {
    for (const f of s.facts)
      if (f.kind === kind) out.push({ article: s.id, fact: f as Extract<Fact, { kind: K }> });
  }
  return out;
}

function eventDates(group: Group, members: MemberFacts): Discrepancy[] {
  const byDay = new Map<string, Located<DateFact>[]>();
  for (const d of factsOf(members, 'date')) {
    if (d.fact.role !== 'event') continue;
    const key = `${String(d.fact.month).padStart(2, '0')}-${String(d.fact.day).padStart(2, '0')}`;
    const list = byDay.get(key);
    if (list) list.push(d);
    else byDay.set(key, [d]);
  }
  if (byDay.size < 2) return [];
  // In a cluster of one topic, articles published on different days report different events.
  const apart = differentDays(group, members);
  const dated = [...byDay.values()].flat();
  if (dated.some((d) => dated.some((e) => apart(d.article, e.article)))) return [];
  const values = [...byDay.entries()]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([value, list]) => ({ value, mentions: list.map(mention) }));
  const words = values.map((v) => {
    const [mm, dd] = v.value.split('-').map(Number) as [number, number];
    return `${MONTH_NAMES[mm]} ${dd} (${v.mentions.map((m) => m.article).join(', ')})`;
  });
  return [
    {
      group: group.id,
      field: 'event-date',
      subject: 'date of the main event',
      class: 'conflict',
      detail: `the articles date the main event differently: ${words.join(' vs ')}`,
      values,
    },
  ];
}

/** The unit of the last written digit, in base units: 0.1 billion for "$228.1 billion". */
function resolution(a: AmountFact): number {
  return a.scale * 10 ** -a.decimals;
}

/** Whether two amounts agree once the more precise is rounded to the coarser one's last digit. */
export function agreeAfterRounding(x: AmountFact, y: AmountFact): boolean {
  if (x.unit !== y.unit) return false;
  if (x.approximate || y.approximate)
    return (
      Math.abs(x.value - y.value) <= APPROXIMATE_TOLERANCE * Math.max(Math.abs(x.value), Math.abs(y.value))
    );
  const unit = Math.max(resolution(x), resolution(y));
  const rx = Math.round(x.value / unit);
  const ry = Math.round(y.value / unit);
  return rx === ry;
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const set = new Set(a);
  let inter = 0;
  for (const x of b) if (set.has(x)) inter++;
  const union = set.size + b.length - inter;
  return union > 0 ? inter / union : 0;
}

function amountKey(a: AmountFact): string {
  return `${a.unit} ${a.value}`;
}

/**
 * Whom an amount is about: its sentence's names, else its article lead's; compared by their first
 * four letters, so that "Russia" and "Russian" are one entity.
 */
const subjectOf = (a: AmountFact): string[] =>
  ((a.entities ?? []).length > 0 ? a.entities : (a.leadEntities ?? [])).map((e) => e.slice(0, 4));

/** Scope words that name the day of a report, not the period an amount belongs to. */
const DAY_SCOPE = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)$/;
/**
 * A sum of money below this is a price or a per-unit value ("$4,272.78 on a cruise", "£99"), which
 * differs from product to product and from day to day; sums of a million and more are the deals,
 * budgets, debts, fines and tax bills that a story reports once.
 */
export const PRICE_BELOW = 1e6;

/** Whether two scope lists are compatible: neither names one, or they name one in common. */
const sameScope = (x: readonly string[], y: readonly string[]) =>
  (x.length === 0 && y.length === 0) || x.some((w) => y.includes(w));

/**
 * A rate (a share, a percentage) or a price moves: two articles giving different rates of one
 * subject most often give two moments, two populations or two products (an interest rate of
 * 4.75% and a vote to raise it to 5%, a share price at noon and at the close). Such amounts line
 * up only when they agree after rounding and lie within MOVING_TOLERANCE: the same figure written
 * at different precision.
 */
/**
 * How far apart two rates or prices may be and still be one figure, in their unit: a tenth of a
 * point or ten cents. Rates move in quarter points and prices in cents, so "5%" next to "4.75%" or
 * "2%" next to "2.25%" is a rate before and after a move, though 4.75 rounds to 5.
 */
export const MOVING_TOLERANCE = 0.1;

function isMovingValue(a: AmountFact): boolean {
  const kind = builtinFactWords().unitKinds[a.unit];
  return kind === 'share' || (kind === 'currency' && Math.abs(a.value) < PRICE_BELOW);
}

/**
 * Whether two amounts of different articles can be the same quantity of the same subject: same
 * unit and year; an entity in common when both name one ("Yukos", "Medicare"; "Halifax" and
 * "Nationwide" are two lenders' figures), and always for two different values, a sentence that
 * names none standing for its article's lead (a figure of no one cannot be told apart from any
 * other figure of its unit); a shared noun or name of what they measure ("taxes");
 * the same period when either names one (a month, a year, a quarter, Christmas: December vs
 * January house prices, or a film's Christmas opening vs a later weekend; a year in a citation,
 * "(Northwire, 2031)", is none), and the same day of the week when both name one; overlapping context; and, unless they agree after rounding,
 * values within AMOUNT_MAX_RATIO of each other. An end of a range ("3% to 3.5%") is no value of
 * its own; a rate, a price, a market quote or a part of a time differs only as a matter of
 * precision (a different value is another moment, population or product).
 */
export function sameQuantity(x: AmountFact, y: AmountFact): boolean {
  if (x.unit !== y.unit || x.year !== y.year || x.inRange || y.inRange) return false;
  const moving = x.volatile || y.volatile || isMovingValue(x) || isMovingValue(y);
  if (moving && !(agreeAfterRounding(x, y) && Math.abs(x.value - y.value) <= MOVING_TOLERANCE + 1e-9))
    return false;
  // What one measures is named near the other ("trade" heads one, and is in the other's context).
  const xHeads = x.heads ?? [];
  const yHeads = y.heads ?? [];
  if (
    !xHeads.some((h) => yHeads.includes(h) || y.context.includes(h)) &&
    !yHeads.some((h) => x.context.includes(h))
  )
    return false;
  // A sentence that names no one stands for its article's lead.
  const subjectX = subjectOf(x);
  const subjectY = subjectOf(y);
  if (subjectX.length > 0 && subjectY.length > 0 && !subjectX.some((e) => subjectY.includes(e))) return false;
  const sx = x.scope ?? [];
  const sy = y.scope ?? [];
  const period = (s: readonly string[]) => s.filter((w) => !DAY_SCOPE.test(w));
  const day = (s: readonly string[]) => s.filter((w) => DAY_SCOPE.test(w));
  if (!sameScope(period(sx), period(sy))) return false;
  // A weekday may date the report, not the amount: it parts two amounts only when both name one.
  const [dx, dy] = [day(sx), day(sy)];
  if (dx.length > 0 && dy.length > 0 && !sameScope(dx, dy)) return false;
  if (jaccard(x.context, y.context) < AMOUNT_CONTEXT_JACCARD) return false;
  if (agreeAfterRounding(x, y)) return true;
  // Two different values conflict only as figures of one subject: a sentence that names none
  // (nor does its article's lead) cannot be told apart from any other figure of its unit.
  if (!subjectX.some((e) => subjectY.includes(e))) return false;
  const [lo, hi] = [Math.abs(x.value), Math.abs(y.value)].sort((a, b) => a - b) as [number, number];
  return lo > 0 && hi / lo <= AMOUNT_MAX_RATIO;
}

function amounts(group: Group, members: MemberFacts): Discrepancy[] {
  const facts = factsOf(members, 'amount');
  const apart = differentDays(group, members);
  // Candidate links between amounts of different articles, best first; each amount links to at
  // most one amount of each other article.
  const links: { x: number; y: number; score: number }[] = [];
  const linkedPairs = new Set<string>();
  for (let x = 0; x < facts.length; x++)
    for (let y = x + 1; y < facts.length; y++) {
      const fx = facts[x] as Located<AmountFact>;
      const fy = facts[y] as Located<AmountFact>;
      if (fx.article === fy.article || !sameQuantity(fx.fact, fy.fact)) continue;
      if (apart(fx.article, fy.article)) continue;
      const context = jaccard(fx.fact.context, fy.fact.context);
      links.push({ x, y, score: context + (agreeAfterRounding(fx.fact, fy.fact) ? 1 : 0) });
      linkedPairs.add(`${x}:${y}`);
    }
  links.sort((p, q) => q.score - p.score || p.x - q.x || p.y - q.y);
  const parent = facts.map((_, i) => i);
  const find = (start: number): number => {
    let i = start;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const membersOf = new Map<number, number[]>(facts.map((_, i) => [i, [i]]));
  const linked = new Set<string>();
  // Within a slot every pair must be a link, or at least agree after rounding about a shared
  // noun ("$4.2 billion fund" and "$4.217 billion fund" in sentences whose other words differ).
  const isLinked = (a: number, b: number) => {
    if (linkedPairs.has(a < b ? `${a}:${b}` : `${b}:${a}`)) return true;
    const fa = (facts[a] as Located<AmountFact>).fact;
    const fb = (facts[b] as Located<AmountFact>).fact;
    if (apart((facts[a] as Located<AmountFact>).article, (facts[b] as Located<AmountFact>).article))
      return false;
    return (
      fa.unit === fb.unit &&
      fa.year === fb.year &&
      agreeAfterRounding(fa, fb) &&
      (fa.heads ?? []).some((h) => (fb.heads ?? []).includes(h))
    );
  };
  for (const { x, y } of links) {
    const fx = facts[x] as Located<AmountFact>;
    const fy = facts[y] as Located<AmountFact>;
    if (linked.has(`${x}>${fy.article}`) || linked.has(`${y}>${fx.article}`)) continue;
    const rx = find(x);
    const ry = find(y);
    if (rx === ry) continue;
    // Complete linkage: two slots join only when every pair of their amounts from different
    // articles is itself a link, so that no chain of near matches makes one quantity of many.
    const a = membersOf.get(rx) as number[];
    const b = membersOf.get(ry) as number[];
    if (
      !a.every((i) =>
        b.every(
          (j) =>
            (facts[i] as Located<AmountFact>).article === (facts[j] as Located<AmountFact>).article ||
            isLinked(i, j),
        ),
      )
    )
      continue;
    linked.add(`${x}>${fy.article}`);
    linked.add(`${y}>${fx.article}`);
    parent[ry] = rx;
    membersOf.set(rx, [...a, ...b]);
    membersOf.delete(ry);
  }
  const slots = new Map<number, Located<AmountFact>[]>();
  facts.forEach((f, i) => {
    const root = find(i);
    const list = slots.get(root);
    if (list) list.push(f);
    else slots.set(root, [f]);
  });
  const out: Discrepancy[] = [];
  for (const slot of slots.values()) {
    const byValue = new Map<string, Located<AmountFact>[]>();
    for (const f of slot) {
      const key = amountKey(f.fact);
      const list = byValue.get(key);
      if (list) list.push(f);
      else byValue.set(key, [f]);
    }
    if (byValue.size < 2) continue;
    const representatives = [...byValue.values()].map((list) => list[0] as Located<AmountFact>);
    let allAgree = true;
    for (let i = 0; i < representatives.length; i++)
      for (let j = i + 1; j < representatives.length; j++)
        if (
          !agreeAfterRounding(
            (representatives[i] as Located<AmountFact>).fact,
            (representatives[j] as Located<AmountFact>).fact,
          )
        )
          allAgree = false;
    const values = [...byValue.entries()]
      .sort(
        (a, b) => (a[1][0] as Located<AmountFact>).fact.value - (b[1][0] as Located<AmountFact>).fact.value,
      )
      .map(([value, list]) => ({ value, mentions: list.map(mention) }));
    const written = values
      .slice(0, LISTED_VALUES)
      .map((v) => `${v.mentions[0]?.text} (${v.mentions.map((m) => m.article).join(', ')})`);
    if (values.length > LISTED_VALUES)
      written.push(`${values.length - LISTED_VALUES} more values in discrepancies.csv`);
    out.push({
      group: group.id,
      field: 'amount',
      subject: amountSubject(slot),
      class: allAgree ? 'precision' : 'conflict',
      detail: allAgree
        ? `the same amount written at different precision: ${written.join(' vs ')}`
        : `different amounts for the same quantity: ${written.join(' vs ')}`,
      values,
    });
  }
  return out;
}

/** The names and nouns every slot member shares, and the year: what the amounts quantify. */
function amountSubject(slot: readonly Located<AmountFact>[]): string {
  const shared = (pick: (f: AmountFact) => readonly string[]) => {
    const counts = new Map<string, number>();
    for (const f of slot) for (const c of new Set(pick(f.fact))) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...counts.entries()]
      .filter(([, n]) => n === slot.length)
      .map(([c]) => c)
      .sort();
  };
  const first = slot[0] as Located<AmountFact>;
  // A name is often also the head of what is measured ("Yukos" in "Yukos's debts"): say it once.
  const words = [...new Set([...shared((f) => f.entities ?? []), ...shared((f) => f.heads ?? [])])];
  return `${first.fact.unit}: ${words.join(' ')}${first.fact.year ? ` in ${first.fact.year}` : ''}`;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Whether two spellings name the same person: same first letter and sound key, few edits. */
export function isSpellingVariant(a: string, b: string): boolean {
  if (a === b || a.length < 4 || b.length < 4 || a[0] !== b[0]) return false;
  const d = levenshtein(a, b);
  if (d > NAME_MAX_EDITS || d > NAME_MAX_EDIT_SHARE * Math.max(a.length, b.length)) return false;
  const [pa, sa] = metaphone.process(a);
  const [pb, sb] = metaphone.process(b);
  return pa === pb || pa === sb || sa === pb;
}

/** Whether part `p` of a name is a common word of the language model in some mention ("April", "County"). */
function isCommonWord(mentions: readonly Located<NameFact>[], p: string): boolean {
  return mentions.some((n) => n.fact.common?.[n.fact.parts.indexOf(p)] === true);
}

/**
 * Whether mention `x` of spelling `a` and mention `y` of spelling `b` are written as one name:
 * with another name part in common or spelled alike ("Jair Bolsonaro"/"Jair Bolsanaro",
 * "Frederick Forsyth"/"Frederic Forsythe"), or after the same title when one of them is written
 * alone ("President Putin"/"President Poutine"). Other parts that differ make two people
 * ("Ruhollah Khomenei", "Ali Khamenei"), whatever their title.
 */
function writtenAsOneName(x: Located<NameFact>, a: string, y: Located<NameFact>, b: string): boolean {
  const xOthers = x.fact.parts.filter((p) => p !== a);
  const yOthers = y.fact.parts.filter((p) => p !== b);
  if (yOthers.some((p) => xOthers.some((q) => q === p || isSpellingVariant(q, p)))) return true;
  if (xOthers.length > 0 && yOthers.length > 0) return false;
  // A listed first name alone after a title other than an honorific is a name cut short
  // ("minister Stephen Wade", the surname read as a verb), not a surname; "Mr Tracey" is a surname.
  const cutShort = (others: readonly string[], p: string, title: string | null | undefined) =>
    others.length === 0 && !builtinFactWords().honorifics.has(title ?? '') && firstNameGender(p) !== null;
  if (cutShort(xOthers, a, x.fact.title) || cutShort(yOthers, b, y.fact.title)) return false;
  return Boolean(x.fact.title) && x.fact.title === y.fact.title;
}

/**
 * The mentions of two similar name parts that are one name spelled two ways, or null when they
 * are not: when either is a word of the language model's lexicon (a common word: "April"/"Abriel",
 * "County"/"Conte"), when both are listed first names (two people: "Laura"/"Larry",
 * "Mitchell"/"Michelle"), when they are two parts of one written name, and when every full name
 * written with one disagrees with every full name written with the other ("Stephen Wade"/"Steven
 * Miles", "Marise Payne"/"Christopher Pyne": two people, even after one title). Only the mentions
 * written as one name with a mention of the other spelling are kept: the same two spellings can
 * be one person in some articles and two in others ("António Guterres"/"Antonio Guterres";
 * "Antonio Costa").
 */
function mentionsOfOneEntity(
  byPart: ReadonlyMap<string, Located<NameFact>[]>,
  a: string,
  b: string,
): { a: Located<NameFact>[]; b: Located<NameFact>[] } | null {
  const na = byPart.get(a) ?? [];
  const nb = byPart.get(b) ?? [];
  if (isCommonWord(na, a) || isCommonWord(nb, b)) return null;
  // Two listed first names, written as first names, are two people ("Laura"/"Larry" Keane); as
  // surnames ("Ilona Marek"/"Ilona Marec") they may be one.
  const asFirstName = (mentions: readonly Located<NameFact>[], p: string) =>
    firstNameGender(p) !== null && mentions.some((n) => n.fact.parts.length > 1 && n.fact.parts[0] === p);
  if (asFirstName(na, a) && asFirstName(nb, b)) return null;
  // Two parts of one written name are two parts, not two spellings ("Sediq Sediqqi", "Kang Kyung-wha").
  if (na.some((x) => x.fact.parts.includes(b)) || nb.some((y) => y.fact.parts.includes(a))) return null;
  const full = (mentions: readonly Located<NameFact>[]) => mentions.filter((n) => n.fact.parts.length > 1);
  const [fullA, fullB] = [full(na), full(nb)];
  if (
    fullA.length > 0 &&
    fullB.length > 0 &&
    !fullA.some((x) => fullB.some((y) => writtenAsOneName(x, a, y, b)))
  )
    return null;
  const linkedA = na.filter((x) => nb.some((y) => writtenAsOneName(x, a, y, b)));
  if (linkedA.length === 0) return null;
  return { a: linkedA, b: nb.filter((y) => na.some((x) => writtenAsOneName(x, a, y, b))) };
}

/**
 * Spelling variants of name parts across the group, and a map from every variant to the spelling
 * most articles use (ties: alphabetical), used to line up event descriptions by person.
 */
function names(
  group: Group,
  members: MemberFacts,
): { discrepancies: Discrepancy[]; canonical: Map<string, string> } {
  const byPart = new Map<string, Located<NameFact>[]>();
  for (const n of factsOf(members, 'name'))
    for (const p of n.fact.parts) {
      if (!/^\p{L}+$/u.test(p)) continue;
      const list = byPart.get(p);
      if (list) list.push(n);
      else byPart.set(p, [n]);
    }
  const parts = [...byPart.keys()].sort();
  // Compare only parts that share a first letter and a sound key: a bucket, not all pairs.
  const buckets = new Map<string, string[]>();
  for (const p of parts) {
    if (p.length < 4) continue;
    const key = `${p[0]}:${metaphone.process(p)[0]}`;
    const list = buckets.get(key);
    if (list) list.push(p);
    else buckets.set(key, [p]);
  }
  const canonical = new Map<string, string>();
  const discrepancies: Discrepancy[] = [];
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    const articlesOf = (p: string) => new Set((byPart.get(p) ?? []).map((n) => n.article));
    const ranked = [...bucket].sort((a, b) => articlesOf(b).size - articlesOf(a).size || compareText(a, b));
    const main = ranked[0] as string;
    // The mentions of each spelling written as one name with a mention of another: the row's evidence.
    const linked = new Map<string, Set<Located<NameFact>>>();
    for (const p of ranked.slice(1)) {
      if (!isSpellingVariant(main, p)) continue;
      const one = mentionsOfOneEntity(byPart, main, p);
      if (!one) continue;
      linked.set(p, new Set(one.b));
      const mainMentions = linked.get(main) ?? new Set();
      for (const n of one.a) mainMentions.add(n);
      linked.set(main, mainMentions);
    }
    const variants = ranked.slice(1).filter((p) => linked.has(p));
    if (variants.length === 0) continue;
    for (const v of variants) canonical.set(v, main);
    const linkedArticles = (p: string) => new Set([...(linked.get(p) ?? [])].map((n) => n.article));
    const values = [main, ...variants].map((p) => {
      // One mention per article: the first written as one name with the other spelling, with its sentence.
      const firstPerArticle = new Map<string, Located<NameFact>>();
      for (const n of byPart.get(p) ?? [])
        if (linked.get(p)?.has(n) && !firstPerArticle.has(n.article)) firstPerArticle.set(n.article, n);
      return {
        value: p,
        mentions: [...firstPerArticle.values()].map((n) => {
          const i = n.fact.parts.indexOf(p);
          // Point at the part itself when the name has several parts.
          const words = n.fact.name.split(/\s+/);
          const offset = words.slice(0, i).reduce((x, w) => x + w.length + 1, 0);
          const word = words[i] ?? n.fact.name;
          const start = n.fact.span.start + offset;
          return {
            article: n.article,
            text: word,
            span: {
              start,
              end: start + word.length,
              line: n.fact.span.line,
              column: n.fact.span.column + offset,
            },
            sentence: n.fact.sentence,
          };
        }),
      };
    });
    const display = (p: string) =>
      byPart
        .get(p)?.[0]
        ?.fact.name.split(/\s+/)
        .find((w) => w.toLowerCase() === p) ?? p;
    discrepancies.push({
      group: group.id,
      field: 'name',
      subject: display(main),
      class: 'spelling-variant',
      detail: `${variants.map((v) => `"${display(v)}" (${[...linkedArticles(v)].join(', ')})`).join(', ')} spelled differently from "${display(main)}" (${[...linkedArticles(main)].join(', ')})`,
      values,
    });
  }
  return { discrepancies, canonical };
}

function eventKinds(
  group: Group,
  members: MemberFacts,
  canonical: ReadonlyMap<string, string>,
): Discrepancy[] {
  const byCounterpart = new Map<string, Located<EventKindFact>[]>();
  for (const e of factsOf(members, 'event-kind')) {
    if (e.fact.generic) continue;
    for (const c of new Set(e.fact.counterparts.map((p) => canonical.get(p) ?? p))) {
      const list = byCounterpart.get(c);
      if (list) list.push(e);
      else byCounterpart.set(c, [e]);
    }
  }
  const out: Discrepancy[] = [];
  for (const [counterpart, list] of [...byCounterpart.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    const byEntry = new Map<string, Located<EventKindFact>[]>();
    for (const e of list) {
      const l = byEntry.get(e.fact.entryId);
      if (l) l.push(e);
      else byEntry.set(e.fact.entryId, [e]);
    }
    if (byEntry.size < 2) continue;
    const values = [...byEntry.entries()]
      .sort((a, b) => compareText(a[0], b[0]))
      .map(([value, l]) => ({ value, mentions: l.map(mention) }));
    const channels = new Set(list.map((e) => e.fact.category.replace(/^event-kind\./, '')));
    const name = counterpart.charAt(0).toUpperCase() + counterpart.slice(1);
    out.push({
      group: group.id,
      field: 'event-kind',
      subject: `exchange with ${name}`,
      class: 'alternative-description',
      detail: `${values.map((v) => `${v.value} (${[...new Set(v.mentions.map((m) => m.article))].join(', ')})`).join(', ')}${channels.size > 1 ? `; different channels: ${[...channels].sort().join(' vs ')}` : '; same channel'}`,
      values,
    });
  }
  return out;
}

export function findDiscrepancies(group: Group, summaries: readonly ArticleSummary[]): Discrepancy[] {
  if (group.members.length < 2) return [];
  return discrepanciesOfMembers(
    group,
    group.members.map((m) => {
      const s = summaries[m] as ArticleSummary;
      return { id: s.id, facts: s.facts, day: publicationDay(s.metadata) };
    }),
  );
}

/** As `findDiscrepancies`, reading the facts of the group's members (only) from a store. */
export function findStoreDiscrepancies(group: Group, store: SummaryStore): Discrepancy[] {
  if (group.members.length < 2) return [];
  return discrepanciesOfMembers(
    group,
    group.members.map((m) => ({
      id: store.id(m),
      facts: store.facts(m),
      day: publicationDay(store.head(m).metadata),
    })),
  );
}

function discrepanciesOfMembers(group: Group, members: MemberFacts): Discrepancy[] {
  const { discrepancies: nameDiscrepancies, canonical } = names(group, members);
  return [
    ...eventDates(group, members),
    ...amounts(group, members),
    ...nameDiscrepancies,
    ...eventKinds(group, members, canonical),
  ];
}
