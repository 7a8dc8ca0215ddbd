/**
 * Scores attribution extraction against PolNeAR (Newell, Margolin and Ruths 2018), read from
 * ../shared/data/polnear. Usage:
 *
 *   node --import tsx scripts/eval-polnear.ts [dev|train] [--verbose] [--half=even|odd]
 *
 * --half=even scores only the annotation files at even positions (0, 2, ...) of the sorted list,
 * --half=odd the others: rules are tuned on one half and the other is reported as held out.
 * --verbose also lists matched pairs whose source is wrong (SOURCE lines).
 *
 * Gold: every brat event (E line) with a Content span. A predicted attribution (any kind with a
 * content span, except reference entries and links; parts of one statement scored together, see
 * statementsOf) matches a gold one when their content spans overlap by at least 30% of each span
 * (80% reported too). Recall counts the gold attributions
 * whose cue is a speech cue (a verb of the Gender Gap Tracker quote-verb list, or "according
 * to"); precision counts a prediction right when it matches any gold attribution. Cue accuracy:
 * matched pairs whose cue spans overlap; source accuracy: matched pairs (gold with a source) whose
 * source spans overlap or whose resolved speaker appears in the gold source. The baseline
 * predicts the text inside each outermost pair of quotation marks.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findAttributions, loadSourceLexicon } from '../src/attribution/index.ts';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';
import type { Attribution } from '../src/types.ts';

type Piece = readonly [number, number];

interface GoldAttribution {
  readonly content: Piece[];
  readonly cue: Piece[];
  readonly source: Piece[];
  readonly cueText: string;
  readonly sourceText: string;
  readonly speechCue: boolean;
}

interface Prediction {
  readonly content: Piece[];
  readonly cue: Piece[];
  readonly source: Piece[];
  readonly speaker: string | null;
}

const root = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'polnear');
const split = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'dev';
const verbose = process.argv.includes('--verbose');
const half = process.argv.find((a) => a.startsWith('--half='))?.slice('--half='.length);
if (half !== undefined && half !== 'even' && half !== 'odd') {
  console.error(`--half must be even or odd, not ${half}`);
  process.exit(1);
}
if (!existsSync(root)) {
  console.log(`../shared/data/polnear is absent (looked in ${root}); nothing to evaluate.`);
  process.exit(0);
}
const ggt = new Set(
  readFileSync(
    resolve(
      root,
      '..',
      '..',
      'reference-lexicons',
      'gender_gap_tracker_quote_verbs',
      'quote_verb_list_en.txt',
    ),
    'utf8',
  )
    .split(/\s+/)
    .filter(Boolean),
);

function parseAnn(text: string, source: string): GoldAttribution[] {
  const spans = new Map<string, { pieces: Piece[]; text: string }>();
  const events: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('T')) {
      const [id, info, written] = line.split('\t');
      if (!id || !info) continue;
      const pieces = info
        .split(' ')
        .slice(1)
        .join(' ')
        .split(';')
        .map((p) => p.trim().split(' ').map(Number) as unknown as Piece);
      spans.set(id, { pieces, text: written ?? '' });
    } else if (line.startsWith('E')) events.push(line.split('\t')[1] ?? '');
  }
  const out: GoldAttribution[] = [];
  for (const e of events) {
    const roles = new Map(e.split(' ').map((r) => r.split(':') as [string, string]));
    const content = spans.get(roles.get('Content') ?? '');
    if (!content) continue;
    const cue = spans.get(roles.get('Cue') ?? '');
    const src = spans.get(roles.get('Source') ?? '');
    const cueText = cue ? cue.pieces.map(([a, b]) => source.slice(a, b)).join(' ') : '';
    const words = cueText.toLowerCase().split(/[^a-z]+/);
    out.push({
      content: content.pieces,
      cue: cue?.pieces ?? [],
      source: src?.pieces ?? [],
      cueText,
      sourceText: src ? src.pieces.map(([a, b]) => source.slice(a, b)).join(' ') : '',
      speechCue: words.some((w) => ggt.has(w)) || /according to/i.test(cueText),
    });
  }
  return out;
}

const length = (ps: readonly Piece[]) => ps.reduce((n, [a, b]) => n + (b - a), 0);
function overlap(x: readonly Piece[], y: readonly Piece[]): number {
  let n = 0;
  for (const [a, b] of x) for (const [c, d] of y) n += Math.max(0, Math.min(b, d) - Math.max(a, c));
  return n;
}
const matches = (p: readonly Piece[], g: readonly Piece[], share: number) => {
  const o = overlap(p, g);
  return o > 0 && o >= share * length(p) && o >= share * length(g);
};

interface Tally {
  name: string;
  predicted: number;
  predictedRight: number;
  gold: number;
  goldFound: number;
  pairs: number;
  cueRight: number;
  withSource: number;
  sourceRight: number;
}
const tally = (): Tally => ({
  name: '',
  predicted: 0,
  predictedRight: 0,
  gold: 0,
  goldFound: 0,
  pairs: 0,
  cueRight: 0,
  withSource: 0,
  sourceRight: 0,
});

function score(
  t: Tally,
  text: string,
  preds: readonly Prediction[],
  gold: readonly GoldAttribution[],
  share: number,
): void {
  t.predicted += preds.length;
  for (const p of preds) {
    // Of the gold attributions this prediction matches, the one with the same cue is its pair.
    const candidates = gold.filter((g) => matches(p.content, g.content, share));
    const hit = candidates.find((g) => overlap(p.cue, g.cue) > 0) ?? candidates[0];
    if (!hit) continue;
    t.predictedRight++;
    t.pairs++;
    if (overlap(p.cue, hit.cue) > 0) t.cueRight++;
    if (hit.source.length) {
      t.withSource++;
      const speakerWords = (p.speaker ?? '')
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w.length > 2);
      const goldSource = hit.sourceText.toLowerCase();
      if (overlap(p.source, hit.source) > 0 || speakerWords.some((w) => goldSource.includes(w)))
        t.sourceRight++;
      else if (verbose && t.name)
        console.log(
          `SOURCE ${t.name} gold [${hit.sourceText}] got [${p.source.map(([a, b]) => text.slice(a, b)).join(' ')}] speaker [${p.speaker ?? ''}] @${p.content[0]?.[0]}: ${text.slice(p.content[0]?.[0], p.content[0]?.[1]).slice(0, 80)}`,
        );
    }
  }
  for (const g of gold) {
    if (!g.speechCue) continue;
    t.gold++;
    if (preds.some((p) => matches(p.content, g.content, share))) t.goldFound++;
  }
}

/**
 * PolNeAR annotates one attribution per cue, with a discontinuous content ("“X,” he said.
 * “Y.”" is one attribution whose content is X and Y). framescope writes one attribution per
 * contiguous content: the parts of one statement share their cue span ("“X,” he said, “Y”"),
 * and a quotation that continues the previous speaker reuses that attribution's source span and
 * has no cue. Parts so linked are scored as one prediction with several content pieces.
 */
function statementsOf(attributions: readonly Attribution[]): Prediction[] {
  const out: Array<Prediction & { content: Piece[] }> = [];
  const byCue = new Map<string, Prediction & { content: Piece[] }>();
  const bySource = new Map<string, Prediction & { content: Piece[] }>();
  for (const a of attributions) {
    if (!a.content || a.kind === 'reference' || a.kind === 'link') continue;
    const piece: Piece = [a.content.start, a.content.end];
    const sourceKey = a.source ? `${a.source.start}:${a.source.end}` : '';
    const joined = a.cue
      ? byCue.get(`${a.cue.start}:${a.cue.end}`)
      : sourceKey
        ? bySource.get(sourceKey)
        : undefined;
    if (joined) {
      joined.content.push(piece);
      continue;
    }
    const p = {
      content: [piece],
      cue: a.cue ? ([[a.cue.start, a.cue.end]] as Piece[]) : [],
      source: a.source ? ([[a.source.start, a.source.end]] as Piece[]) : [],
      speaker: a.speaker,
    };
    out.push(p);
    if (a.cue) byCue.set(`${a.cue.start}:${a.cue.end}`, p);
    if (sourceKey) bySource.set(sourceKey, p);
  }
  return out;
}

const dir = join(root, split);
const lexicon = loadSourceLexicon();
const system = { 30: tally(), 80: tally() };
const baseline = { 30: tally(), 80: tally() };
let tokens = 0;
let millis = 0;
const anns = readdirSync(join(dir, 'attributions'))
  .filter((f) => f.endsWith('.ann'))
  .sort()
  .filter((_, i) => half === undefined || (half === 'even') === (i % 2 === 0));
for (const ann of anns) {
  const textFile = join(dir, 'text', ann.replace(/_[0-9a-f]{4}\.ann$/, '.txt'));
  if (!existsSync(textFile)) continue;
  const text = readFileSync(textFile, 'utf8');
  const gold = parseAnn(readFileSync(join(dir, 'attributions', ann), 'utf8'), text);
  const began = performance.now();
  const doc = readDocument({ id: ann, text, metadata: {}, source: { file: textFile, format: 'txt' } });
  const quotations = findQuotations(doc);
  const attributions = findAttributions(doc, quotations, lexicon);
  millis += performance.now() - began;
  tokens += doc.tokens.count;
  const preds = statementsOf(attributions);
  const quoted: Prediction[] = quotations
    .filter((q) => q.depth === 0)
    .map((q) => ({ content: [[q.start, q.end]], cue: [], source: [], speaker: null }));
  system[30].name = ann.slice(0, 40);
  for (const share of [30, 80] as const) {
    score(system[share], text, preds, gold, share / 100);
    score(baseline[share], text, quoted, gold, share / 100);
  }
  if (verbose) {
    for (const g of gold.filter((g) => g.speechCue && !preds.some((p) => matches(p.content, g.content, 0.3))))
      console.log(
        `MISS ${ann} [${g.cueText}] ${text.slice(g.content[0]?.[0], g.content[0]?.[1]).slice(0, 100)}`,
      );
    for (const p of preds.filter((p) => !gold.some((g) => matches(p.content, g.content, 0.3))))
      console.log(`FALSE ${ann} ${text.slice(p.content[0]?.[0], p.content[0]?.[1]).slice(0, 100)}`);
  }
}

const f = (x: number) => x.toFixed(3);
function line(name: string, t: Tally): string {
  const p = t.predictedRight / Math.max(1, t.predicted);
  const r = t.goldFound / Math.max(1, t.gold);
  const f1 = p + r > 0 ? (2 * p * r) / (p + r) : 0;
  const cue = t.pairs ? f(t.cueRight / t.pairs) : '-';
  const src = t.withSource ? `${f(t.sourceRight / t.withSource)} (${t.sourceRight}/${t.withSource})` : '-';
  return `| ${name} | ${f(p)} | ${f(r)} | ${f(f1)} | ${cue} | ${src} | ${t.predicted} | ${t.gold} |`;
}
console.log(
  `PolNeAR ${split}: ${anns.length} annotation files, ${tokens} tokens, ${(tokens / (millis / 1000)).toFixed(0)} tokens/s (read + quotes + attributions)`,
);
console.log(
  '| run | precision | recall | F1 | cue accuracy | source accuracy | predicted | gold (speech cue) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
console.log(line('framescope, 30% overlap', system[30]));
console.log(line('framescope, 80% overlap', system[80]));
console.log(line('quotation marks only, 30% overlap', baseline[30]));
console.log(line('quotation marks only, 80% overlap', baseline[80]));
