/**
 * Shared helpers of the lexicon validity scripts (eval-babe, eval-covid, mine-*): rank statistics,
 * loading the shared data sets, masking outlet give-aways, split halves, and scoring documents with
 * the project's engine.
 * The data sets stay in ../shared; nothing here copies their text into the project.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { type ReadArticle, readArticle } from '../src/analyzer/readArticle.ts';
import { type SourceLexicon, loadSourceLexicon } from '../src/attribution/index.ts';
import { rocAuc } from '../src/curation/auc.ts';
import { framingFigures } from '../src/figures/framing.ts';
import { INDEXES, indexPartsOf } from '../src/figures/indexes.ts';
import {
  type CompiledLexicon,
  type Pack,
  checkPacks,
  compileLexicon,
  formatIssue,
  readPackFile,
} from '../src/lexicon/index.ts';
import { selectPacks } from '../src/lexicon/select.ts';
import { readDocument } from '../src/text/document.ts';
import type { Article, Document, Issue, Match } from '../src/types.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedRoot = resolve(repoRoot, '..', 'shared');

export function sharedFile(...parts: string[]): string {
  const path = join(sharedRoot, ...parts);
  if (!existsSync(path)) throw new Error(`expected the shared data file ${path}; it is absent`);
  return path;
}

// ---------------------------------------------------------------------------------------------
// Rank statistics

/** ROC-AUC (Mann-Whitney, mid-ranks for ties) and the stratified hash split: the library's own. */
export { rocAuc, splitHalves } from '../src/curation/auc.ts';

export function fixed(x: number | null, digits = 3): string {
  return x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
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
function parsePythonList(literal: string): string[] {
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
  readonly date: string;
  readonly text: string;
}

/** The objects of a JSONL file, one a line (blank lines skipped). */
function jsonlObjects(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function loadJsonl(file: string): NewsRow[] {
  return jsonlObjects(file).map((r) => ({
    id: String(r.id),
    publication: String(r.publication ?? ''),
    author: String(r.author ?? ''),
    date: String(r.date ?? ''),
    text: String(r.text ?? ''),
  }));
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

/**
 * The full-width hyphen (U+FF0D) with which one outlet separates its datelines, as written and as
 * mis-decoded from UTF-8 by the database the texts come from ("Ôºç"); both become a plain dash so
 * that neither the character nor the encoding error tells the outlet apart.
 */
const FULL_WIDTH_DASH = /\uFF0D|\u00D4\u00BA\u00E7/g;

/** Datelines that open a story: "New Delhi, March 29 -- ", "BEIJING — ", "WASHINGTON (Reuters) -". */
const DATELINE =
  /^\s*[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}(,\s*[A-Z][a-z]{2,9}\.? \d{1,2})?\s*(\([^)]{1,30}\))?\s*(--|—|–|-|:)\s+/;

/**
 * A dateline in capitals at the start of any paragraph ("ROME - ", "GENEVA, March 3 —"): stories
 * that open with a headline or a standfirst line carry their dateline on a later line.
 */
const CAPITALS_DATELINE =
  /^\s*[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]*){0,3}(,\s*[A-Z][a-z]{2,9}\.? \d{1,2})?\s*(\([^)]{1,30}\))?\s*(--|—|–|-)\s+/;

/**
 * Removes what identifies the outlet rather than its phrasing: outlet names anywhere, bylines,
 * "Updated:" stamps, copyright and reprint lines, author bios and disclaimers, photo credits,
 * URLs, live-blog stamps, a dateline at the start of the first line or in capitals at the start of
 * any line, and the outlet's full-width dateline dash. Removed lines become empty lines, so the
 * article keeps its paragraph shape.
 */
export function maskOutletGiveaways(text: string): string {
  const lines = text
    .replace(FULL_WIDTH_DASH, ' - ')
    .split(/\r\n|\r|\n/)
    .map((line) => (MASKED_LINES.some((re) => re.test(line)) ? '' : line.replace(CAPITALS_DATELINE, '')));
  const firstBody = lines.findIndex((l) => l.trim() !== '');
  if (firstBody >= 0) lines[firstBody] = (lines[firstBody] as string).replace(DATELINE, '');
  return lines.join('\n').replace(OUTLET_NAMES, ' ');
}

// ---------------------------------------------------------------------------------------------
// Splits

/** ROC-AUC over the items of one half (`inA[i] === half`). */
export function halfAuc(
  scores: readonly number[],
  labels: readonly boolean[],
  inA: readonly boolean[],
  half: boolean,
): number | null {
  const keep = (_: unknown, i: number) => inA[i] === half;
  return rocAuc(scores.filter(keep), labels.filter(keep));
}

// ---------------------------------------------------------------------------------------------
// Scoring with the project's engine

function articleOf(id: string, text: string): Article {
  return { id, text, metadata: {}, source: { file: id, format: 'txt' } };
}

export function readDocumentOf(id: string, text: string): Document {
  return readDocument(articleOf(id, text));
}

export interface PackMatcher {
  /** The packs as read, in the order given (for their versions). */
  readonly packs: readonly Pack[];
  readonly lexicon: CompiledLexicon;
  /**
   * One text read as analyze reads it (`readArticle`: document, quotations, attributions, and the
   * hits with their voice), with the figures articles.csv shows for it (`framingFigures`).
   */
  readonly read: (
    id: string,
    text: string,
  ) => ReadArticle & { readonly figures: Record<string, number | null> };
  /** Whether a hit counts in an index of the registry, as the packs declare (`indexPartsOf`). */
  readonly feeds: (indexName: string) => (m: Match) => boolean;
}

let sourceLexicon: SourceLexicon | undefined;

function matcherOf(packs: readonly Pack[]): PackMatcher {
  const lexicon = compileLexicon(packs);
  const byId = new Map(packs.map((p) => [p.pack, p]));
  return {
    packs,
    lexicon,
    read(id, text) {
      sourceLexicon ??= loadSourceLexicon();
      const read = readArticle(articleOf(id, text), lexicon, sourceLexicon);
      return { ...read, figures: framingFigures(read.doc, read.matches, lexicon) };
    },
    feeds(indexName) {
      const index = INDEXES.findIndex((i) => i.name === indexName);
      if (index < 0) throw new Error(`expected an index of the registry, found "${indexName}"`);
      return (m) => {
        const pack = byId.get(m.pack);
        return pack !== undefined && indexPartsOf(pack, m.category).some(([i]) => i === index);
      };
    },
  };
}

/** Throws when a pack has an error, so that a figure is never produced from a pack the analyzer would refuse. */
function refuseErrors(issues: readonly Issue[]): void {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0)
    throw new Error(`expected packs without errors, found:\n${errors.map(formatIssue).join('\n')}`);
}

/** The named built-in packs compiled alone with the project's engine (src/lexicon, src/match). */
export function engineMatcher(packNames: readonly string[]): PackMatcher {
  const packs = packNames.flatMap((n) => readPackFile(join(repoRoot, 'lexicons', `${n}.yaml`)));
  refuseErrors([...packs.flatMap((p) => p.issues), ...checkPacks(packs)]);
  return matcherOf(packs);
}

/** Every built-in pack, as analyze loads them (`selectPacks`). */
export function builtinMatcher(): PackMatcher {
  const { usable, issues } = selectPacks({ lexicons: [], builtinLexicons: true });
  refuseErrors(issues);
  return matcherOf(usable);
}

/** `name vX.Y.Z` of each framing pack, for the scripts' headers. */
export function packVersions(matcher: PackMatcher): string {
  return matcher.packs
    .filter((p) => p.kind === 'framing')
    .map((p) => `${p.pack} v${p.version}`)
    .join(', ');
}

/**
 * Spearman's rank correlation: Pearson's r of the mid-ranks (ties share their mean rank). Null
 * when either variable is constant or there are fewer than two pairs.
 */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length)
    throw new Error(`expected as many x as y values, found ${x.length} and ${y.length}`);
  if (x.length < 2) return null;
  return pearson(midRanks(x), midRanks(y));
}

function midRanks(values: readonly number[]): Float64Array {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1] as number] === values[order[i] as number]) j++;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

// ---------------------------------------------------------------------------------------------
// State-media headlines and BASIL

export interface HeadlineRow {
  readonly id: string;
  readonly outlet: string;
  readonly state: boolean;
  readonly date: string;
  readonly text: string;
  readonly set: string;
  /** The story of the Ukraine-war set (`nuclear`, `railway`, `supermarket`); empty elsewhere. */
  readonly event: string;
}

export function loadHeadlines(
  file = sharedFile('data', 'state-media-headlines', 'dev.jsonl'),
): HeadlineRow[] {
  return jsonlObjects(file).map((r) => ({
    id: String(r.id),
    outlet: String(r.outlet ?? ''),
    state: r.state === true,
    date: String(r.date ?? ''),
    text: String(r.text ?? ''),
    set: String(r.set ?? ''),
    event: String(r.event ?? ''),
  }));
}

/** The outlets of the headline sets and the wire services they cite, with their short forms. */
const HEADLINE_OUTLETS =
  /\b(CGTN|Xinhua( News Agency)?|Global Times|GT|China Daily|BBC|RT|Russia Today|TASS|News Front|Reuters|Al Jazeera|MSNBC|NBC News|Sputnik)\b('s)?/g;

/**
 * Series names that open a headline ("Feature:", "Roundup:", "GT Voice:", "Factbox:"): each is the
 * rubric of one outlet's pages, not phrasing, so each is removed whichever outlet uses it.
 */
const HEADLINE_RUBRIC =
  /^\s*(Xinhua Headlines|Xinhua Commentary|GT Voice|GT Investigates|GT Exclusive|CGTN Sports Talk|China Weekly News Quiz|Global Political Calendar|China Focus|Across China|Economic Watch|World Insights|News Analysis|Xi Focus|Xiconomics|In pics|Feature|Roundup|Interview|Commentary|Profile|Update|Exclusive|Graphics|Full text|Factbox|Explainer|Analysis|Special Report|Morning Bid|Transcripts?|Watch|Timeline|Live|(Ukraine )?latest (Ukraine )?updates|Latest Ukraine updates)\s*:\s*/i;

/** Removes what names a headline's outlet: its name (and the wires') anywhere, and rubric prefixes. */
export function maskHeadlineGiveaways(text: string): string {
  return text.replace(HEADLINE_RUBRIC, '').replace(HEADLINE_OUTLETS, ' ');
}

export interface BasilArticle {
  readonly id: string;
  /** `nyt`, `fox` or `hpo`. */
  readonly outlet: string;
  readonly event: string;
  /** The paragraphs (a blank line between) of sentences (a space between), as eval-basil-voice reads them. */
  readonly text: string;
  /** The annotators' loaded-wording spans (`bias: lex`) that are not quotes (`quote: no`). */
  readonly lexOutsideQuotes: number;
  readonly lexAll: number;
}

/** BASIL's articles with their annotation files, or null when ../shared/data/basil is absent. */
export function loadBasil(root = join(sharedRoot, 'data', 'basil')): BasilArticle[] | null {
  if (!existsSync(root)) return null;
  const out: BasilArticle[] = [];
  for (const year of readdirSync(join(root, 'annotations')).sort()) {
    for (const file of readdirSync(join(root, 'annotations', year)).sort()) {
      const articleFile = join(root, 'articles', year, file.replace(/_ann\.json$/, '.json'));
      if (!existsSync(articleFile)) throw new Error(`expected ${articleFile} beside ${file}; it is absent`);
      const article = JSON.parse(readFileSync(articleFile, 'utf8')) as {
        'body-paragraphs': string[][];
        source: string;
        'triplet-uuid': string;
      };
      const ann = JSON.parse(readFileSync(join(root, 'annotations', year, file), 'utf8')) as {
        'phrase-level-annotations': { bias: string; quote: string }[];
      };
      const lex = ann['phrase-level-annotations'].filter((p) => p.bias === 'lex');
      out.push({
        id: file.replace(/_ann\.json$/, ''),
        outlet: article.source,
        event: article['triplet-uuid'],
        text: article['body-paragraphs'].map((p) => p.join(' ')).join('\n\n'),
        lexOutsideQuotes: lex.filter((p) => p.quote !== 'yes').length,
        lexAll: lex.length,
      });
    }
  }
  return out;
}
