import { logLikelihood, logRatio } from '../compare/keyness.ts';
import { isStopWord } from '../compare/stopwords.ts';
import { compareText } from '../order.ts';
import type { Document } from '../types.ts';

/**
 * Candidate lexicon entries from two corpora (`framescope lexicon mine`): word n-grams that a
 * target corpus (one outlet type, one side of a debate) uses more than a reference corpus, ranked
 * by keyness, filtered by dispersion, with proper names and topic nouns left out, and with
 * concordance lines so that a scholar can read each candidate before curating it into a pack.
 *
 * Units. An n-gram (1 to `maxN` words) is a run of consecutive scored word tokens of one sentence;
 * any other token (punctuation, a number, a symbol, a token inside one of wink's entities such as
 * a date, an amount or a percentage) ends the run, except a hyphen or dash written without spaces
 * between two words ("so-called" is the bigram "so called", as the packs' matcher reads it).
 * Candidates are keyed by lemma (the packs' default match mode) or, with `match: 'normal'`, by
 * the folded normal form; `form` is the most frequent way the target wrote it. An n-gram may not
 * start with a conjunction, a particle or "'s", nor end with a determiner, preposition,
 * conjunction, particle, auxiliary or pronoun, and needs a content word that is not a stop word;
 * a single word must be a noun, verb, adjective, adverb or interjection.
 *
 * Keyness (as keyness.csv; Rayson & Garside 2000, Hardie 2014), with a, b the candidate's counts in
 * target and reference and c, d the corpora's scored words:
 *   G2 = 2 (a ln(a / E1) + b ln(b / E2)),  E1 = c (a + b) / (c + d),  E2 = d (a + b) / (c + d)
 *   log ratio = log2((a / c) / (b / d)), a zero count taken as 0.5
 * Only candidates the target over-uses are kept (log ratio at least `minLogRatio`, G2 at least
 * `minG2`) and in at least `minDocs` target documents.
 *
 * Dispersion, so that one story cannot dominate: with a `disperse-by` value per document (a date,
 * an event, a source), a candidate must occur in target documents of at least `minValues`
 * distinct values (`few-values`), and no one value may hold more than `maxShare` of the
 * candidate's target documents when that is also more than twice the value's share of all target
 * documents (`one-value`; the second condition keeps candidates of a value that simply holds most
 * of the corpus).
 *
 * Names and topic nouns:
 * - `name`: every content word of the candidate is a proper noun (wink PROPN) in its most frequent
 *   reading ("Boris Johnson", "United States"). Candidates that join a name and a common word
 *   ("Kiev regime", "anti-China forces") are kept: many labels are built that way.
 * - `topic-noun`: every content word is a common noun (wink NOUN) and the candidate is bursty, i.e.
 *   it recurs within the documents that use it: on average at least `maxBurstiness` occurrences
 *   per document containing it, target and reference pooled. Words that name what a text is about
 *   ("vaccine", "laboratory", "power plant") recur through an article (Church & Gale 1995, Katz
 *   1996), while the labels and formulae of a register ("hegemony", "provocation") are used once
 *   or twice. In headlines every word occurs once per document, so there only dispersion and
 *   reading tell topics apart.
 * Excluded candidates are dropped, or listed with their reason when `keepExcluded` is set.
 */

export interface MineOptions {
  /** Longest n-gram, in words (1-6). */
  readonly maxN: number;
  readonly minDocs: number;
  /** Distinct `disperse-by` values a candidate's target documents must span (when values are given). */
  readonly minValues: number;
  /** Largest share of a candidate's target documents one value may hold (see the module comment). */
  readonly maxShare: number;
  readonly minG2: number;
  readonly minLogRatio: number;
  /** Occurrences per containing document at or above which an all-noun candidate is a topic noun. */
  readonly maxBurstiness: number;
  /** Candidates written (after filtering), best first. */
  readonly top: number;
  /** Concordance lines per candidate. */
  readonly kwic: number;
  /** Words of context either side of a concordance line. */
  readonly window: number;
  readonly match: 'lemma' | 'normal';
  readonly keepExcluded: boolean;
}

export const DEFAULT_MINE_OPTIONS: MineOptions = Object.freeze({
  maxN: 4,
  minDocs: 5,
  minValues: 3,
  maxShare: 0.5,
  minG2: 10.83,
  minLogRatio: 1,
  maxBurstiness: 2,
  top: 500,
  kwic: 3,
  window: 6,
  match: 'lemma',
  keepExcluded: false,
});

export type MineSide = 'target' | 'reference';
export type Exclusion = 'name' | 'topic-noun' | 'few-values' | 'one-value';

export interface Candidate {
  readonly rank: number;
  /** The key: lemmas (or normal forms) joined by single spaces. */
  readonly candidate: string;
  /** The target's most frequent written form. */
  readonly form: string;
  readonly n: number;
  /** The most frequent POS sequence in the target, e.g. `ADJ NOUN`. */
  readonly pos: string;
  readonly countTarget: number;
  readonly countReference: number;
  readonly perMillionTarget: number;
  readonly perMillionReference: number;
  readonly docsTarget: number;
  readonly docsReference: number;
  readonly docShareTarget: number;
  readonly docShareReference: number;
  /** Distinct `disperse-by` values among the target documents; null without values. */
  readonly values: number | null;
  /** Share of the candidate's target documents in its most common value; null without values. */
  readonly topValueShare: number | null;
  readonly topValue: string | null;
  /** Occurrences per document containing it, target and reference pooled. */
  readonly burstiness: number;
  readonly g2: number;
  readonly logRatio: number;
  /** Empty for a kept candidate. */
  readonly excluded: Exclusion | '';
  readonly kwic: readonly string[];
}

export interface MineSummary {
  readonly targetDocs: number;
  readonly referenceDocs: number;
  readonly targetWords: number;
  readonly referenceWords: number;
  /** Candidates that passed the keyness filters, before dispersion and names. */
  readonly keyCandidates: number;
  readonly excluded: Readonly<Record<Exclusion, number>>;
  readonly candidates: readonly Candidate[];
}

const CONTENT_POS = new Set(['NOUN', 'VERB', 'ADJ', 'ADV', 'PROPN', 'INTJ']);
const UNIGRAM_POS = new Set(['NOUN', 'VERB', 'ADJ', 'ADV', 'INTJ']);
const BAD_START = new Set(['CCONJ', 'SCONJ', 'PART']);
const BAD_END = new Set(['DET', 'ADP', 'CCONJ', 'SCONJ', 'PART', 'AUX', 'PRON']);
const HYPHEN = /^[-‐‑–—]$/;

/** What the miner keeps of one document: its eligible word tokens, in runs. */
interface Compact {
  readonly side: MineSide;
  readonly id: string;
  readonly value: string | null;
  /** Kept for target documents only (concordance lines and written forms). */
  readonly text: string | null;
  readonly keys: readonly string[];
  readonly pos: readonly string[];
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** 1 where a run (a stretch n-grams may span) starts. */
  readonly runStart: Uint8Array;
  /** Start offsets of every token of the document, for concordance windows. */
  readonly allStarts: Int32Array | null;
  readonly allEnds: Int32Array | null;
}

/** Interns strings so that a word repeated across a corpus is stored once. */
class Interner {
  private readonly seen = new Map<string, string>();
  of(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    this.seen.set(s, s);
    return s;
  }
}

function compactOf(
  doc: Document,
  side: MineSide,
  value: string | null,
  match: MineOptions['match'],
  words: Interner,
): Compact {
  const t = doc.tokens;
  const inEntity = new Uint8Array(t.count);
  for (const e of doc.entities) for (let k = e.firstToken; k < e.endToken; k++) inEntity[k] = 1;
  const eligible = (k: number) =>
    t.scored[k] === 1 &&
    t.type[k] === 'word' &&
    t.pos[k] !== 'NUM' &&
    inEntity[k] === 0 &&
    !/\d/.test(t.normal[k] as string);
  const keys: string[] = [];
  const pos: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const runStart: number[] = [];
  let previous = -1;
  for (let k = 0; k < t.count; k++) {
    if (!eligible(k)) continue;
    // A run continues from the previous eligible token when only an attached hyphen stands between.
    const joined =
      previous >= 0 &&
      t.sentence[k] === t.sentence[previous] &&
      (k === previous + 1 ||
        (k === previous + 2 &&
          HYPHEN.test(t.value[previous + 1] as string) &&
          t.end[previous] === t.start[previous + 1] &&
          t.end[previous + 1] === t.start[k]));
    // Curly and straight apostrophes are one key, as the matcher reads them ("Kiev’s" = "Kiev's").
    const key = match === 'lemma' ? (t.lemma[k] as string) : (t.normal[k] as string);
    keys.push(words.of(key.includes('’') ? key.replace(/’/g, "'") : key));
    pos.push(t.pos[k] as string);
    start.push(t.start[k] as number);
    end.push(t.end[k] as number);
    runStart.push(joined ? 0 : 1);
    previous = k;
  }
  const target = side === 'target';
  return {
    side,
    id: doc.article.id,
    value,
    text: target ? doc.text : null,
    keys,
    pos,
    start: Int32Array.from(start),
    end: Int32Array.from(end),
    runStart: Uint8Array.from(runStart),
    allStarts: target ? Int32Array.from(t.start) : null,
    allEnds: target ? Int32Array.from(t.end) : null,
  };
}

/** Whether the tokens [i, i + n) of a document form an n-gram the miner counts. */
function isUnit(d: Compact, i: number, n: number): boolean {
  if (i + n > d.keys.length) return false;
  for (let k = i + 1; k < i + n; k++) if (d.runStart[k]) return false;
  const first = d.pos[i] as string;
  if (n === 1) return UNIGRAM_POS.has(first) && !isStopWord(d.keys[i] as string);
  const last = d.pos[i + n - 1] as string;
  if (BAD_START.has(first) || d.keys[i] === "'s" || BAD_END.has(last)) return false;
  for (let k = i; k < i + n; k++)
    if (CONTENT_POS.has(d.pos[k] as string) && !isStopWord(d.keys[k] as string)) return true;
  return false;
}

function keyOf(d: Compact, i: number, n: number): string {
  let key = d.keys[i] as string;
  for (let k = i + 1; k < i + n; k++) key += ` ${d.keys[k]}`;
  return key;
}

/** Every counted n-gram occurrence of a document: (start index, length, key). */
function* unitsOf(d: Compact, maxN: number): Generator<[number, number, string]> {
  for (let i = 0; i < d.keys.length; i++)
    for (let n = 1; n <= maxN; n++) if (isUnit(d, i, n)) yield [i, n, keyOf(d, i, n)];
}

interface Tally {
  count: number;
  docs: number;
  lastDoc: number;
}

function tally(map: Map<string, Tally>, key: string, doc: number, create: boolean): void {
  let t = map.get(key);
  if (!t) {
    if (!create) return;
    t = { count: 0, docs: 0, lastDoc: -1 };
    map.set(key, t);
  }
  t.count++;
  if (t.lastDoc !== doc) {
    t.docs++;
    t.lastDoc = doc;
  }
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `id: left | match | right`, `window` tokens either side within the document. */
function kwicLine(d: Compact, i: number, n: number, window: number): string {
  const text = d.text as string;
  const starts = d.allStarts as Int32Array;
  const ends = d.allEnds as Int32Array;
  const from = d.start[i] as number;
  const to = d.end[i + n - 1] as number;
  let first = starts.findIndex((s) => s >= from);
  if (first < 0) first = starts.length;
  let last = first;
  while (last < starts.length && (starts[last] as number) < to) last++;
  const leftFrom = Math.max(0, first - window);
  const rightTo = Math.min(starts.length, last + window);
  const left = leftFrom < first ? text.slice(starts[leftFrom] as number, from) : '';
  const right = rightTo > last ? text.slice(to, ends[rightTo - 1] as number) : '';
  return `${d.id}: ${oneLine(left)} | ${oneLine(text.slice(from, to))} | ${oneLine(right)}`;
}

/** The most frequent key of a count map (ties to the first in text order). */
function mostFrequent(counts: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [k, c] of [...counts].sort((a, b) => compareText(a[0], b[0])))
    if (c > n) {
      best = k;
      n = c;
    }
  return best;
}

/** What pass 3 gathers for a candidate from the target documents. */
interface Detail {
  readonly forms: Map<string, number>;
  readonly posSequences: Map<string, number>;
  readonly valueDocs: Map<string, number>;
  readonly firstOccurrences: Array<[number, number, number]>;
  lastDoc: number;
}

function exclusionOf(
  pos: string,
  burstiness: number,
  values: number | null,
  topValueShare: number | null,
  topValueTargetShare: number,
  options: MineOptions,
): Exclusion | '' {
  const content = pos.split(' ').filter((p) => CONTENT_POS.has(p));
  if (content.length > 0 && content.every((p) => p === 'PROPN')) return 'name';
  if (content.length > 0 && content.every((p) => p === 'NOUN') && burstiness >= options.maxBurstiness)
    return 'topic-noun';
  if (values !== null && values < options.minValues) return 'few-values';
  if (topValueShare !== null && topValueShare > options.maxShare && topValueShare > 2 * topValueTargetShare)
    return 'one-value';
  return '';
}

/**
 * A miner: `add` each document of both corpora (in any order), then `finish`. Documents are kept
 * in a compact form (their eligible tokens), so that the target can be counted first and the
 * reference only for the target's n-grams.
 */
export class Miner {
  private readonly docs: Compact[] = [];
  private readonly words = new Interner();
  private targetWords = 0;
  private referenceWords = 0;
  readonly options: MineOptions;

  constructor(options: Partial<MineOptions> = {}) {
    this.options = { ...DEFAULT_MINE_OPTIONS, ...options };
    const o = this.options;
    if (!Number.isInteger(o.maxN) || o.maxN < 1 || o.maxN > 6)
      throw new RangeError(`mine: maxN must be a whole number from 1 to 6, got ${o.maxN}`);
  }

  /** Adds a document read by `readDocument` (its entities are read here). */
  add(doc: Document, side: MineSide, value: string | null = null): void {
    this.docs.push(compactOf(doc, side, value, this.options.match, this.words));
    if (side === 'target') this.targetWords += doc.wordCount;
    else this.referenceWords += doc.wordCount;
  }

  finish(): MineSummary {
    const o = this.options;
    const target = this.docs.filter((d) => d.side === 'target');
    const reference = this.docs.filter((d) => d.side === 'reference');
    const c = this.targetWords;
    const d = this.referenceWords;
    const empty = { name: 0, 'topic-noun': 0, 'few-values': 0, 'one-value': 0 };
    const summaryBase = {
      targetDocs: target.length,
      referenceDocs: reference.length,
      targetWords: c,
      referenceWords: d,
    };
    if (c === 0 || d === 0) return { ...summaryBase, keyCandidates: 0, excluded: empty, candidates: [] };

    // Pass 1: the target's n-grams; those in too few documents are dropped before the reference.
    const inTarget = new Map<string, Tally>();
    target.forEach((doc, k) => {
      for (const [, , key] of unitsOf(doc, o.maxN)) tally(inTarget, key, k, true);
    });
    for (const [key, t] of inTarget) if (t.docs < o.minDocs) inTarget.delete(key);
    // Pass 2: the reference, for those n-grams only.
    const inReference = new Map<string, Tally>();
    for (const key of inTarget.keys()) inReference.set(key, { count: 0, docs: 0, lastDoc: -1 });
    reference.forEach((doc, k) => {
      for (const [, , key] of unitsOf(doc, o.maxN)) tally(inReference, key, k, false);
    });
    const key = new Map<string, { a: number; b: number; g2: number; lr: number }>();
    for (const [k, t] of inTarget) {
      const a = t.count;
      const b = (inReference.get(k) as Tally).count;
      const lr = logRatio(a, b, c, d);
      if (lr < o.minLogRatio) continue;
      const g2 = logLikelihood(a, b, c, d);
      if (g2 < o.minG2) continue;
      key.set(k, { a, b, g2, lr });
    }

    // Pass 3: forms, POS, values and concordance places of the key candidates in the target.
    const details = new Map<string, Detail>();
    for (const k of key.keys())
      details.set(k, {
        forms: new Map(),
        posSequences: new Map(),
        valueDocs: new Map(),
        firstOccurrences: [],
        lastDoc: -1,
      });
    const valueDocs = new Map<string, number>();
    target.forEach((doc, k) => {
      if (doc.value !== null) valueDocs.set(doc.value, (valueDocs.get(doc.value) ?? 0) + 1);
      for (const [i, n, gram] of unitsOf(doc, o.maxN)) {
        const det = details.get(gram);
        if (!det) continue;
        const form = (doc.text as string).slice(doc.start[i] as number, doc.end[i + n - 1] as number);
        det.forms.set(form, (det.forms.get(form) ?? 0) + 1);
        const pos = doc.pos.slice(i, i + n).join(' ');
        det.posSequences.set(pos, (det.posSequences.get(pos) ?? 0) + 1);
        if (det.lastDoc !== k) {
          det.lastDoc = k;
          if (doc.value !== null) det.valueDocs.set(doc.value, (det.valueDocs.get(doc.value) ?? 0) + 1);
          det.firstOccurrences.push([k, i, n]);
        }
      }
    });

    const excluded: Record<Exclusion, number> = { ...empty };
    const rows: Omit<Candidate, 'rank'>[] = [];
    for (const [k, { a, b, g2, lr }] of key) {
      const det = details.get(k) as Detail;
      const docsTarget = (inTarget.get(k) as Tally).docs;
      const docsReference = (inReference.get(k) as Tally).docs;
      const burstiness = (a + b) / (docsTarget + docsReference);
      const hasValues = valueDocs.size > 0;
      const topValue = hasValues ? mostFrequent(det.valueDocs) : null;
      const topValueShare = topValue === null ? null : (det.valueDocs.get(topValue) ?? 0) / docsTarget;
      const pos = mostFrequent(det.posSequences);
      const reason = exclusionOf(
        pos,
        burstiness,
        hasValues ? det.valueDocs.size : null,
        topValueShare,
        topValue === null ? 0 : (valueDocs.get(topValue) ?? 0) / target.length,
        o,
      );
      if (reason !== '') {
        excluded[reason]++;
        if (!o.keepExcluded) continue;
      }
      rows.push({
        candidate: k,
        form: mostFrequent(det.forms),
        n: k.split(' ').length,
        pos,
        countTarget: a,
        countReference: b,
        perMillionTarget: (1e6 * a) / c,
        perMillionReference: (1e6 * b) / d,
        docsTarget,
        docsReference,
        docShareTarget: docsTarget / target.length,
        docShareReference: reference.length > 0 ? docsReference / reference.length : 0,
        values: hasValues ? det.valueDocs.size : null,
        topValueShare,
        topValue,
        burstiness,
        g2,
        logRatio: lr,
        excluded: reason,
        kwic: kwicOf(target, det, o),
      });
    }
    rows.sort((x, y) => y.g2 - x.g2 || compareText(x.candidate, y.candidate));
    return {
      ...summaryBase,
      keyCandidates: key.size,
      excluded,
      candidates: rows.slice(0, o.top).map((r, i) => ({ ...r, rank: i + 1 })),
    };
  }
}

/** Concordance lines from distinct documents, preferring documents of values not yet shown. */
function kwicOf(target: readonly Compact[], det: Detail, o: MineOptions): string[] {
  const chosen: Array<[number, number, number]> = [];
  const shownValues = new Set<string | null>();
  for (const pass of [true, false])
    for (const occ of det.firstOccurrences) {
      if (chosen.length >= o.kwic) break;
      if (chosen.includes(occ)) continue;
      const value = (target[occ[0]] as Compact).value;
      if (pass && shownValues.has(value) && value !== null) continue;
      chosen.push(occ);
      shownValues.add(value);
    }
  return chosen.map(([k, i, n]) => kwicLine(target[k] as Compact, i, n, o.window));
}

/** The CSV columns of `lexicon mine`, in order: the figures, then one column per concordance line. */
export function mineColumns(kwicLines: number = DEFAULT_MINE_OPTIONS.kwic): string[] {
  return [
    'rank',
    'candidate',
    'form',
    'n',
    'pos',
    'count_target',
    'count_reference',
    'per_million_target',
    'per_million_reference',
    'docs_target',
    'docs_reference',
    'doc_share_target',
    'doc_share_reference',
    'values_target',
    'top_value',
    'top_value_share',
    'burstiness',
    'g2',
    'log_ratio',
    'excluded',
    ...Array.from({ length: kwicLines }, (_, i) => `kwic_${i + 1}`),
  ];
}

/** One CSV row of a candidate, in the order of `mineColumns`. */
export function candidateRow(
  c: Candidate,
  kwicLines: number = DEFAULT_MINE_OPTIONS.kwic,
): (string | number | null)[] {
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  return [
    c.rank,
    c.candidate,
    c.form,
    c.n,
    c.pos,
    c.countTarget,
    c.countReference,
    round(c.perMillionTarget, 2),
    round(c.perMillionReference, 2),
    c.docsTarget,
    c.docsReference,
    round(c.docShareTarget, 4),
    round(c.docShareReference, 4),
    c.values,
    c.topValue,
    c.topValueShare === null ? null : round(c.topValueShare, 4),
    round(c.burstiness, 3),
    round(c.g2, 2),
    round(c.logRatio, 3),
    c.excluded,
    ...Array.from({ length: kwicLines }, (_, i) => c.kwic[i] ?? ''),
  ];
}
