// Reuse detection (src/compare: MinHash + LSH) over replicated BBC summaries. The summaries of the
// 1x corpus are computed once; a k-times replicated corpus has exactly k copies of each (new ids),
// so they are replicated rather than re-analysed. Usage:
//   node --import tsx scripts/bench-reuse.ts <bbc-1x.jsonl> <sizes, e.g. 1,10,50>
import { createAnalyzer } from '../src/analyzer/analyzer.ts';
import { compareCorpus } from '../src/compare/index.ts';
import { findReuse } from '../src/compare/reuse.ts';
import type { ArticleSummary } from '../src/compare/summary.ts';
import { readCorpus } from '../src/corpus/index.ts';

const [input, sizesText] = process.argv.slice(2);
if (!input) throw new Error('usage: bench-reuse.ts <bbc-1x.jsonl> <sizes>');
const sizes = (sizesText ?? '1,10,50').split(',').map(Number);
const analyzer = createAnalyzer();
const base: ArticleSummary[] = [];
for await (const item of readCorpus({ input }))
  if (item.kind === 'article') base.push(analyzer.analyze(item.article).summary);

const lines = [
  '| corpus | summaries | candidate pairs checked | reuse pairs found | wall s | s per 1,000 articles | whole comparison s |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const k of sizes) {
  const summaries =
    k === 1
      ? base
      : Array.from({ length: k }, (_, r) => base.map((s) => ({ ...s, id: `r${r + 1}/${s.id}` }))).flat();
  const started = performance.now();
  const result = findReuse(summaries, null);
  const seconds = (performance.now() - started) / 1000;
  const compareStarted = performance.now();
  compareCorpus(summaries);
  const compareSeconds = (performance.now() - compareStarted) / 1000;
  lines.push(
    `| BBC ${k}x | ${summaries.length} | ${result.candidatesChecked} | ${result.pairs.length} | ${seconds.toFixed(1)} | ${((1000 * seconds) / summaries.length).toFixed(2)} | ${compareSeconds.toFixed(1)} |`,
  );
  console.error(lines.at(-1));
}
lines.push(
  '',
  'Every replicated article has k-1 exact copies. They are collapsed before any pairwise work (docs/comparison.md, section 0): candidates are checked between distinct texts only, and each copy adds one `duplicate` row, so rows grow with k and candidate pairs stay those of the 1x corpus. The whole comparison (text clusters, reuse, discrepancies, keyness) is timed in the last column.',
);
process.stdout.write(`${lines.join('\n')}\n`);
