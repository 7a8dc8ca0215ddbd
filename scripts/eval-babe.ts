/**
 * Measured validity of the loaded-language score on the BABE development split: sentence-level
 * ROC-AUC against the experts' `label_bias` of `index_evaluative_intensity` as articles.csv shows
 * it (every built-in pack loaded as analyze loads them, each sentence read by `readArticle`, the
 * registry deciding which categories, voices and weights count: `framingFigures`), and of the
 * weighted count of the same hits (the sentence's length left out), on the whole split and on the
 * two halves of a random split stratified by label (`splitHalves`, seed 1); per category and per
 * entry as well; and word-level precision and recall of the hit words against the experts'
 * `biased_words`.
 *
 *   node --import tsx scripts/eval-babe.ts [--file=path/to/babe.csv] [--words]
 */
import { INDEXES, hitValue } from '../src/figures/indexes.ts';
import {
  builtinMatcher,
  fixed,
  halfAuc,
  loadBabe,
  packVersions,
  rocAuc,
  sharedFile,
  splitHalves,
} from './eval-lib.ts';

const args = process.argv.slice(2);
const fileArg = args.find((a) => a.startsWith('--file='));
const file = fileArg ? fileArg.slice('--file='.length) : sharedFile('data', 'babe', 'babe-dev.csv');
const INDEX = 'index_evaluative_intensity';
const definition = INDEXES.find((i) => i.name === INDEX);
if (!definition) throw new Error(`expected ${INDEX} in the registry`);

const rows = loadBabe(file);
const matcher = builtinMatcher();
const counts = matcher.feeds(INDEX);
const labels = rows.map((r) => r.biased);
const inA = splitHalves(
  rows.map((_, i) => `babe-${i}`),
  labels,
);
const scores: number[] = [];
const weightedCounts: number[] = [];
const byCategory = new Map<string, number[]>();
const byEntry = new Map<string, number[]>();
const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .match(/[a-z0-9][a-z0-9'-]*/g) ?? [];
let hitWords = 0;
let hitWordsMarked = 0;
let markedWords = 0;
let markedWordsHit = 0;
const falsePositives = new Map<string, number>();
const add = (map: Map<string, number[]>, key: string, i: number, x: number) => {
  const list = map.get(key) ?? new Array<number>(rows.length).fill(0);
  list[i] = (list[i] as number) + x;
  map.set(key, list);
};
rows.forEach((row, i) => {
  const { matches, figures } = matcher.read(`babe-${i}`, row.text);
  const hits = matches.filter(counts);
  scores.push(figures[INDEX] ?? 0);
  weightedCounts.push(hits.reduce((sum, h) => sum + hitValue(definition, h), 0));
  for (const h of hits) {
    add(byCategory, h.category, i, hitValue(definition, h));
    add(byEntry, `${h.pack}/${h.entryId}`, i, hitValue(definition, h));
  }
  const marked = new Set(row.biasedWords.flatMap(words));
  const hit = new Set(hits.flatMap((h) => words(h.text)));
  for (const w of hit) {
    hitWords++;
    if (marked.has(w)) hitWordsMarked++;
    else if (row.biased === false) falsePositives.set(w, (falsePositives.get(w) ?? 0) + 1);
  }
  for (const w of marked) {
    markedWords++;
    if (hit.has(w)) markedWordsHit++;
  }
});
const withHalves = (list: readonly number[]) =>
  `${fixed(rocAuc(list, labels))} (half A ${fixed(halfAuc(list, labels, inA, true))}, half B ${fixed(halfAuc(list, labels, inA, false))})`;

console.log(`command: node --import tsx scripts/eval-babe.ts${args.length ? ` ${args.join(' ')}` : ''}`);
console.log(`data: ${file}`);
console.log(`engine: ${packVersions(matcher)}`);
console.log(
  `sentences: ${labels.filter(Boolean).length} biased, ${labels.filter((l) => !l).length} non-biased`,
);
console.log(`ROC-AUC (label_bias) of ${INDEX} (articles.csv): ${withHalves(scores)}`);
console.log(`  the same hits, weighted count (length left out):            ${withHalves(weightedCounts)}`);
for (const [c, list] of [...byCategory].sort(([a], [b]) => a.localeCompare(b)))
  console.log(`  ${c.padEnd(38)} AUC ${withHalves(list)}`);
for (const [e, list] of [...byEntry].sort(([a], [b]) => a.localeCompare(b)))
  console.log(`    ${e.padEnd(36)} AUC ${withHalves(list)}`);
console.log(
  `word level vs biased_words: precision ${fixed(hitWordsMarked / Math.max(1, hitWords))} (${hitWordsMarked}/${hitWords} distinct hit words per sentence), recall ${fixed(markedWordsHit / Math.max(1, markedWords))} (${markedWordsHit}/${markedWords})`,
);
if (args.includes('--words')) {
  console.log('\nmost frequent hit words in non-biased sentences:');
  for (const [w, n] of [...falsePositives]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 40))
    console.log(`  ${w} ${n}`);
}
