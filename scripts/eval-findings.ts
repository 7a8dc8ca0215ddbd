/**
 * How far a scholar can trust the findings framescope reports on real corpora: who is cited
 * (speaker correct), what kind of source (source type correct), which facts disagree
 * (discrepancy precision) and which names are spelled two ways (spelling-variant precision),
 * measured against labels written by reading the sentences (test/fixtures/gold, rules in its
 * README). Usage:
 *
 *   node --import tsx scripts/eval-findings.ts            figures
 *   node --import tsx scripts/eval-findings.ts --show     also print every sampled item that has no label yet,
 *                                                         with its sentence, to label it
 *
 * Samples are drawn from the current output, so that precision is that of what the tool reports
 * now: per corpus, the items with the lowest SHA-1 of their key (a stable pseudo-random order:
 * an item keeps its place while the output around it changes). Labels are keyed by article and
 * character offset (attributions) or by the pair of articles and values (discrepancies), so they
 * outlive changes of the output; an item met in a sample without a label is listed, never guessed.
 *
 * Reads ../shared/data (BASIL, BBC, COVID-19 origins); prints a message and exits 0 when absent.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { createAnalyzer } from '../src/analyzer/analyzer.ts';
import { findStoreDiscrepancies } from '../src/compare/discrepancies.ts';
import { groupStore } from '../src/compare/grouping.ts';
import { type ArticleSummary, type Discrepancy, summaryStore } from '../src/compare/index.ts';
import type { Article, Attribution } from '../src/types.ts';
import { CORPUS_PATHS, type CorpusName, corpusArticles, corpusAvailable } from './findings-corpora.ts';

const goldDir = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'gold');
const show = process.argv.includes('--show');
/** `--corpora basil,bbc` reads only those (the spelling-variant sample then draws from them alone). */
const only = process.argv.find((a, i) => process.argv[i - 1] === '--corpora')?.split(',');

const SPEAKER_SAMPLE = 50;
const TYPE_SAMPLE = 50;
const DISCREPANCY_SAMPLE = 50;
const SPELLING_SAMPLE = 50;
const REPORTED = new Set(['direct', 'indirect', 'mixed', 'according-to', 'parenthetical']);
/** Source types that say what a source is; `other` and `unknown` say it was not typed. */
const UNTYPED = new Set(['other', 'unknown']);

const hashOf = (key: string) => createHash('sha1').update(key).digest('hex');
const lowestHashes = <T>(items: readonly T[], keyOf: (x: T) => string, n: number): T[] =>
  items
    .map((x) => ({ x, h: hashOf(keyOf(x)) }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
    .slice(0, n)
    .map((p) => p.x);

/**
 * An article id that holds a whole headline (China Daily's file names) is written in the labels as
 * `sha1:` and the first 12 hex digits of the id's SHA-1, so that no headline is copied into the
 * repository; readGold gives such references back their ids (from the articles of the runs).
 */
const ARTICLE_COLUMNS = ['article', 'article_a', 'article_b'];
function idsByHash(runs: Iterable<CorpusRun>): ReadonlyMap<string, string> {
  const byHash = new Map<string, string>();
  for (const run of runs)
    for (const id of run.articles.keys()) byHash.set(`sha1:${hashOf(id).slice(0, 12)}`, id);
  return byHash;
}

function readGold(file: string, idByHash: ReadonlyMap<string, string>): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(join(goldDir, file), 'utf8'), {
    header: true,
    skipEmptyLines: 'greedy',
    comments: '#',
  });
  if (parsed.errors.length > 0)
    throw new Error(
      `${join(goldDir, file)} line ${(parsed.errors[0]?.row ?? 0) + 2}: ${parsed.errors[0]?.message}`,
    );
  for (const row of parsed.data)
    for (const c of ARTICLE_COLUMNS) {
      const id = row[c]?.startsWith('sha1:') ? idByHash.get(row[c] as string) : undefined;
      if (id) row[c] = id;
    }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Running framescope on a corpus

interface Analysed {
  readonly article: Article;
  readonly attributions: readonly Attribution[];
}

interface CorpusRun {
  readonly name: CorpusName;
  readonly articles: ReadonlyMap<string, Analysed>;
  readonly discrepancies: readonly Discrepancy[];
}

function runCorpus(name: CorpusName): CorpusRun {
  const began = Date.now();
  const analyzer = createAnalyzer();
  const articles = new Map<string, Analysed>();
  const summaries: ArticleSummary[] = [];
  for (const article of corpusArticles(name)) {
    const { result, summary } = analyzer.analyze(article);
    articles.set(article.id, { article, attributions: result.attributions });
    summaries.push(summary);
  }
  const analysed = Date.now();
  const discrepancies = discrepanciesOf(summaries);
  console.error(
    `${name}: ${articles.size} articles analysed in ${((analysed - began) / 1000).toFixed(1)} s, compared in ${((Date.now() - analysed) / 1000).toFixed(1)} s`,
  );
  return { name, articles, discrepancies };
}

/**
 * The facts that disagree, as `framescope analyze` finds them with its default grouping (the
 * event column, else text clusters), over the distinct texts of each group. Reuse, which the
 * comparison also measures, is not needed here and is the slow part on long articles.
 */
function discrepanciesOf(summaries: readonly ArticleSummary[]): Discrepancy[] {
  const store = summaryStore(summaries);
  const duplicates = store.duplicates();
  const grouping = groupStore(store, {}, duplicates);
  const out: Discrepancy[] = [];
  for (const g of grouping.groups) {
    const members = g.members.filter((m) => duplicates.representativeOf[m] === m);
    out.push(...findStoreDiscrepancies({ ...g, members }, store));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Attributions: speaker and source type

interface AttributionItem {
  readonly corpus: CorpusName;
  readonly article: string;
  /** `c<offset of the cue>`, or `q<offset of the content>` for a quotation without a cue. */
  readonly key: string;
  readonly attribution: Attribution;
}

const attributionKey = (a: Attribution) =>
  a.cue ? `c${a.cue.start}` : `q${a.content?.start ?? a.source?.start}`;

function attributionItems(run: CorpusRun): AttributionItem[] {
  const seen = new Set<string>();
  const out: AttributionItem[] = [];
  for (const [id, a] of run.articles)
    for (const attribution of a.attributions) {
      if (!REPORTED.has(attribution.kind)) continue;
      const key = attributionKey(attribution);
      // An interrupted quotation is two attributions of one cue: one statement, one item.
      if (seen.has(`${id}|${key}`)) continue;
      seen.add(`${id}|${key}`);
      out.push({ corpus: run.name, article: id, key, attribution });
    }
  return out;
}

const itemId = (x: { corpus: string; article: string; key: string }) => `${x.corpus}|${x.article}|${x.key}`;

/**
 * Whether the speaker framescope gives is one the label accepts: the label lists the forms of the
 * one speaker the text names ("Paul Ryan|Ryan|Mr. Ryan"), "-" for no named speaker, "none" when
 * the sentence reports no speech (then nothing framescope gives is right). A speaker that ends with
 * a full name of the label ("Former Arkansas Gov. Mike Huckabee") names the right person.
 */
/** A name in lower case without middle initials: "Paul D. Ryan" is "Paul Ryan". */
const bareName = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/\s\p{L}\.(?=\s)/gu, '');

function speakerAgrees(gold: string, speaker: string | null): boolean {
  if (gold === 'none') return false;
  const forms = gold.split('|').map(bareName);
  if (speaker === null) return forms.includes('-');
  const s = bareName(speaker);
  return forms.some((f) => f === s || (f.includes(' ') && s.endsWith(` ${f}`)));
}

function describeAttribution(run: CorpusRun, x: AttributionItem): string {
  const a = x.attribution;
  const text = run.articles.get(x.article)?.article.text ?? '';
  // The text around the attribution with its parts marked: [source] <cue> {content}.
  const marks: [number, string][] = [];
  if (a.source) marks.push([a.source.start, '['], [a.source.end, ']']);
  if (a.cue) marks.push([a.cue.start, '<'], [a.cue.end, '>']);
  if (a.content) marks.push([a.content.start, '{'], [a.content.end, '}']);
  const from = Math.max(0, Math.min(...marks.map((m) => m[0])) - 500);
  const to = Math.min(text.length, Math.max(...marks.map((m) => m[0])) + 80);
  let shown = '';
  let at = from;
  for (const [offset, mark] of marks.sort((p, q) => p[0] - q[0])) {
    shown += text.slice(at, offset) + mark;
    at = offset;
  }
  shown += text.slice(at, to);
  return [
    `${x.corpus},${x.article},${x.key},${a.cue?.text ?? ''},  <- ${a.kind}; speaker ${a.speaker ?? '(none)'} (${a.resolution}); type ${a.sourceType}`,
    `    ${shown.replace(/\s+/g, ' ')}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Discrepancies and spelling variants, as pairs of values

interface PairSide {
  readonly article: string;
  readonly value: string;
  /** As written, and the sentence it was read from. */
  readonly text: string;
  readonly sentence: string;
}

interface ValuePair {
  readonly corpus: CorpusName;
  readonly field: string;
  readonly subject: string;
  readonly a: PairSide;
  readonly b: PairSide;
}

const pairKey = (p: ValuePair) => {
  const [x, y] = [`${p.a.article}=${p.a.value}`, `${p.b.article}=${p.b.value}`].sort();
  return `${p.corpus}|${x}|${y}`;
};

/** Every pair of two different values of one discrepancy, each at its first mention. */
function valuePairs(run: CorpusRun, keep: (d: Discrepancy) => boolean): ValuePair[] {
  const out: ValuePair[] = [];
  for (const d of run.discrepancies) {
    if (!keep(d)) continue;
    for (let i = 0; i < d.values.length; i++)
      for (let j = i + 1; j < d.values.length; j++) {
        const vi = d.values[i] as Discrepancy['values'][number];
        const vj = d.values[j] as Discrepancy['values'][number];
        const mi = vi.mentions[0];
        const mj = vj.mentions.find((m) => m.article !== mi?.article) ?? vj.mentions[0];
        if (!mi || !mj) continue;
        out.push({
          corpus: run.name,
          field: d.field,
          subject: d.subject,
          a: { article: mi.article, value: vi.value, text: mi.text, sentence: mi.sentence.text },
          b: { article: mj.article, value: vj.value, text: mj.text, sentence: mj.sentence.text },
        });
      }
  }
  return out;
}

function describePair(p: ValuePair): string {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  return [
    `${p.corpus},${p.a.article},${p.a.value},${p.b.article},${p.b.value},  <- ${p.field}: ${p.subject}`,
    `    A "${p.a.text}": ${flat(p.a.sentence)}`,
    `    B "${p.b.text}": ${flat(p.b.sentence)}`,
  ].join('\n');
}

/** A spelling pair is labelled where it was met: the same two spellings may be one person in some articles and two in others. */
const spellingKey = pairKey;

// ---------------------------------------------------------------------------------------------

interface Tally {
  right: number;
  labelled: number;
  unlabelled: string[];
  /** Labelled items framescope gets wrong, with the label (printed by --show). */
  wrong: string[];
}
const tally = (): Tally => ({ right: 0, labelled: 0, unlabelled: [], wrong: [] });
const ratio = (t: Tally) => (t.labelled > 0 ? (t.right / t.labelled).toFixed(3) : '-');

function main(): void {
  const corpora = (['basil', 'bbc', 'covid'] as const).filter((c) => !only || only.includes(c));
  const missing = corpora.filter((c) => !corpusAvailable(c));
  if (missing.length > 0) {
    console.log(`Absent: ${missing.map((c) => CORPUS_PATHS[c]).join(', ')}; nothing to evaluate.`);
    return;
  }
  const runs = new Map<CorpusName, CorpusRun>();
  for (const c of corpora) runs.set(c, runCorpus(c));

  const idByHash = idsByHash(runs.values());
  const goldAttributions = new Map(
    readGold('attributions.csv', idByHash).map((r) => [`${r.corpus}|${r.article}|${r.key}`, r]),
  );
  const goldDiscrepancies = new Map(
    readGold('discrepancies.csv', idByHash).map((r) => {
      const [x, y] = [`${r.article_a}=${r.value_a}`, `${r.article_b}=${r.value_b}`].sort();
      return [`${r.corpus}|${x}|${y}`, r];
    }),
  );
  const goldSpelling = new Map<string, Record<string, string>>(
    readGold('spelling-variants.csv', idByHash).map((r) => {
      const [x, y] = [`${r.article_a}=${r.a}`, `${r.article_b}=${r.b}`].sort();
      return [`${r.corpus}|${x}|${y}`, r] as const;
    }),
  );

  const speaker = tally();
  const speakerNamed = tally();
  const type = tally();
  // Per corpus too, so that one corpus's labels can be kept apart while tuning the typing rules.
  const typeByCorpus = new Map<CorpusName, Tally>();
  const discrepancy = tally();
  const spelling = tally();
  const typedShare: string[] = [];
  const spellingPairs: { run: CorpusRun; pair: ValuePair }[] = [];
  let basilPairs = 0;

  // Attributions and disagreeing facts are sampled from BASIL and BBC, those of them that were read.
  for (const c of (['basil', 'bbc'] as const).filter((name) => runs.has(name))) {
    const run = runs.get(c) as CorpusRun;
    const items = attributionItems(run);
    for (const x of lowestHashes(items, itemId, SPEAKER_SAMPLE)) {
      const gold = goldAttributions.get(itemId(x));
      if (!gold) {
        speaker.unlabelled.push(describeAttribution(run, x));
        continue;
      }
      const ok = speakerAgrees(gold.speaker ?? '', x.attribution.speaker);
      speaker.labelled++;
      if (ok) speaker.right++;
      else speaker.wrong.push(`${describeAttribution(run, x)}\n    gold: ${gold.speaker}`);
      if (x.attribution.speaker !== null) {
        speakerNamed.labelled++;
        if (ok) speakerNamed.right++;
      }
    }
    const named = items.filter(
      (x) => x.attribution.speaker && ['named', 'pronoun'].includes(x.attribution.resolution),
    );
    const typeHere = tally();
    typeByCorpus.set(c, typeHere);
    for (const x of lowestHashes(named, itemId, TYPE_SAMPLE)) {
      const gold = goldAttributions.get(itemId(x));
      if (!gold?.type) {
        type.unlabelled.push(describeAttribution(run, x));
        continue;
      }
      type.labelled++;
      typeHere.labelled++;
      if (gold.type === x.attribution.sourceType) {
        type.right++;
        typeHere.right++;
      } else type.wrong.push(`${describeAttribution(run, x)}\n    gold: ${gold.speaker} / ${gold.type}`);
    }
    const typed = named.filter((x) => !UNTYPED.has(x.attribution.sourceType)).length;
    typedShare.push(
      `| ${c} | ${named.length} | ${typed} | ${named.length ? (typed / named.length).toFixed(3) : '-'} |`,
    );

    const pairs = valuePairs(run, (d) => d.class === 'conflict' || d.class === 'precision');
    // BASIL holds few disagreeing facts: BBC fills the sample up to twice the per-corpus size.
    const size = c === 'basil' ? DISCREPANCY_SAMPLE : 2 * DISCREPANCY_SAMPLE - basilPairs;
    const sampled = lowestHashes(pairs, pairKey, size);
    if (c === 'basil') basilPairs = sampled.length;
    for (const p of sampled) {
      const gold = goldDiscrepancies.get(pairKey(p));
      if (!gold) {
        discrepancy.unlabelled.push(describePair(p));
        continue;
      }
      discrepancy.labelled++;
      if (gold.label === 'yes') discrepancy.right++;
      else discrepancy.wrong.push(describePair(p));
    }
  }
  for (const c of corpora) {
    const run = runs.get(c) as CorpusRun;
    for (const pair of valuePairs(run, (d) => d.class === 'spelling-variant'))
      spellingPairs.push({ run, pair });
  }
  const seenSpelling = new Set<string>();
  const distinctSpelling = spellingPairs.filter(({ pair }) => {
    const k = spellingKey(pair);
    if (seenSpelling.has(k)) return false;
    seenSpelling.add(k);
    return true;
  });
  for (const { run, pair } of lowestHashes(distinctSpelling, (x) => spellingKey(x.pair), SPELLING_SAMPLE)) {
    const gold = goldSpelling.get(spellingKey(pair));
    if (!gold) {
      spelling.unlabelled.push(describePair(pair));
      continue;
    }
    spelling.labelled++;
    if (gold.label === 'yes') spelling.right++;
    else spelling.wrong.push(describePair(pair));
  }

  const line = (name: string, t: Tally, target: string) =>
    `| ${name} | ${ratio(t)} | ${t.right}/${t.labelled} | ${t.unlabelled.length} | ${target} |`;
  console.log('| measure | precision | right / labelled | sampled, not labelled | target |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(line('speaker correct (BASIL + BBC attributions)', speaker, '>= 0.90'));
  console.log(line('  of those, attributions given a speaker', speakerNamed, '-'));
  console.log(line('source type correct (named sources)', type, '>= 0.85'));
  for (const [c, t] of typeByCorpus) console.log(line(`  of those, ${c}`, t, '-'));
  console.log(line('discrepancies (conflict, precision)', discrepancy, '>= 0.80'));
  console.log(line('spelling variants (BASIL + BBC + COVID)', spelling, '>= 0.90'));
  console.log('');
  console.log(
    '| corpus | named sources (attributions) | typed (not other/unknown) | share (target >= 0.70) |',
  );
  console.log('| --- | --- | --- | --- |');
  for (const l of typedShare) console.log(l);
  console.log('');
  const all = (runs: CorpusRun[]) =>
    runs.map(
      (r) =>
        `${r.name}: ${r.articles.size} articles, ${r.discrepancies.filter((d) => d.class === 'conflict').length} conflicts, ${r.discrepancies.filter((d) => d.class === 'precision').length} precision, ${r.discrepancies.filter((d) => d.class === 'spelling-variant').length} spelling-variant rows`,
    );
  for (const l of all([...runs.values()])) console.log(l);
  if (show) {
    for (const [name, t] of [
      ['attributions (speaker)', speaker],
      ['attributions (type)', type],
      ['discrepancies', discrepancy],
      ['spelling variants', spelling],
    ] as const) {
      if (t.wrong.length > 0) {
        console.log(`\n## ${name}: ${t.wrong.length} labelled items framescope gets wrong\n`);
        for (const w of t.wrong) console.log(w);
      }
      if (t.unlabelled.length === 0) continue;
      console.log(`\n## ${name}: ${t.unlabelled.length} sampled items without a label\n`);
      for (const u of t.unlabelled) console.log(u);
    }
  }
}

main();
