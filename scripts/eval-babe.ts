/**
 * Measured validity of the evaluative / loaded-language score on the BABE development split:
 * sentence-level ROC-AUC of the weighted count of `evaluative.*` hits against the experts'
 * `label_bias`, per category as well, and word-level precision and recall of the hit words against
 * the experts' `biased_words`.
 *
 *   node --import tsx scripts/eval-babe.ts [--file=path/to/babe.csv] [--words]
 */
import { documentOf, fixed, loadBabe, matcherFor, readPack, rocAuc, sharedFile } from './eval-lib.ts';

const args = process.argv.slice(2);
const fileArg = args.find((a) => a.startsWith('--file='));
const file = fileArg ? fileArg.slice('--file='.length) : sharedFile('data', 'babe', 'babe-dev.csv');
const PACK = 'evaluative';
const CATEGORY = 'evaluative';

const rows = loadBabe(file);
const matcher = await matcherFor([PACK]);
const labels = rows.map((r) => r.biased);
const scores: number[] = [];
const byCategory = new Map<string, number[]>();
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
rows.forEach((row, i) => {
  const doc = documentOf(`babe-${i}`, row.text);
  const hits = matcher.match(doc).filter((h) => h.category.startsWith(CATEGORY));
  scores.push(hits.reduce((s, h) => s + h.weight, 0));
  for (const h of hits) {
    const list = byCategory.get(h.category) ?? new Array<number>(rows.length).fill(0);
    list[i] = (list[i] as number) + h.weight;
    byCategory.set(h.category, list);
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

console.log(`command: node --import tsx scripts/eval-babe.ts${args.length ? ` ${args.join(' ')}` : ''}`);
console.log(`data: ${file}`);
console.log(`matcher: ${matcher.name}; pack ${PACK} v${readPack(PACK).version}`);
console.log(
  `sentences: ${labels.filter(Boolean).length} biased, ${labels.filter((l) => !l).length} non-biased`,
);
console.log(
  `ROC-AUC (label_bias, weighted count of ${CATEGORY}.* hits per sentence): ${fixed(rocAuc(scores, labels))}`,
);
for (const [c, list] of [...byCategory].sort(([a], [b]) => a.localeCompare(b)))
  console.log(`  ${c.padEnd(24)} AUC ${fixed(rocAuc(list, labels))}`);
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
