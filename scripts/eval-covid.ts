/**
 * Measured validity of the state-media phrasing score on the covid-origins development split:
 * ROC-AUC of China Daily against the four other outlets, each article scored by the indexes
 * articles.csv shows (`framingFigures` over the hits `readArticle` finds, the registry deciding
 * which categories and voices count): `index_state_media` (authorial hits, and at ½ those in
 * quotations and attributions), `index_state_media_authorial`, `index_state_media_prc`, with the
 * prc-state-media pack loaded alone, after masking what names the outlet rather than phrasing it
 * (outlet names, bylines, "Updated:" stamps, datelines, the full-width dateline dash, copyright and
 * reprint lines, author bios and disclaimers, photo credits, URLs; see maskOutletGiveaways in
 * eval-lib.ts). Also printed: the same on the two halves of a random split stratified by outlet
 * class (`splitHalves`, seed 1), the weighted rate of every voice alike and of each category
 * (`weighted_<category>`), and, with --entries, each entry's share of articles per class.
 *
 *   node --import tsx scripts/eval-covid.ts [--entries] [--file=path/to/split.jsonl]
 */
import { figureKeyOf } from '../src/figures/framing.ts';
import {
  engineMatcher,
  fixed,
  halfAuc,
  loadJsonl,
  maskOutletGiveaways,
  packVersions,
  rocAuc,
  sharedFile,
  splitHalves,
} from './eval-lib.ts';

const args = process.argv.slice(2);
const showEntries = args.includes('--entries');
const fileArg = args.find((a) => a.startsWith('--file='));
const file = fileArg ? fileArg.slice('--file='.length) : sharedFile('data', 'covid-origins', 'dev.jsonl');
const INDEX_NAMES = ['index_state_media', 'index_state_media_authorial', 'index_state_media_prc'];

const rows = loadJsonl(file);
const matcher = engineMatcher(['prc-state-media']);
const feeds = matcher.feeds('index_state_media');
const categories = [
  ...new Set(matcher.packs.flatMap((p) => p.entries.map((e) => e.category)).filter((c) => c.includes('.'))),
].sort();
const isChinaDaily = (publication: string) => /^china daily/i.test(publication);

const labels: boolean[] = [];
const scores = new Map<string, number[]>();
const push = (name: string, x: number | null) => {
  const list = scores.get(name) ?? [];
  list.push(x ?? 0);
  scores.set(name, list);
};
const entryHits = new Map<string, [number, number]>();
/** Articles with at least one hit the index counts: [China Daily, others]. */
const withHit: [number, number] = [0, 0];
const started = performance.now();
let words = 0;
for (const row of rows) {
  const { doc, matches, figures } = matcher.read(row.id, maskOutletGiveaways(row.text));
  const positive = isChinaDaily(row.publication);
  words += doc.wordCount;
  labels.push(positive);
  for (const name of INDEX_NAMES) push(name, figures[name] ?? null);
  push('weighted_state_media', figures['weighted_state_media'] ?? null);
  for (const c of categories)
    push(`weighted_${figureKeyOf(c)}`, figures[`weighted_${figureKeyOf(c)}`] ?? null);
  const counted = matches.filter(feeds);
  if (counted.length > 0) withHit[positive ? 0 : 1]++;
  for (const id of new Set(counted.map((h) => h.entryId))) {
    const counts = entryHits.get(id) ?? [0, 0];
    counts[positive ? 0 : 1]++;
    entryHits.set(id, counts);
  }
}
const seconds = (performance.now() - started) / 1000;
const positives = labels.filter(Boolean).length;
const negatives = labels.length - positives;
const inA = splitHalves(
  rows.map((r) => r.id),
  labels,
);
const withHalves = (name: string) => {
  const list = scores.get(name) ?? [];
  return `${fixed(rocAuc(list, labels))} (half A ${fixed(halfAuc(list, labels, inA, true))}, half B ${fixed(halfAuc(list, labels, inA, false))})`;
};

console.log(`command: node --import tsx scripts/eval-covid.ts${args.length ? ` ${args.join(' ')}` : ''}`);
console.log(`data: ${file}`);
console.log(
  `engine: ${packVersions(matcher)}; read as analyze reads (readArticle); ${words} scored words in ${seconds.toFixed(1)} s`,
);
console.log(`articles: ${positives} China Daily, ${negatives} others; outlet give-aways masked`);
console.log('ROC-AUC, China Daily vs others:');
for (const name of INDEX_NAMES) console.log(`  ${name.padEnd(40)} ${withHalves(name)}`);
console.log(
  `  ${'weighted_state_media (every voice alike)'.padEnd(40)} ${withHalves('weighted_state_media')}`,
);
console.log(
  `articles with at least one hit: China Daily ${((100 * withHit[0]) / positives).toFixed(1)}%, others ${((100 * withHit[1]) / negatives).toFixed(1)}%`,
);
for (const c of categories) console.log(`  ${c.padEnd(38)} AUC ${withHalves(`weighted_${figureKeyOf(c)}`)}`);
if (showEntries) {
  console.log(
    '\nentry                       China Daily   others  (share of articles with a hit, any voice)',
  );
  for (const [id, [p, n]] of [...entryHits].sort(([a], [b]) => a.localeCompare(b)))
    console.log(
      `  ${id.padEnd(26)} ${((100 * p) / positives).toFixed(1).padStart(6)}% ${((100 * n) / negatives).toFixed(1).padStart(7)}%`,
    );
}
