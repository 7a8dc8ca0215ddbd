import type {
  CompiledEntry,
  CompiledLexicon,
  CompiledPattern,
  CompiledPhrase,
  UnitMatcher,
} from '../lexicon/compile.ts';
import type { UnitForms } from '../text/fold.ts';
import { lineColumnOf } from '../text/positions.ts';
import { type UnitStream, unitsOf } from '../text/units.ts';
import type { Attribution, Document, Match, Quotation, TextSpan, TokenTable, Voice } from '../types.ts';
import { globMatches } from './glob.ts';

/**
 * How overlapping hits are resolved (hits overlap when they share a matched word unit):
 * - `longest` (default): the hit covering most units wins; ties go to the earlier start, then to
 *   the entry that comes first in pack order;
 * - `first`: the hit that starts first wins; ties go to the longer hit, then pack order;
 * - `all`: every hit is kept (only the same entry matching the same units twice is merged).
 * Framing and choices packs are resolved separately, so a choice term is never hidden by a
 * framing entry or the reverse.
 */
export const OVERLAP_POLICIES = ['longest', 'first', 'all'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];
export const DEFAULT_OVERLAP_POLICY: OverlapPolicy = 'longest';

/** What matching reads of a document: a Document, or the lighter `readLexicalDocument` reading. */
export interface MatchableDocument {
  readonly text: Document['text'];
  readonly lineStarts: Document['lineStarts'];
  readonly tokens: Omit<TokenTable, 'stem'>;
}

export interface FindMatchesOptions {
  readonly quotations?: readonly Quotation[];
  readonly attributions?: readonly Attribution[];
  readonly overlap?: OverlapPolicy;
}

/** Normal forms that negate what follows (wink gives `not` for "n't"). */
const NEGATION_CUES: ReadonlySet<string> = new Set([
  'not',
  "n't",
  'no',
  'never',
  'without',
  'neither',
  'nor',
  'none',
  'nobody',
  'nothing',
  'cannot',
]);
/** How many tokens before a hit a negation cue may stand. */
export const NEGATION_WINDOW = 3;

interface Hit {
  readonly pattern: CompiledPattern;
  /** Units of the first phrase [a0, a1) and, for NEAR, of the second [b0, b1) (else -1). */
  readonly a0: number;
  readonly a1: number;
  readonly b0: number;
  readonly b1: number;
  readonly first: number;
  readonly end: number;
  /** Matched units (gaps of a NEAR hit not counted). */
  readonly size: number;
}

/** Whether a unit's forms satisfy a pattern word, its POS constraint aside. */
function formsMatch(f: UnitForms, u: UnitMatcher, entry: CompiledEntry): boolean {
  if (u.kind === 'literal') {
    const p = u.forms;
    if (entry.caseSensitive) return f.raw === p.raw;
    switch (entry.mode) {
      case 'exact':
        return f.lower === p.lower;
      case 'normal':
        return f.norm === p.norm || f.lower === p.lower;
      case 'lemma':
        return f.norm === p.norm || f.lemma === p.lemma || f.norm === p.lemma || f.lemma === p.norm;
      case 'stem':
        return f.stem === p.stem;
    }
  }
  const test = u.kind === 'glob' ? (s: string) => globMatches(u.glob, s) : (s: string) => u.re.test(s);
  if (entry.caseSensitive) return test(f.raw);
  if (test(f.lower)) return true;
  if (entry.mode === 'exact') return false;
  if (f.norm !== f.lower && test(f.norm)) return true;
  return entry.mode === 'lemma' && f.lemma !== f.norm && test(f.lemma);
}

function unitMatches(units: UnitStream, u: UnitMatcher, j: number, entry: CompiledEntry): boolean {
  if (u.pos !== null && !u.pos.includes(units.pos[j] as string)) return false;
  return formsMatch(units.forms[j] as UnitForms, u, entry);
}

function phraseAt(
  units: UnitStream,
  phrase: CompiledPhrase,
  i: number,
  sentence: number,
  entry: CompiledEntry,
): boolean {
  if (i < 0 || i + phrase.length > units.count) return false;
  for (let k = 0; k < phrase.length; k++) {
    const j = i + k;
    if (units.sentence[j] !== sentence || units.scored[j] === 0) return false;
    if (!unitMatches(units, phrase[k]!, j, entry)) return false;
  }
  return true;
}

/** A hit of `pattern` whose first phrase starts at unit i, or null. */
function hitAt(units: UnitStream, pattern: CompiledPattern, i: number): Hit | null {
  const entry = pattern.entry;
  const sentence = units.sentence[i] as number;
  const a = pattern.phrases[0]!;
  if (!phraseAt(units, a, i, sentence, entry)) return null;
  const a1 = i + a.length;
  if (pattern.near === null) return { pattern, a0: i, a1, b0: -1, b1: -1, first: i, end: a1, size: a.length };
  const b = pattern.phrases[1]!;
  const near = pattern.near;
  // The nearest B after A, else the nearest B before A.
  for (let gap = 0; gap <= near; gap++) {
    const after = a1 + gap;
    if (phraseAt(units, b, after, sentence, entry)) return nearHit(pattern, i, a1, after, after + b.length);
    const before = i - gap - b.length;
    if (phraseAt(units, b, before, sentence, entry)) return nearHit(pattern, i, a1, before, i - gap);
  }
  return null;
}

/** A NEAR hit of phrase A at units [a0, a1) and phrase B at [b0, b1), in either order. */
function nearHit(pattern: CompiledPattern, a0: number, a1: number, b0: number, b1: number): Hit {
  return {
    pattern,
    a0,
    a1,
    b0,
    b1,
    first: Math.min(a0, b0),
    end: Math.max(a1, b1),
    size: a1 - a0 + (b1 - b0),
  };
}

/** True when the hit lies inside one of its entry's exclude phrases. */
function excluded(units: UnitStream, hit: Hit): boolean {
  const entry = hit.pattern.entry;
  const sentence = units.sentence[hit.first] as number;
  for (const ex of entry.excludes) {
    const len = ex.length;
    if (len < hit.end - hit.first) continue;
    for (let s = Math.max(0, hit.end - len); s <= hit.first; s++) {
      if (phraseAt(units, ex, s, sentence, entry)) return true;
    }
  }
  return false;
}

function addCandidates(list: readonly CompiledPattern[] | undefined, out: CompiledPattern[]): void {
  if (list === undefined) return;
  for (const p of list) if (!out.includes(p)) out.push(p);
}

/** The patterns whose first word the forms satisfy (POS aside), in the order of the first-unit index. */
function candidatesFor(lexicon: CompiledLexicon, f: UnitForms): readonly CompiledPattern[] {
  const { byForm, byStem, byPrefix, scan } = lexicon.index;
  const candidates: CompiledPattern[] = [];
  addCandidates(byForm.get(f.lower), candidates);
  if (f.norm !== f.lower) addCandidates(byForm.get(f.norm), candidates);
  if (f.lemma !== f.norm && f.lemma !== f.lower) addCandidates(byForm.get(f.lemma), candidates);
  if (byStem.size > 0) addCandidates(byStem.get(f.stem), candidates);
  if (byPrefix.size > 0) {
    const p1 = f.lower.slice(0, 2);
    addCandidates(byPrefix.get(p1), candidates);
    const p2 = f.norm.slice(0, 2);
    if (p2 !== p1) addCandidates(byPrefix.get(p2), candidates);
    const p3 = f.lemma.slice(0, 2);
    if (p3 !== p1 && p3 !== p2) addCandidates(byPrefix.get(p3), candidates);
  }
  addCandidates(scan, candidates);
  const kept = candidates.filter((p) =>
    formsMatch(f, (p.phrases[0] as CompiledPhrase)[0] as UnitMatcher, p.entry),
  );
  return kept.length === 0 ? NO_PATTERNS : kept;
}

const NO_PATTERNS: readonly CompiledPattern[] = Object.freeze([]);

/**
 * Candidates by forms object, per lexicon. Forms are memoised per word (see fold.ts), so a word
 * that recurs across a corpus finds its candidates, first word already checked, in one look-up.
 */
const candidateCaches = new WeakMap<CompiledLexicon, WeakMap<UnitForms, readonly CompiledPattern[]>>();

function collectHits(units: UnitStream, lexicon: CompiledLexicon): Hit[] {
  let cache = candidateCaches.get(lexicon);
  if (cache === undefined) {
    cache = new WeakMap();
    candidateCaches.set(lexicon, cache);
  }
  const hits: Hit[] = [];
  for (let i = 0; i < units.count; i++) {
    if (units.scored[i] === 0) continue;
    const f = units.forms[i] as UnitForms;
    let candidates = cache.get(f);
    if (candidates === undefined) {
      candidates = candidatesFor(lexicon, f);
      cache.set(f, candidates);
    }
    for (const p of candidates) {
      const hit = hitAt(units, p, i);
      if (hit !== null && (p.entry.excludes.length === 0 || !excluded(units, hit))) hits.push(hit);
    }
  }
  return hits;
}

function occupied(mask: Uint8Array, hit: Hit): boolean {
  for (let u = hit.a0; u < hit.a1; u++) if (mask[u]) return true;
  for (let u = hit.b0; u < hit.b1; u++) if (mask[u]) return true;
  return false;
}

function occupy(mask: Uint8Array, hit: Hit): void {
  mask.fill(1, hit.a0, hit.a1);
  if (hit.b0 >= 0) mask.fill(1, hit.b0, hit.b1);
}

const byLongest = (x: Hit, y: Hit) =>
  y.size - x.size ||
  x.first - y.first ||
  x.pattern.entry.order - y.pattern.entry.order ||
  x.pattern.id - y.pattern.id;
const byFirst = (x: Hit, y: Hit) =>
  x.first - y.first ||
  y.size - x.size ||
  x.pattern.entry.order - y.pattern.entry.order ||
  x.pattern.id - y.pattern.id;

/** Resolves overlaps within one group of hits (framing or choices) under a policy. */
function resolveOverlaps(hits: readonly Hit[], unitCount: number, policy: OverlapPolicy): Hit[] {
  if (policy === 'all') {
    const seen = new Set<string>();
    const kept: Hit[] = [];
    for (const h of [...hits].sort(byFirst)) {
      const key = `${h.pattern.entry.order}:${h.a0}:${h.a1}:${h.b0}:${h.b1}`;
      if (!seen.has(key)) {
        seen.add(key);
        kept.push(h);
      }
    }
    return kept;
  }
  const mask = new Uint8Array(unitCount);
  const kept: Hit[] = [];
  for (const h of [...hits].sort(policy === 'longest' ? byLongest : byFirst)) {
    if (occupied(mask, h)) continue;
    occupy(mask, h);
    kept.push(h);
  }
  return kept;
}

/** Sorted, disjoint [start, end) intervals covering the given spans. */
function mergedIntervals(spans: readonly (TextSpan | null)[]): Int32Array {
  const list = spans
    .filter((s): s is TextSpan => s !== null && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: number[] = [];
  for (const s of list) {
    const last = out.length - 1;
    if (last > 0 && s.start <= (out[last] as number)) out[last] = Math.max(out[last] as number, s.end);
    else out.push(s.start, s.end);
  }
  return Int32Array.from(out);
}

function inside(intervals: Int32Array, start: number, end: number): boolean {
  let lo = 0;
  let hi = intervals.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = intervals[2 * mid] as number;
    if (s > start) hi = mid - 1;
    else if ((intervals[2 * mid + 1] as number) <= start) lo = mid + 1;
    else return end <= (intervals[2 * mid + 1] as number);
  }
  return false;
}

function negatedBefore(doc: MatchableDocument, firstToken: number): boolean {
  const { normal, sentence } = doc.tokens;
  const s = sentence[firstToken];
  for (let t = firstToken - 1; t >= 0 && t >= firstToken - NEGATION_WINDOW; t--) {
    if (sentence[t] !== s) break;
    if (NEGATION_CUES.has(normal[t] as string)) return true;
  }
  return false;
}

/**
 * Every lexicon hit in a document's scored text, after the overlap policy, sorted by start offset.
 * Each hit carries its text exactly as written, its place, whether a negation cue stands just
 * before it, and its voice: `quoted` inside a quotation or direct speech, else `attributed` inside the content of an
 * attribution (reported speech), else `authorial`.
 */
export function findMatches(
  doc: MatchableDocument,
  lexicon: CompiledLexicon,
  options: FindMatchesOptions = {},
): Match[] {
  const policy = options.overlap ?? DEFAULT_OVERLAP_POLICY;
  if (!(OVERLAP_POLICIES as readonly string[]).includes(policy))
    throw new Error(
      `findMatches: overlap policy must be one of ${OVERLAP_POLICIES.join(', ')}, got ${String(policy)}`,
    );
  if (lexicon.patterns.length === 0) return [];
  const units = unitsOf(doc.tokens);
  const hits = collectHits(units, lexicon);
  if (hits.length === 0) return [];
  const framing = hits.filter((h) => h.pattern.entry.kind !== 'choices');
  const choices = hits.filter((h) => h.pattern.entry.kind === 'choices');
  const kept = [
    ...resolveOverlaps(framing, units.count, policy),
    ...resolveOverlaps(choices, units.count, policy),
  ];

  // Direct speech is quoted even without quotation marks: the answers of a Q&A transcript.
  const quoted = mergedIntervals([
    ...(options.quotations ?? []).map((q) => q.content),
    ...(options.attributions ?? []).filter((a) => a.kind === 'direct').map((a) => a.content),
  ]);
  const attributed = mergedIntervals((options.attributions ?? []).map((a) => a.content));
  // Sorted by start offset, longer first, then pack order: the order of `matches.csv`.
  const startOf = (h: Hit) => units.start[h.first] as number;
  const endOf = (h: Hit) => units.end[h.end - 1] as number;
  const orderOf = (h: Hit) => h.pattern.entry.order * 1e6 + h.pattern.id;
  kept.sort((x, y) => startOf(x) - startOf(y) || endOf(y) - endOf(x) || orderOf(x) - orderOf(y));
  const matches: Match[] = new Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    const h = kept[k] as Hit;
    const start = startOf(h);
    const end = endOf(h);
    const firstToken = units.token[h.first] as number;
    const voice: Voice = inside(quoted, start, end)
      ? 'quoted'
      : inside(attributed, start, end)
        ? 'attributed'
        : 'authorial';
    const entry = h.pattern.entry;
    const { line, column } = lineColumnOf(doc.lineStarts, start);
    matches[k] = {
      start,
      end,
      line,
      column,
      text: doc.text.slice(start, end),
      pack: entry.pack.pack,
      entryId: entry.entry.id,
      category: entry.entry.category,
      pattern: h.pattern.text,
      weight: entry.entry.weight,
      sentence: units.sentence[h.first] as number,
      firstToken,
      endToken: (units.token[h.end - 1] as number) + 1,
      voice,
      negated: negatedBefore(doc, firstToken),
    };
  }
  return matches;
}
