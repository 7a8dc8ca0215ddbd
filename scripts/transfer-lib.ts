/**
 * The data and protocols of the transfer evaluation (scripts/eval-transfer.ts): every article of
 * the three state-media sets read once with the analyzer's engine (all built-in packs compiled
 * together, quotations and attributions found, `framingFigures` for the indexes, exactly what
 * articles.csv shows), reduced to what an index formula needs; and the held-apart protocols
 * (leave-one-set-out, leave-one-outlet-out in pairs, leave-one-event-out) that score a formula
 * learned on some items on the items it never saw.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDEXES } from '../src/figures/indexes.ts';
import type { Attribution, Document, Quotation } from '../src/types.ts';
import {
  builtinMatcher,
  fixed,
  loadHeadlines,
  loadJsonl,
  maskHeadlineGiveaways,
  maskOutletGiveaways,
  median,
  packVersions,
  repoRoot,
  rocAuc,
  sharedFile,
  splitHalves,
} from './eval-lib.ts';

export const SETS = ['covid', 'prc-2022', 'ruwa-ukraine-2022'] as const;
export type SetName = (typeof SETS)[number];

/** One article or headline as the formulas see it. */
export interface Item {
  readonly set: SetName;
  readonly id: string;
  readonly outlet: string;
  readonly state: boolean;
  /** The Ukraine set's story; the date's month elsewhere. */
  readonly event: string;
  /** Scored words (`doc.wordCount`), the denominator of every rate. */
  readonly words: number;
  /** Sentences of the document (a headline is one or two). */
  readonly sentences: number;
  /** Every index of the registry as articles.csv shows it (0 for an item without scored words). */
  readonly figures: Readonly<Record<string, number>>;
  /** Hits per entry (`pack/entry`) that index_state_media counts: [authorial hits, hits in any voice]. */
  readonly hits: Readonly<Record<string, readonly [number, number]>>;
  /** The register (second category segment, `prc`) of each entry in `hits`. */
  readonly registers: Readonly<Record<string, string>>;
  /** The scored words in the authorial voice (lower-case normal forms) and their counts. */
  readonly bag: Readonly<Record<string, number>>;
}

/** The figures of the registry, nulls as 0 (an item without scored words scores nothing). */
export function registryFigures(figures: Readonly<Record<string, number | null>>): Record<string, number> {
  return Object.fromEntries(INDEXES.map((i) => [i.name, figures[i.name] ?? 0]));
}

/** The spans of quotation and attribution content: what is not the authorial voice. */
export function quotedRanges(
  quotations: readonly Quotation[],
  attributions: readonly Attribution[],
): Array<[number, number]> {
  return [
    ...quotations.map((q) => [q.content.start, q.content.end] as [number, number]),
    ...attributions.flatMap((a) => (a.content ? [[a.content.start, a.content.end] as [number, number]] : [])),
  ];
}

const WORD = /^[a-z][a-z'-]*$/;

/** Counts of the scored alphabetic words (normal forms) outside quotations and attributions. */
export function authorialBag(
  doc: Document,
  quoted: readonly (readonly [number, number])[],
): Record<string, number> {
  const bag: Record<string, number> = {};
  const { start, end, normal, scored } = doc.tokens;
  for (let k = 0; k < doc.tokens.count; k++) {
    const w = normal[k] as string;
    if (!scored[k] || !WORD.test(w)) continue;
    const s = start[k] as number;
    const e = end[k] as number;
    if (quoted.some(([a, b]) => a <= s && e <= b)) continue;
    bag[w] = (bag[w] ?? 0) + 1;
  }
  return bag;
}

interface Raw {
  readonly set: SetName;
  readonly id: string;
  readonly outlet: string;
  readonly state: boolean;
  readonly event: string;
  readonly text: string;
}

/** The three sets' texts with outlet give-aways masked, China Daily and the state outlets positive. */
export function rawItems(): Raw[] {
  const covid = loadJsonl(sharedFile('data', 'covid-origins', 'dev.jsonl'));
  const out: Raw[] = covid.map((r) => ({
    set: 'covid',
    id: r.id,
    outlet: r.publication.replace(/ - US Edition$/i, '').replace(/\s*\(.*\)$/, ''),
    state: /^china daily/i.test(r.publication),
    event: monthOf(r.date),
    text: maskOutletGiveaways(r.text),
  }));
  for (const h of loadHeadlines())
    out.push({
      set: h.set as SetName,
      id: h.id,
      outlet: h.outlet,
      state: h.state,
      event: h.event || h.date.slice(0, 7),
      text: maskHeadlineGiveaways(h.text),
    });
  return out;
}

/** "8/21/20" -> "2020-08"; "2022-08-04" -> "2022-08". */
function monthOf(date: string): string {
  const us = /^(\d{1,2})\/\d{1,2}\/(\d{2,4})$/.exec(date);
  if (us)
    return `${(us[2] as string).length === 2 ? `20${us[2]}` : us[2]}-${(us[1] as string).padStart(2, '0')}`;
  return date.slice(0, 7);
}

/** A digest of the built-in pack files, the engine's sources and this library: the cache key. */
export function transferCacheKey(extra: string): string {
  const h = createHash('sha256');
  const files = [
    ...readdirSync(join(repoRoot, 'lexicons'))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => join(repoRoot, 'lexicons', f)),
    ...readdirSync(join(repoRoot, 'lexicons', 'sources'))
      .sort()
      .map((f) => join(repoRoot, 'lexicons', 'sources', f)),
    join(repoRoot, 'scripts', 'transfer-lib.ts'),
    join(repoRoot, 'scripts', 'eval-lib.ts'),
    join(repoRoot, 'scripts', 'evaluative-lib.ts'),
    // The registry and the figures decide what each index counts.
    join(repoRoot, 'src', 'figures', 'indexes.ts'),
    join(repoRoot, 'src', 'figures', 'framing.ts'),
  ];
  for (const f of files) h.update(f).update(readFileSync(f));
  h.update(extra);
  return h.digest('hex').slice(0, 16);
}

/**
 * Every item of the three sets, read with the engine; kept in tmp/transfer-cache keyed by the
 * pack files and these scripts, so that trying a formula does not read 22,000 texts again.
 */
export function readItems(log: (s: string) => void = () => {}): { items: Item[]; versions: string } {
  const matcher = builtinMatcher();
  const versions = packVersions(matcher);
  const dir = join(repoRoot, 'tmp', 'transfer-cache');
  const file = join(dir, `items-${transferCacheKey('items-v3')}.json`);
  if (existsSync(file)) {
    log(`items read back from ${file}`);
    return { items: JSON.parse(readFileSync(file, 'utf8')) as Item[], versions };
  }
  const counts = matcher.feeds('index_state_media');
  const started = performance.now();
  const items: Item[] = rawItems().map((r) => {
    const { doc, matches, quotations, attributions, figures } = matcher.read(r.id, r.text);
    const hits: Record<string, [number, number]> = {};
    const registers: Record<string, string> = {};
    for (const m of matches) {
      if (!counts(m)) continue;
      const key = `${m.pack}/${m.entryId}`;
      const c = hits[key] ?? [0, 0];
      if (m.voice === 'authorial') c[0]++;
      c[1]++;
      hits[key] = c;
      registers[key] = m.category.split('.')[1] ?? '';
    }
    return {
      set: r.set,
      id: r.id,
      outlet: r.outlet,
      state: r.state,
      event: r.event,
      words: doc.wordCount,
      sentences: doc.sentences.length,
      figures: registryFigures(figures),
      hits,
      registers,
      bag: authorialBag(doc, quotedRanges(quotations, attributions)),
    };
  });
  log(`${items.length} items read in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(items));
  return { items, versions };
}

// ---------------------------------------------------------------------------------------------
// Formulas and protocols

/** An index formula: learns what it needs from training items, then scores any item. */
export interface Formula {
  readonly name: string;
  readonly learn: (training: readonly Item[]) => (item: Item) => number;
}

const auc = (items: readonly Item[], score: (i: Item) => number) =>
  rocAuc(
    items.map(score),
    items.map((i) => i.state),
  );

export interface SetFigures {
  readonly set: SetName;
  readonly auc: number | null;
  readonly halfA: number | null;
  readonly halfB: number | null;
}

/** Leave-one-set-out: learned on the two other sets, reported on the third (and its halves). */
export function leaveOneSetOut(items: readonly Item[], formula: Formula): SetFigures[] {
  return SETS.map((set) => {
    const test = items.filter((i) => i.set === set);
    const score = formula.learn(items.filter((i) => i.set !== set));
    const inA = splitHalves(
      test.map((i) => i.id),
      test.map((i) => i.state),
    );
    return {
      set,
      auc: auc(test, score),
      halfA: auc(
        test.filter((_, k) => inA[k]),
        score,
      ),
      halfB: auc(
        test.filter((_, k) => !inA[k]),
        score,
      ),
    };
  });
}

export interface PairFigure {
  readonly set: SetName;
  readonly state: string;
  readonly other: string;
  readonly auc: number | null;
}

/**
 * Leave-one-outlet-out, in pairs: for each state outlet and each other outlet of a set, learned on
 * every item of every set except those two outlets' (an outlet's name is held out in every set it
 * appears in), reported as the ROC-AUC between the two outlets' items of that set.
 */
export function leaveOutletPairsOut(items: readonly Item[], formula: Formula): PairFigure[] {
  const out: PairFigure[] = [];
  for (const set of SETS) {
    const inSet = items.filter((i) => i.set === set);
    const states = [...new Set(inSet.filter((i) => i.state).map((i) => i.outlet))].sort();
    const others = [...new Set(inSet.filter((i) => !i.state).map((i) => i.outlet))].sort();
    for (const s of states)
      for (const o of others) {
        const score = formula.learn(items.filter((i) => i.outlet !== s && i.outlet !== o));
        out.push({
          set,
          state: s,
          other: o,
          auc: auc(
            inSet.filter((i) => i.outlet === s || i.outlet === o),
            score,
          ),
        });
      }
  }
  return out;
}

/** Leave-one-event-out on the Ukraine set: learned on every other item, reported on the event. */
export function leaveOneEventOut(
  items: readonly Item[],
  formula: Formula,
): { event: string; n: number; auc: number | null }[] {
  const ruwa = items.filter((i) => i.set === 'ruwa-ukraine-2022');
  return [...new Set(ruwa.map((i) => i.event))].sort().map((event) => {
    const test = ruwa.filter((i) => i.event === event);
    const score = formula.learn(items.filter((i) => !(i.set === 'ruwa-ukraine-2022' && i.event === event)));
    return { event, n: test.length, auc: auc(test, score) };
  });
}

/**
 * Per outlet of a set, under leave-one-set-out (the formula learned without the set): articles,
 * share with at least one authorial hit of an entry the formula gives weight, and median score.
 */
export function outletProfile(
  items: readonly Item[],
  formula: Formula,
  counts: (item: Item, score: (i: Item) => number) => boolean,
): { set: SetName; outlet: string; state: boolean; n: number; withHit: number; median: number }[] {
  return SETS.flatMap((set) => {
    const test = items.filter((i) => i.set === set);
    const score = formula.learn(items.filter((i) => i.set !== set));
    const outlets = [...new Set(test.map((i) => i.outlet))].sort();
    return outlets
      .map((outlet) => {
        const own = test.filter((i) => i.outlet === outlet);
        return {
          set,
          outlet,
          state: own[0]?.state ?? false,
          n: own.length,
          withHit: own.filter((i) => counts(i, score)).length / own.length,
          median: median(own.map(score)),
        };
      })
      .sort((a, b) => Number(b.state) - Number(a.state) || a.outlet.localeCompare(b.outlet));
  });
}

/** The lines eval-transfer prints for one formula. */
export function formulaReport(
  items: readonly Item[],
  formula: Formula,
  hasHit: (item: Item, score: (i: Item) => number) => boolean,
): string[] {
  const lines: string[] = [`### ${formula.name}`, ''];
  const loso = leaveOneSetOut(items, formula);
  lines.push(
    `leave-one-set-out ROC-AUC: ${loso.map((f) => `${f.set} ${fixed(f.auc)} (halves ${fixed(f.halfA)} / ${fixed(f.halfB)})`).join('; ')}`,
  );
  const pairs = leaveOutletPairsOut(items, formula);
  const byOutlet = new Map<string, number[]>();
  for (const p of pairs)
    for (const o of [p.state, p.other]) {
      const key = `${p.set}:${o}`;
      byOutlet.set(key, [...(byOutlet.get(key) ?? []), p.auc ?? Number.NaN]);
    }
  lines.push(
    `leave-outlet-pair-out ROC-AUC (min / median over the pairs an outlet is in): ${[...byOutlet]
      .map(([k, v]) => `${k} ${fixed(Math.min(...v))}/${fixed(median(v))}`)
      .join('; ')}`,
  );
  const loeo = leaveOneEventOut(items, formula);
  lines.push(
    `leave-one-event-out (ruwa) ROC-AUC: ${loeo.map((e) => `${e.event} (${e.n}) ${fixed(e.auc)}`).join('; ')}`,
  );
  lines.push(
    '',
    '| set | outlet | state | n | with >= 1 authorial hit | median score |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const p of outletProfile(items, formula, hasHit))
    lines.push(
      `| ${p.set} | ${p.outlet} | ${p.state ? 'yes' : 'no'} | ${p.n} | ${(100 * p.withHit).toFixed(1)}% | ${fixed(p.median, 2)} |`,
    );
  lines.push('');
  return lines;
}
