/**
 * Per-pattern evidence for curating the state-media packs: every pattern of the given packs becomes
 * an entry of its own, matched with the project's engine (overlap policy `all`, so that each
 * pattern is measured on its own) on the three state-media dev sets with outlet give-aways masked
 * (as scripts/eval-transfer.ts reads them), and the share of state and other items with a hit in the
 * authorial voice is printed per set, with the lift pooled over the sets where the pattern fires.
 *
 *   node --import tsx scripts/pattern-rates.ts [pack.yaml...] [--half=A|B] [--entries] [--csv=tmp/pattern-rates.csv]
 *
 * With --half, only that half of each set is read (splitHalves, seed 1, stratified by class): the
 * packs were curated on half A, so that half B stays unseen by the curation.
 *
 * --entries measures whole entries instead of single patterns.
 * Without packs: the built-in packs with a state-media category. Candidate packs being drafted can
 * be given as files (they need not pass `lexicon check`; only their patterns are read).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileLexicon, loadBuiltinPacks, parsePack } from '../src/lexicon/index.ts';
import type { Pack } from '../src/lexicon/types.ts';
import { findMatches } from '../src/match/index.ts';
import { engineMatcher, fixed, repoRoot, splitHalves } from './eval-lib.ts';
import { SETS, type SetName, rawItems } from './transfer-lib.ts';

const args = process.argv.slice(2);
const csvArg = args.find((a) => a.startsWith('--csv='));
const csvFile = csvArg ? csvArg.slice('--csv='.length) : join(repoRoot, 'tmp', 'pattern-rates.csv');
const files = args.filter((a) => !a.startsWith('--'));
const halfArg = args.find((a) => a.startsWith('--half='))?.slice('--half='.length);
if (halfArg !== undefined && halfArg !== 'A' && halfArg !== 'B')
  throw new Error(`--half expects A or B, found "${halfArg}"`);
const packs: Pack[] = files.length
  ? files.map((f) => parsePack(readFileSync(f, 'utf8'), f))
  : loadBuiltinPacks().filter((p) => p.entries.some((e) => e.category.startsWith('state-media.')));

const perEntry = args.includes('--entries');
/**
 * One entry per pattern, id `entry#k`, keeping the entry's match mode, POS and exclusions; with
 * --entries, the entries as they are (the evidence figures of the packs).
 */
const exploded: Pack[] = packs.map((p) => ({
  ...p,
  kind: 'framing',
  entries: p.entries.flatMap((e) =>
    perEntry
      ? [{ ...e, category: 'probe' }]
      : e.patterns.map((pattern, k) => ({
          ...e,
          id: `${e.id}#${k}`,
          patterns: [pattern],
          category: 'probe',
        })),
  ),
}));
const lexicon = compileLexicon(exploded);
/** Reads each text as analyze does (quotations and attributions give each hit its voice); no pack of its own. */
const reader = engineMatcher([]);
const patternOf = new Map<string, string>(
  exploded.flatMap((p) => p.entries.map((e) => [`${p.pack}/${e.id}`, e.patterns[0]?.text ?? ''] as const)),
);

type Counts = Record<SetName, { state: number; other: number }>;
const zero = (): Counts => ({
  covid: { state: 0, other: 0 },
  'prc-2022': { state: 0, other: 0 },
  'ruwa-ukraine-2022': { state: 0, other: 0 },
});
const totals = zero();
const authorial = new Map<string, Counts>();
const anyVoice = new Map<string, Counts>();
const started = performance.now();
/** Curation reads one half of each set (the stratified hash split of eval-lib), so the other half stays unseen. */
function inHalf(items: ReturnType<typeof rawItems>): ReturnType<typeof rawItems> {
  if (halfArg === undefined) return items;
  return SETS.flatMap((set) => {
    const own = items.filter((i) => i.set === set);
    const inA = splitHalves(
      own.map((i) => i.id),
      own.map((i) => i.state),
    );
    return own.filter((_, k) => inA[k] === (halfArg === 'A'));
  });
}
for (const item of inHalf(rawItems())) {
  const side = item.state ? 'state' : 'other';
  totals[item.set][side]++;
  const { doc, quotations, attributions } = reader.read(item.id, item.text);
  const matches = findMatches(doc, lexicon, { overlap: 'all', quotations, attributions });
  const seen = new Set<string>();
  const seenOwn = new Set<string>();
  for (const m of matches) {
    const key = `${m.pack}/${m.entryId}`;
    seen.add(key);
    if (m.voice === 'authorial') seenOwn.add(key);
  }
  for (const [keys, into] of [
    [seen, anyVoice],
    [seenOwn, authorial],
  ] as const)
    for (const key of keys) {
      const c = into.get(key) ?? zero();
      c[item.set][side]++;
      into.set(key, c);
    }
}
console.error(`read in ${((performance.now() - started) / 1000).toFixed(0)} s`);

const pct = (n: number, d: number) => (d ? (100 * n) / d : 0);
/** Pooled log lift over the sets where the pattern fires (½ added to each count). */
function pooledLift(c: Counts): number | null {
  let sw = 0;
  let swy = 0;
  for (const s of SETS) {
    const a = c[s].state;
    const b = c[s].other;
    if (a + b === 0) continue;
    const n1 = totals[s].state;
    const n0 = totals[s].other;
    const y = Math.log((a + 0.5) / (n1 + 0.5)) - Math.log((b + 0.5) / (n0 + 0.5));
    const v = 1 / (a + 0.5) - 1 / (n1 + 0.5) + 1 / (b + 0.5) - 1 / (n0 + 0.5);
    sw += 1 / v;
    swy += y / v;
  }
  return sw ? Math.exp(swy / sw) : null;
}

const header = [
  'pack',
  'entry',
  'pattern',
  ...SETS.flatMap((s) => [`${s}_state`, `${s}_other`]),
  'pooled_lift',
  'all_voices_pooled_lift',
];
const rows: string[][] = [];
for (const p of exploded)
  for (const e of p.entries) {
    const key = `${p.pack}/${e.id}`;
    const c = authorial.get(key) ?? zero();
    const all = anyVoice.get(key) ?? zero();
    rows.push([
      p.pack,
      e.id,
      patternOf.get(key) ?? '',
      ...SETS.flatMap((s) => [
        pct(c[s].state, totals[s].state).toFixed(2),
        pct(c[s].other, totals[s].other).toFixed(2),
      ]),
      fixed(pooledLift(c), 2),
      fixed(pooledLift(all), 2),
    ]);
  }
writeFileSync(
  csvFile,
  [header, ...rows]
    .map((r) => r.map((x) => (/[",]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x)).join(','))
    .join('\n'),
);
console.log(
  `items: ${SETS.map((s) => `${s} ${totals[s].state} state / ${totals[s].other} other`).join('; ')}`,
);
console.log(
  `authorial share of state / other items with a hit (%), per set; pooled lift; written to ${csvFile}`,
);
for (const r of rows) console.log(r.join('  '));
