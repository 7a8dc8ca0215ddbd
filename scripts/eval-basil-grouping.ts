/**
 * Measures text clustering on BASIL (../shared/data/basil): each event is covered by three
 * outlets; grouping without an event column should put each event's three articles in one group.
 * Prints, per threshold, the share of events whose three articles share a group ("together") and
 * the share whose group is exactly those three ("exact").
 *
 *   node --import tsx scripts/eval-basil-grouping.ts [threshold ...]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_TEXT_CLUSTER, clusterByText } from '../src/compare/grouping.ts';
import { type ArticleSummary, summarizeForComparison } from '../src/compare/summary.ts';
import { readDocument } from '../src/text/document.ts';

const root = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'basil', 'articles');
if (!existsSync(root)) {
  console.error(`BASIL not found at ${root}: nothing to measure.`);
  process.exit(2);
}

interface BasilArticle {
  readonly title?: string;
  readonly source?: string;
  readonly 'triplet-uuid': string;
  readonly 'body-paragraphs': string[][];
}

const summaries: ArticleSummary[] = [];
const events: string[] = [];
const started = performance.now();
for (const year of readdirSync(root).sort()) {
  for (const file of readdirSync(join(root, year)).sort()) {
    if (!file.endsWith('.json')) continue;
    const a = JSON.parse(readFileSync(join(root, year, file), 'utf8')) as BasilArticle;
    const text = [a.title ?? '', ...a['body-paragraphs'].map((p) => p.join(' '))].join('\n\n');
    const doc = readDocument({
      id: file.replace(/\.json$/, ''),
      text,
      metadata: { outlet: a.source ?? '' },
      source: { file: join(year, file), format: 'txt' },
    });
    summaries.push(summarizeForComparison(doc, [], [], {}));
    events.push(a['triplet-uuid']);
  }
}
const readMs = performance.now() - started;
const byEvent = new Map<string, number[]>();
events.forEach((e, i) => {
  const list = byEvent.get(e);
  if (list) list.push(i);
  else byEvent.set(e, [i]);
});
const thresholds = process.argv.slice(2).map(Number);
if (thresholds.length === 0) thresholds.push(DEFAULT_TEXT_CLUSTER.threshold);
console.log(
  `${summaries.length} articles, ${byEvent.size} events; read and summarised in ${readMs.toFixed(0)} ms`,
);
for (const threshold of thresholds) {
  const t0 = performance.now();
  const grouping = clusterByText(summaries, { ...DEFAULT_TEXT_CLUSTER, threshold });
  const ms = performance.now() - t0;
  const groupOf = new Int32Array(summaries.length);
  grouping.groups.forEach((g, k) => {
    for (const m of g.members) groupOf[m] = k;
  });
  let together = 0;
  let exact = 0;
  for (const members of byEvent.values()) {
    const g = groupOf[members[0] as number] as number;
    if (members.every((m) => groupOf[m] === g)) {
      together++;
      if ((grouping.groups[g]?.members.length ?? 0) === members.length) exact++;
    }
  }
  const pct = (x: number) => ((100 * x) / byEvent.size).toFixed(1);
  console.log(
    `threshold ${threshold.toFixed(3)}: together ${together}/${byEvent.size} (${pct(together)}%), exact ${exact}/${byEvent.size} (${pct(exact)}%), ${grouping.groups.length} groups, clustering ${ms.toFixed(0)} ms`,
  );
}
