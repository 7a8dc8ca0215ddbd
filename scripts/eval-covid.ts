/**
 * Measured validity of the state-media phrasing score on the covid-origins development split:
 * ROC-AUC of China Daily against the four other outlets, each article scored by its weighted rate of
 * `state-media.prc.*` hits per 1,000 scored words (all voices), after masking what names the outlet
 * rather than phrasing it (outlet names, bylines, "Updated:" stamps, datelines, the full-width
 * dateline dash, copyright and reprint lines, author bios and disclaimers, photo credits, URLs; see
 * maskOutletGiveaways in eval-lib.ts). Also printed: the same on the two halves of a random split
 * stratified by outlet class (`splitHalves`, seed 1), the authorial-voice rate that the analyzer
 * reports as `index_state_media`, and, with --entries, each entry's share of articles per class.
 *
 *   node --import tsx scripts/eval-covid.ts [--entries] [--file=path/to/split.jsonl]
 */
import {
  engineMatcher,
  fixed,
  halfAuc,
  loadJsonl,
  maskOutletGiveaways,
  packVersions,
  readDocumentOf,
  rocAuc,
  sharedFile,
  splitHalves,
} from './eval-lib.ts';

const args = process.argv.slice(2);
const showEntries = args.includes('--entries');
const fileArg = args.find((a) => a.startsWith('--file='));
const file = fileArg ? fileArg.slice('--file='.length) : sharedFile('data', 'covid-origins', 'dev.jsonl');
const PACK = 'prc-state-media';
const CATEGORY = 'state-media.prc';

const rows = loadJsonl(file);
const matcher = engineMatcher([PACK]);
const isChinaDaily = (publication: string) => /^china daily/i.test(publication);

const labels: boolean[] = [];
const rates: number[] = [];
const authorialRates: number[] = [];
const entryHits = new Map<string, [number, number]>();
const categoryRates = new Map<string, number[]>();
const started = performance.now();
let words = 0;
for (const row of rows) {
  const doc = readDocumentOf(row.id, maskOutletGiveaways(row.text));
  const positive = isChinaDaily(row.publication);
  const hits = matcher.match(doc, { voices: true }).filter((h) => h.category.startsWith(CATEGORY));
  const per1000 = doc.wordCount > 0 ? 1000 / doc.wordCount : 0;
  words += doc.wordCount;
  labels.push(positive);
  rates.push(hits.reduce((sum, h) => sum + h.weight, 0) * per1000);
  authorialRates.push(hits.reduce((sum, h) => sum + (h.voice === 'authorial' ? h.weight : 0), 0) * per1000);
  const byCategory = new Map<string, number>();
  for (const h of hits) byCategory.set(h.category, (byCategory.get(h.category) ?? 0) + h.weight * per1000);
  for (const c of new Set([...categoryRates.keys(), ...byCategory.keys()])) {
    const list = categoryRates.get(c) ?? new Array<number>(labels.length - 1).fill(0);
    list.push(byCategory.get(c) ?? 0);
    categoryRates.set(c, list);
  }
  for (const id of new Set(hits.map((h) => h.entryId))) {
    const counts = entryHits.get(id) ?? [0, 0];
    counts[positive ? 0 : 1]++;
    entryHits.set(id, counts);
  }
}
const seconds = (performance.now() - started) / 1000;
const positives = labels.filter(Boolean).length;
const negatives = labels.length - positives;
const withHit = (want: boolean) => labels.filter((l, i) => l === want && (rates[i] as number) > 0).length;
const inA = splitHalves(
  rows.map((r) => r.id),
  labels,
);
const withHalves = (scores: readonly number[]) =>
  `${fixed(rocAuc(scores, labels))} (half A ${fixed(halfAuc(scores, labels, inA, true))}, half B ${fixed(halfAuc(scores, labels, inA, false))})`;

console.log(`command: node --import tsx scripts/eval-covid.ts${args.length ? ` ${args.join(' ')}` : ''}`);
console.log(`data: ${file}`);
console.log(
  `engine: ${packVersions(matcher)}; quotations and attributions found; ${words} scored words in ${seconds.toFixed(1)} s`,
);
console.log(`articles: ${positives} China Daily, ${negatives} others; outlet give-aways masked`);
console.log(
  `ROC-AUC (China Daily vs others, ${CATEGORY}.* weighted rate per 1,000 words): ${withHalves(rates)}`,
);
console.log(`  authorial voice only (index_state_media):         ${withHalves(authorialRates)}`);
console.log(
  `articles with at least one hit: China Daily ${((100 * withHit(true)) / positives).toFixed(1)}%, others ${((100 * withHit(false)) / negatives).toFixed(1)}%`,
);
for (const [c, list] of [...categoryRates].sort(([a], [b]) => a.localeCompare(b))) {
  while (list.length < labels.length) list.push(0);
  console.log(`  ${c.padEnd(34)} AUC ${fixed(rocAuc(list, labels))}`);
}
if (showEntries) {
  console.log('\nentry                       China Daily   others  (share of articles with a hit)');
  for (const [id, [p, n]] of [...entryHits].sort(([a], [b]) => a.localeCompare(b)))
    console.log(
      `  ${id.padEnd(26)} ${((100 * p) / positives).toFixed(1).padStart(6)}% ${((100 * n) / negatives).toFixed(1).padStart(7)}%`,
    );
}
