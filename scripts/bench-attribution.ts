/**
 * Speed of the citation stages against wink's reading itself, on one core. Usage:
 *
 *   node --import tsx scripts/bench-attribution.ts [file.jsonl] [--rounds=N]
 *
 * Default file: ../shared/data/bbc/bbc_news_2225.jsonl (one JSON object a line with a `text`).
 * Every article is read once with readDocument (timed), then findQuotations and
 * findAttributions run over the read documents (each timed apart, best of N rounds), so that
 * each figure is tokens per second of that stage alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findAttributions, loadSourceLexicon } from '../src/attribution/index.ts';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';
import type { Document, Quotation } from '../src/types.ts';

const file =
  process.argv.slice(2).find((a) => !a.startsWith('--')) ??
  resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'bbc', 'bbc_news_2225.jsonl');
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
if (!existsSync(file)) {
  console.log(`${file} is absent; nothing to measure.`);
  process.exit(0);
}
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const lexicon = loadSourceLexicon();

let began = performance.now();
const docs: Document[] = texts.map((text, i) =>
  readDocument({ id: String(i), text, metadata: {}, source: { file, format: 'jsonl' } }),
);
const readMs = performance.now() - began;
const tokens = docs.reduce((n, d) => n + d.tokens.count, 0);

let quoteMs = Number.POSITIVE_INFINITY;
let attributionMs = Number.POSITIVE_INFINITY;
let quotations: Quotation[][] = [];
let found = 0;
for (let r = 0; r < rounds; r++) {
  began = performance.now();
  quotations = docs.map((d) => findQuotations(d));
  quoteMs = Math.min(quoteMs, performance.now() - began);
  began = performance.now();
  found = 0;
  for (let i = 0; i < docs.length; i++)
    found += findAttributions(docs[i] as Document, quotations[i] as Quotation[], lexicon).length;
  attributionMs = Math.min(attributionMs, performance.now() - began);
}
const rate = (ms: number) => Math.round(tokens / (ms / 1000));
console.log(`${docs.length} articles, ${tokens} tokens, ${found} attributions`);
console.log('| stage | ms | tokens/s |');
console.log('| --- | --- | --- |');
console.log(`| readDocument | ${readMs.toFixed(0)} | ${rate(readMs)} |`);
console.log(`| findQuotations | ${quoteMs.toFixed(0)} | ${rate(quoteMs)} |`);
console.log(`| findAttributions | ${attributionMs.toFixed(0)} | ${rate(attributionMs)} |`);
console.log(
  `| quotations + attributions | ${(quoteMs + attributionMs).toFixed(0)} | ${rate(quoteMs + attributionMs)} |`,
);
console.log(
  `readDocument / (quotations + attributions): ${(readMs / (quoteMs + attributionMs)).toFixed(2)}x`,
);
