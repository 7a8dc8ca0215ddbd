// Time of each stage of the per-article pipeline (as src/analyzer/analyzer.ts runs it) against wink-nlp's bare
// readDoc on the same texts, on one core. Each stage runs twice over the articles: a warm-up pass
// (memo caches, JIT), then the measured pass. `--snapshot <file>` also writes every stage's output
// as JSON, so that an optimisation can be shown to change no result (compare two snapshots).
//
//   node --import tsx scripts/bench-stages.ts [--articles 600] [--snapshot /tmp/stages.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { findAttributions, loadSourceLexicon } from '../src/attribution/index.ts';
import { loadEventKinds } from '../src/compare/eventKinds.ts';
import { summarizeForComparison, termChoiceCounts } from '../src/compare/summary.ts';
import { citationFigures } from '../src/figures/citations.ts';
import { framingFigures, termChoices } from '../src/figures/framing.ts';
import { loadBuiltinPacks } from '../src/lexicon/index.ts';
import { compileLexicon, findMatches } from '../src/match/index.ts';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';
import type { Article, Document } from '../src/types.ts';

const repo = resolve(import.meta.dirname, '..');
const BBC = resolve(repo, '..', 'shared', 'data', 'bbc', 'bbc_news_2225.jsonl');

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '600' },
    snapshot: { type: 'string' },
    file: { type: 'string', default: BBC },
  },
});
const limit = Number(values.articles);
if (!Number.isInteger(limit) || limit < 1)
  throw new Error(`--articles: expecting a positive integer, instead found ${values.articles}`);

const articles: Article[] = readFileSync(values.file as string, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .slice(0, limit)
  .map((line, i) => {
    const row = JSON.parse(line) as { id?: string; text: string };
    return {
      id: row.id ?? `bbc-${i + 1}`,
      text: row.text,
      metadata: {},
      source: { file: values.file as string, format: 'jsonl', line: i + 1 },
    } as Article;
  });

const lexicon = compileLexicon(loadBuiltinPacks());
const sources = loadSourceLexicon();
const eventKinds = loadEventKinds();

const STAGES = [
  'readDocument',
  'quotes',
  'attributions',
  'matches',
  'choices',
  'figures',
  'summary',
] as const;
type Stage = (typeof STAGES)[number];

/** Typed arrays become plain arrays so that JSON shows every value. */
const plain = (_key: string, value: unknown): unknown =>
  ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as Uint32Array) : value;

/** A fingerprint of the tokens readDocument gave, so a snapshot difference can be traced to src/text. */
function tokenFingerprint(doc: Document): string {
  const t = doc.tokens;
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  for (let i = 0; i < t.count; i++) {
    mix(
      `${t.start[i]}|${t.normal[i]}|${t.lemma[i]}|${t.stem[i]}|${t.pos[i]}|${t.scored[i]}|${t.sentence[i]}`,
    );
  }
  return `${t.count}:${(h >>> 0).toString(16)}`;
}

function runPass(measure: Record<Stage, number>, snapshot: unknown[] | null): number {
  let tokens = 0;
  for (const article of articles) {
    let t0 = performance.now();
    const doc = readDocument(article);
    let t1 = performance.now();
    measure.readDocument += t1 - t0;
    tokens += doc.tokens.count;

    t0 = t1;
    const quotations = findQuotations(doc);
    t1 = performance.now();
    measure.quotes += t1 - t0;

    t0 = t1;
    const attributions = findAttributions(doc, quotations, sources);
    t1 = performance.now();
    measure.attributions += t1 - t0;

    t0 = t1;
    const matches = findMatches(doc, lexicon, { quotations, attributions });
    t1 = performance.now();
    measure.matches += t1 - t0;

    t0 = t1;
    const choices = termChoices(matches, lexicon);
    t1 = performance.now();
    measure.choices += t1 - t0;

    t0 = t1;
    const figures: Record<string, number | null> = {
      token_count: doc.tokens.count,
      word_count: doc.wordCount,
      sentence_count: doc.sentences.length,
      furniture_count: doc.structure.furniture.length,
      ...framingFigures(doc, matches, lexicon),
      ...citationFigures(doc, attributions, quotations),
    };
    t1 = performance.now();
    measure.figures += t1 - t0;

    t0 = t1;
    const summary = summarizeForComparison(doc, matches, attributions, figures, {
      eventKinds,
      termChoices: termChoiceCounts(choices),
    });
    t1 = performance.now();
    measure.summary += t1 - t0;

    snapshot?.push({ id: article.id, tokens: tokenFingerprint(doc), matches, choices, figures, summary });
  }
  return tokens;
}

const zero = (): Record<Stage, number> =>
  Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;

const snapshot: unknown[] | null = values.snapshot ? [] : null;
runPass(zero(), snapshot);
const measured = zero();
const tokens = runPass(measured, null);

if (snapshot && values.snapshot) {
  writeFileSync(values.snapshot, JSON.stringify(snapshot, plain));
  process.stderr.write(`snapshot of ${snapshot.length} articles written to ${values.snapshot}\n`);
}

// Bare wink-nlp on the same texts, warm-up then measured, like the stages.
const require = createRequire(import.meta.url);
const nlp = require('wink-nlp')(require('wink-eng-lite-web-model'));
for (const a of articles) nlp.readDoc(a.text);
let bare = 0;
for (const a of articles) {
  const t0 = performance.now();
  nlp.readDoc(a.text);
  bare += performance.now() - t0;
}

const rate = (ms: number) => (ms > 0 ? Math.round((tokens / ms) * 1000) : 0);
const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, n: number) => x.toFixed(0).padStart(n);
process.stdout.write(`${articles.length} articles, ${tokens} tokens\n`);
process.stdout.write(`${pad('stage', 14)}${'ms'.padStart(8)}${'tokens/s'.padStart(12)}\n`);
let total = 0;
for (const s of STAGES) {
  total += measured[s];
  process.stdout.write(`${pad(s, 14)}${num(measured[s], 8)}${num(rate(measured[s]), 12)}\n`);
}
process.stdout.write(`${pad('total', 14)}${num(total, 8)}${num(rate(total), 12)}\n`);
process.stdout.write(`${pad('bare readDoc', 14)}${num(bare, 8)}${num(rate(bare), 12)}\n`);
process.stdout.write(`total / bare readDoc throughput: ${((bare / total) * 100).toFixed(1)}%\n`);
