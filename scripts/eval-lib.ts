/**
 * Shared helpers of the lexicon validity scripts (eval-babe, eval-covid, mine-*): rank statistics,
 * loading the shared data sets, masking outlet give-aways, and scoring documents with a lexicon.
 * The data sets stay in ../shared; nothing here copies their text into the project.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';
import { readDocument } from '../src/text/document.ts';
import type { Article, Document } from '../src/types.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedRoot = resolve(repoRoot, '..', 'shared');

export function sharedFile(...parts: string[]): string {
  const path = join(sharedRoot, ...parts);
  if (!existsSync(path)) throw new Error(`expected the shared data file ${path}; it is absent`);
  return path;
}

// ---------------------------------------------------------------------------------------------
// Rank statistics

/**
 * ROC-AUC as the Mann-Whitney U statistic with mid-ranks for ties: the probability that a random
 * positive scores above a random negative, ties counting one half. Returns null when a class is empty.
 */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number | null {
  if (scores.length !== labels.length)
    throw new Error(
      `expected as many labels as scores, found ${labels.length} labels and ${scores.length} scores`,
    );
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const ranks = new Float64Array(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = mid;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]) {
      positives++;
      rankSum += ranks[i] as number;
    }
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function fixed(x: number | null, digits = 3): string {
  return x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}

/** Percentage of items for which `has` holds, with one decimal. */
export function share(items: readonly unknown[], has: (i: number) => boolean): string {
  if (items.length === 0) return 'n/a';
  let n = 0;
  for (let i = 0; i < items.length; i++) if (has(i)) n++;
  return `${((100 * n) / items.length).toFixed(1)}%`;
}

// ---------------------------------------------------------------------------------------------
// Data sets

export interface BabeRow {
  readonly text: string;
  readonly outlet: string;
  readonly topic: string;
  readonly biased: boolean;
  /** The words the experts marked as biased, lower-cased. */
  readonly biasedWords: readonly string[];
}

/** Parses the Python-style list literal of BABE's `biased_words` column (`['a', "b's"]`). */
export function parsePythonList(literal: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(literal); m; m = re.exec(literal))
    out.push((m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
  return out;
}

export function loadBabe(file = sharedFile('data', 'babe', 'babe-dev.csv')): BabeRow[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data.map((r) => ({
    text: r.text ?? '',
    outlet: r.outlet ?? '',
    topic: r.topic ?? '',
    biased: r.label_bias === 'Biased',
    biasedWords: parsePythonList(r.biased_words ?? '[]').map((w) => w.toLowerCase()),
  }));
}

export interface NewsRow {
  readonly id: string;
  readonly publication: string;
  readonly author: string;
  readonly text: string;
}

export function loadJsonl(file: string): NewsRow[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const r = JSON.parse(l) as Record<string, unknown>;
      return {
        id: String(r.id),
        publication: String(r.publication ?? ''),
        author: String(r.author ?? ''),
        text: String(r.text ?? ''),
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Masking: what gives an outlet away but is not phrasing

/** Names of the five outlets of the covid-origins data (and their usual short forms). */
const OUTLET_NAMES =
  /\b(China Daily( US edition| Global| USA)?|chinadaily\.com\.cn|Xinhua( News Agency)?|Global Times|New York Times|NYTimes|Guardian|Daily Telegraph|Telegraph|Hindustan Times|HT Digital Content Services|HT Media|htlive\.com|Syndigate( Media Inc\.?)?)\b/gi;

/** Whole lines that are page furniture specific to one outlet or one wire service. */
const MASKED_LINES: readonly RegExp[] = [
  // Bylines: "By Name | Outlet | Updated: date", "By NAME in Beijing", "Byline: ..."
  /^\s*(by|byline:?)\s+[^\n]{0,120}$/i,
  /\|\s*updated:?\s*\d{4}-\d{2}-\d{2}/i,
  /^\s*updated:?\s/i,
  // Copyright and reprint lines.
  /copyright|all rights reserved|published by .{0,40} with permission|for any query with respect to this article/i,
  // Author bios and disclaimers that close opinion pieces.
  /^\s*the (author|writer)s? (is|are)\b/i,
  /views (expressed )?(here |in this article )?(do not|don'?t) necessarily (reflect|represent)/i,
  // Photo credits and captions marked as such.
  /\[photo[^\]]*\]|\(photo[^)]*\)|^\s*photo:|\bphoto by\b|\bgetty images\b|\bap photo\b|\bfile photo\b/i,
  // Image URLs and live-blog time stamps.
  /https?:\/\/\S+/i,
  /block-time|published-time/i,
];

/** Datelines that open a story: "New Delhi, March 29 -- ", "BEIJING — ", "WASHINGTON (Reuters) -". */
const DATELINE =
  /^\s*[A-Z][A-Za-z .'-]{1,40}(,\s*[A-Z][a-z]{2,9}\.? \d{1,2})?\s*(\([^)]{1,30}\))?\s*(--|—|–|-|:)\s+/;

/**
 * Removes what identifies the outlet rather than its phrasing: outlet names anywhere, bylines,
 * "Updated:" stamps, copyright and reprint lines, author bios and disclaimers, photo credits,
 * URLs, live-blog stamps, and a dateline at the start of the first line. Removed lines become empty
 * lines, so the article keeps its paragraph shape.
 */
export function maskOutletGiveaways(text: string): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => (MASKED_LINES.some((re) => re.test(line)) ? '' : line));
  const firstBody = lines.findIndex((l) => l.trim() !== '');
  if (firstBody >= 0) lines[firstBody] = (lines[firstBody] as string).replace(DATELINE, '');
  return lines.join('\n').replace(OUTLET_NAMES, ' ');
}

// ---------------------------------------------------------------------------------------------
// Lexicon packs

export interface PackEntry {
  readonly id: string;
  readonly category: string;
  readonly patterns: readonly string[];
  readonly weight?: number;
  readonly rationale?: string;
  readonly evidence?: string;
  readonly match?: string;
  readonly exclude?: readonly string[];
  readonly pos?: string;
  readonly case_sensitive?: boolean;
  readonly choice?: string;
  readonly term?: string;
}

export interface Pack {
  readonly pack: string;
  readonly kind: string;
  readonly version: string;
  readonly description: string;
  readonly licence: string;
  readonly citation: string;
  readonly entries: readonly PackEntry[];
}

export function readPack(name: string): Pack {
  const file = join(repoRoot, 'lexicons', name.endsWith('.yaml') ? name : `${name}.yaml`);
  return parseYaml(readFileSync(file, 'utf8')) as Pack;
}

export function articleOf(id: string, text: string): Article {
  return { id, text, metadata: {}, source: { file: id, format: 'txt' } };
}

export function documentOf(id: string, text: string): Document {
  const doc = readDocument(articleOf(id, text));
  // wink gives no lemma for some contracted tokens ("cannot"); until src/text/tokenize.ts fills
  // them, the evaluations use the normal form so that matching does not stop on them.
  const t = doc.tokens;
  const lemma = t.lemma as string[];
  for (let i = 0; i < t.count; i++)
    if (lemma[i] === undefined) lemma[i] = (t.normal[i] ?? t.value[i]) as string;
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Matching

/** One lexicon hit as the evaluations need it (a subset of the engine's `Match`). */
export interface Hit {
  readonly pack: string;
  readonly entryId: string;
  readonly category: string;
  readonly weight: number;
  readonly sentence: number;
  readonly firstToken: number;
  readonly endToken: number;
  readonly text: string;
}

export interface Matcher {
  /** `engine` when the project's engine scored the documents, `interim` otherwise. */
  readonly name: string;
  readonly match: (doc: Document) => Hit[];
}

/**
 * The project's engine (src/lexicon + src/match) when it is there, else the interim matcher below.
 * The scripts print which one scored, so a figure is never mistaken for an engine figure. Setting
 * FRAMESCOPE_INTERIM=1 forces the interim matcher (to compare the two).
 */
export async function matcherFor(packNames: readonly string[]): Promise<Matcher> {
  const lexiconModule = join(repoRoot, 'src', 'lexicon', 'index.ts');
  const matchModule = join(repoRoot, 'src', 'match', 'index.ts');
  if (existsSync(lexiconModule) && existsSync(matchModule) && process.env.FRAMESCOPE_INTERIM !== '1') {
    const lex = (await import(lexiconModule)) as typeof import('../src/lexicon/index.ts');
    const mat = (await import(matchModule)) as typeof import('../src/match/index.ts');
    const packs = packNames.flatMap((n) => lex.readPackFile(join(repoRoot, 'lexicons', `${n}.yaml`)));
    const problems = [...packs.flatMap((p) => p.issues), ...lex.checkPacks(packs)].filter(
      (i) => i.severity === 'error',
    );
    if (problems.length > 0)
      throw new Error(`the packs have errors:\n${problems.map((i) => lex.formatIssue(i)).join('\n')}`);
    const lexicon = lex.compileLexicon(packs);
    return {
      name: 'engine',
      match: (doc) => mat.findMatches(doc, lexicon, { quotations: [], attributions: [] }),
    };
  }
  return interimMatcher(packNames.map((n) => readPack(n)));
}

/** A token of the interim matcher's stream: hyphenated words split into parts, dashes dropped. */
interface Unit {
  readonly token: number;
  readonly normal: string;
  readonly lemma: string;
  readonly pos: string;
  readonly sentence: number;
}

const DASH = /^[-‐‑–—]+$/;

const foldWord = (w: string): string =>
  w
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/^([a-z])\.([a-z])\.(?:([a-z])\.)?$/, '$1$2$3')
    .replace(/([a-z]{3})is(e|ed|es|ing|ation|ations)$/, '$1iz$2')
    .replace(/^(colo|favo|hono|behavio|labo|neighbo|harbo|rumo|vigo|endeavo)ur/, '$1r');

function unitsOf(doc: Document): Unit[] {
  const t = doc.tokens;
  const units: Unit[] = [];
  for (let i = 0; i < t.count; i++) {
    const value = t.value[i] as string;
    if (t.type[i] === 'punctuation' && DASH.test(value)) continue;
    const normal = foldWord((t.normal[i] ?? value) as string);
    const parts = normal.includes('-') && normal.length > 1 ? normal.split(/-+/).filter(Boolean) : [normal];
    const lemma = parts.length === 1 ? foldWord((t.lemma[i] ?? normal) as string) : '';
    for (const p of parts)
      units.push({
        token: i,
        normal: p,
        lemma: parts.length === 1 ? lemma : p,
        pos: t.pos[i] as string,
        sentence: t.sentence[i] as number,
      });
  }
  return units;
}

type WordTest = (u: Unit) => boolean;

function wordTest(word: string, pos: string | undefined): WordTest {
  let w = word;
  let p = pos;
  const at = w.lastIndexOf('@');
  if (at > 0) {
    p = w.slice(at + 1);
    w = w.slice(0, at);
  }
  let test: WordTest;
  if (w.startsWith('re:')) {
    const re = new RegExp(`^(?:${w.slice(3)})$`, 'i');
    test = (u) => re.test(u.normal);
  } else if (/[*?]/.test(w)) {
    const re = new RegExp(
      `^${foldWord(w)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    test = (u) => re.test(u.normal);
  } else {
    const f = foldWord(w);
    test = (u) => u.normal === f || u.lemma === f;
  }
  if (!p) return test;
  const want = p;
  return (u) => u.pos === want && test(u);
}

function phraseWords(phrase: string): string[] {
  const out: string[] = [];
  for (const raw of phrase.trim().split(/\s+/)) {
    const w = raw.replace(/[’‘]/g, "'");
    if (w.startsWith('re:')) {
      out.push(w);
      continue;
    }
    for (const part of w.split(/[-‐‑–—]+/).filter(Boolean)) {
      const m = /^(.+?)('s|')$/.exec(part);
      if (m && !part.startsWith("'")) out.push(m[1] as string, m[2] as string);
      else out.push(part);
    }
  }
  return out;
}

type PhraseFinder = (units: readonly Unit[]) => Array<[number, number]>;

function phraseFinder(phrase: string, pos: string | undefined): PhraseFinder {
  const near = /^(.+?)\s+NEAR\/(\d+)\s+(.+)$/.exec(phrase);
  if (near) {
    const a = phraseFinder(near[1] as string, undefined);
    const b = phraseFinder(near[3] as string, undefined);
    const gap = Number(near[2]);
    return (units) => {
      const as = a(units);
      const bs = b(units);
      const out: Array<[number, number]> = [];
      for (const [s1, e1] of as)
        for (const [s2, e2] of bs) {
          if ((units[s1] as Unit).sentence !== (units[s2] as Unit).sentence) continue;
          const distance = s2 >= e1 ? s2 - e1 : s1 - e2;
          if (distance >= 0 && distance <= gap) out.push([Math.min(s1, s2), Math.max(e1, e2)]);
        }
      return out;
    };
  }
  const words = phraseWords(phrase);
  const tests = words.map((w) => wordTest(w, words.length === 1 ? pos : undefined));
  return (units) => {
    const out: Array<[number, number]> = [];
    outer: for (let i = 0; i + tests.length <= units.length; i++) {
      for (let k = 0; k < tests.length; k++)
        if (!(tests[k] as WordTest)(units[i + k] as Unit)) continue outer;
      out.push([i, i + tests.length]);
    }
    return out;
  };
}

interface Compiled {
  readonly pack: string;
  readonly entry: PackEntry;
  readonly excludes: readonly PhraseFinder[];
}

interface Sequence {
  readonly owner: Compiled;
  readonly tests: readonly WordTest[];
}

/**
 * A small stand-in for the project's engine, used only while src/match does not exist: lower-cased
 * token sequences with lemma or normal form, US/UK spelling folded, hyphen parts split, globs,
 * `word@POS`, `A NEAR/n B`, `re:` tokens and `exclude` phrases. Plain sequences are indexed by
 * their first word so that large packs stay fast.
 */
export function interimMatcher(packs: readonly Pack[]): Matcher {
  const byFirstWord = new Map<string, Sequence[]>();
  const scanned: Array<{ owner: Compiled; finder: PhraseFinder }> = [];
  for (const pack of packs) {
    for (const entry of pack.entries) {
      const owner: Compiled = {
        pack: pack.pack,
        entry,
        excludes: (entry.exclude ?? []).map((p) => phraseFinder(String(p), undefined)),
      };
      for (const raw of entry.patterns) {
        const p = String(raw);
        const words = phraseWords(p);
        const first = words[0] as string;
        if (/ NEAR\//.test(p) || /[*?@]/.test(first) || first.startsWith('re:')) {
          scanned.push({ owner, finder: phraseFinder(p, entry.pos) });
          continue;
        }
        const tests = words.map((w) => wordTest(w, words.length === 1 ? entry.pos : undefined));
        const key = foldWord(first);
        const list = byFirstWord.get(key) ?? [];
        list.push({ owner, tests });
        byFirstWord.set(key, list);
      }
    }
  }
  return {
    name: 'interim',
    match(doc) {
      const units = unitsOf(doc);
      const found: Array<{ owner: Compiled; s: number; e: number }> = [];
      for (let i = 0; i < units.length; i++) {
        const u = units[i] as Unit;
        const candidates = byFirstWord.get(u.normal);
        const byLemma = u.lemma !== u.normal ? byFirstWord.get(u.lemma) : undefined;
        for (const list of [candidates, byLemma]) {
          if (!list) continue;
          next: for (const seq of list) {
            if (i + seq.tests.length > units.length) continue;
            for (let k = 0; k < seq.tests.length; k++)
              if (!(seq.tests[k] as WordTest)(units[i + k] as Unit)) continue next;
            found.push({ owner: seq.owner, s: i, e: i + seq.tests.length });
          }
        }
      }
      for (const { owner, finder } of scanned)
        for (const [s, e] of finder(units)) found.push({ owner, s, e });
      const excludedCache = new Map<Compiled, Array<[number, number]>>();
      const seen = new Set<string>();
      const hits: Hit[] = [];
      for (const { owner, s, e } of found) {
        let excluded = excludedCache.get(owner);
        if (!excluded) {
          excluded = owner.excludes.flatMap((f) => f(units));
          excludedCache.set(owner, excluded);
        }
        if (excluded.some(([xs, xe]) => xs <= s && e <= xe)) continue;
        const first = (units[s] as Unit).token;
        const end = (units[e - 1] as Unit).token + 1;
        const key = `${owner.pack}/${owner.entry.id}/${first}:${end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (doc.tokens.scored[first] === 0) continue;
        hits.push({
          pack: owner.pack,
          entryId: owner.entry.id,
          category: owner.entry.category,
          weight: owner.entry.weight ?? 1,
          sentence: (units[s] as Unit).sentence,
          firstToken: first,
          endToken: end,
          text: doc.text.slice(doc.tokens.start[first], doc.tokens.end[end - 1]),
        });
      }
      return hits.sort((a, b) => a.firstToken - b.firstToken || b.endToken - a.endToken);
    },
  };
}
