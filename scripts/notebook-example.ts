/**
 * A worked example of framescope as a library (see docs/notebook.md): analyse a corpus, keep some
 * outlets, compute one comparison table and draw one chart, and write them to a folder.
 *
 *   node --import tsx scripts/notebook-example.ts <out-dir> [--corpus <dir>] [--metadata <csv>] [--outlet <name>]...
 *
 * Without --outlet, every outlet is kept except reprint sites (outlet_type "reprint"), which copy
 * another outlet's text and would count the same writing twice.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeCorpus, createAnalyzer, markdownTable, toCsv } from '../src/index.ts';
import { toLatex } from '../src/report/latex.ts';
import { barChartSvg } from '../src/report/svg.ts';
import type { ArticleResult } from '../src/types.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    corpus: { type: 'string', default: 'reports/example-corpus' },
    metadata: { type: 'string' },
    outlet: { type: 'string', multiple: true, default: [] },
  },
});
const outDir = positionals[0];
if (outDir === undefined) {
  process.stderr.write(
    'usage: notebook-example.ts <out-dir> [--corpus <dir>] [--metadata <csv>] [--outlet <name>]...\n',
  );
  process.exit(2);
}
const metadata = values.metadata ?? join(values.corpus, 'metadata.csv');

// 1. Analyse the corpus: one analyzer (the language model loads once), results streamed.
const analyzer = createAnalyzer();
const kept: ArticleResult[] = [];
for await (const item of analyzeCorpus({ input: values.corpus, metadata }, { analyzer })) {
  if (item.kind !== 'result') continue;
  // 2. Filter by outlet.
  const { outlet = '', outlet_type = '' } = item.result.article.metadata;
  const wanted = values.outlet.length > 0 ? values.outlet.includes(outlet) : outlet_type !== 'reprint';
  if (wanted) kept.push(item.result);
}

// 3. One comparison table: per outlet, articles, scored words, sentences, mean words per sentence.
const byOutlet = new Map<string, ArticleResult[]>();
for (const r of kept) {
  const outlet = r.article.metadata['outlet'] ?? '(no outlet)';
  byOutlet.set(outlet, [...(byOutlet.get(outlet) ?? []), r]);
}
const header = ['outlet', 'articles', 'scored_words', 'sentences', 'words_per_sentence'];
const rows = [...byOutlet.keys()].sort().map((outlet) => {
  const rs = byOutlet.get(outlet) ?? [];
  const words = rs.reduce((a, r) => a + r.wordCount, 0);
  const sentences = rs.reduce((a, r) => a + r.sentenceCount, 0);
  return [outlet, rs.length, words, sentences, sentences > 0 ? words / sentences : null] as const;
});

// 4. One chart, and the table in the three forms a paper or a notebook wants.
const chart = barChartSvg({
  title: 'Mean sentence length by outlet (scored words per sentence)',
  categories: rows.map((r) => r[0]),
  series: [{ label: 'words per sentence', values: rows.map((r) => r[4]) }],
  valueLabel: 'scored words per sentence',
  decimals: 1,
});
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'outlets.csv'), toCsv(header, rows));
writeFileSync(join(outDir, 'outlets.md'), `${markdownTable(header, rows, new Set([1, 2, 3, 4]))}\n`);
writeFileSync(
  join(outDir, 'outlets.tex'),
  toLatex(header, rows, {
    caption: 'Sentence length by outlet',
    label: 'tab:outlets',
    numericColumns: [1, 2, 3, 4],
  }),
);
writeFileSync(join(outDir, 'sentence-length.svg'), chart);
process.stdout.write(`${kept.length} articles from ${rows.length} outlets; outputs in ${outDir}\n`);
